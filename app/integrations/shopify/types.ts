/** Shapes the assistant works with, independent of Admin vs Storefront API. */
export interface ProductVariantSummary {
  id: string;
  title: string;
  price: string;
  available: boolean;
  inventory?: number | null;
}

export interface ProductSummary {
  id: string;
  handle: string;
  title: string;
  description: string;
  productType: string;
  vendor: string;
  tags: string[];
  priceMin: string;
  priceMax: string;
  currency: string;
  imageUrl: string | null;
  url: string;
  available: boolean;
  variants: ProductVariantSummary[];
}

export interface OrderSummary {
  id: string;
  name: string;
  email: string | null;
  /** Numeric Shopify customer id, or null for guest orders. */
  customerId: string | null;
  createdAt: string;
  financialStatus: string;
  fulfillmentStatus: string;
  total: string;
  currency: string;
  lineItems: { title: string; variant: string | null; quantity: number }[];
  tracking: {
    company: string | null;
    number: string | null;
    url: string | null;
    status: string | null;
    estimatedDelivery: string | null;
  } | null;
  statusUrl: string | null;
}

export interface ShopPolicy {
  type: "refund" | "shipping" | "privacy" | "terms";
  title: string;
  body: string;
  url: string | null;
}

export function numericId(gid: string | null | undefined): string | null {
  if (!gid) return null;
  const m = /(\d+)$/.exec(gid);
  return m ? m[1]! : null;
}
