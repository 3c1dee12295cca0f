/**
 * The demo store (tests/fixtures/demo-store.json, a copy of the shared fixture, never edited).
 * The seed, the local App Proxy's customer toggle, the App Bridge stand-in's product picker and the
 * Shopify GraphQL mocks all read their facts from this one file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface DemoVariant {
  id: string;
  gid: string;
  title: string;
  price: string;
  available: boolean;
  inventory: number;
}

export interface DemoProduct {
  handle: string;
  gid: string;
  title: string;
  productType: string;
  vendor: string;
  description: string;
  priceRange: { min: string; max: string };
  tags: string[];
  imageUrl: string;
  variants: DemoVariant[];
}

export interface DemoCustomer {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  locale?: string;
}

export interface DemoOperator {
  staffUserId: string;
  name: string;
  email: string;
  role: "admin" | "operator";
  capacity: number;
}

export interface DemoOrder {
  name: string;
  gid: string;
  customerId: string | null;
  email: string;
  createdAt: string;
  financialStatus: string;
  fulfillmentStatus: string;
  total: string;
  currency: string;
  lineItems: { title: string; variant: string | null; quantity: number; price: string }[];
  tracking: { company: string; number: string; url: string; status: string; estimatedDelivery?: string } | null;
  shippingAddress?: { city: string; country: string };
  note?: string | null;
}

export interface DemoPolicies {
  shippingPolicy: string;
  refundPolicy: string;
  privacyPolicy: string;
  termsOfService: string;
}

export interface DemoFaq {
  id: string;
  locale: string;
  question: string;
  answer: string;
  tags: string[];
}

export interface DemoStore {
  shop: {
    domain: string;
    name: string;
    currency: string;
    primaryLocale: string;
    locales: string[];
    timezone: string;
    businessHours: Record<string, [string, string] | null>;
    holidays: string[];
  };
  operators: DemoOperator[];
  products: DemoProduct[];
  customers: DemoCustomer[];
  orders: DemoOrder[];
  policies: DemoPolicies;
  faq: DemoFaq[];
}

export const DEMO_FIXTURE_PATH = "tests/fixtures/demo-store.json";

let cached: DemoStore | undefined;

/** The demo store fixture, read once from the project root. */
export function demoStore(root = process.cwd()): DemoStore {
  cached ??= JSON.parse(readFileSync(path.join(root, DEMO_FIXTURE_PATH), "utf8")) as DemoStore;
  return cached;
}
