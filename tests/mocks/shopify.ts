/**
 * msw handlers for Shopify's Admin and Storefront GraphQL APIs, answering from the demo store
 * fixture (tests/fixtures/demo-store.json): product search and lookup, orders by name, a
 * customer's orders, customers by id or email, shop facts and policies; and the token exchange that
 * names a staff member. Used by the tests AND by
 * demo mode. Dispatch is by the root fields of the operation, so any operation asking for these
 * objects gets an answer; the objects carry both the Admin and the Storefront field names.
 */
import { http, HttpResponse, type AnyHandler } from "msw";
import { setupServer } from "msw/node";
import { demoStore, type DemoCustomer, type DemoOrder, type DemoProduct } from "../../app/demo/fixture.server";

export { demoStore, type DemoStore } from "../../app/demo/fixture.server";

const money = (amount: string, currencyCode: string) => ({ amount, currencyCode });

function productNode(p: DemoProduct, currency: string, shop: string) {
  const variants = p.variants.map((v) => ({
    id: v.gid,
    title: v.title,
    sku: v.id,
    // Admin: price is a string; Storefront: a MoneyV2. Both shapes are served.
    price: v.price,
    priceV2: money(v.price, currency),
    availableForSale: v.available,
    inventoryQuantity: v.inventory,
    quantityAvailable: v.inventory,
  }));
  return {
    id: p.gid,
    handle: p.handle,
    title: p.title,
    description: p.description,
    descriptionHtml: `<p>${p.description}</p>`,
    productType: p.productType,
    vendor: p.vendor,
    tags: p.tags,
    status: "ACTIVE",
    onlineStoreUrl: `https://${shop}/products/${p.handle}`,
    totalInventory: p.variants.reduce((s, v) => s + v.inventory, 0),
    availableForSale: p.variants.some((v) => v.available),
    priceRangeV2: {
      minVariantPrice: money(p.priceRange.min, currency),
      maxVariantPrice: money(p.priceRange.max, currency),
    },
    priceRange: {
      minVariantPrice: money(p.priceRange.min, currency),
      maxVariantPrice: money(p.priceRange.max, currency),
    },
    featuredImage: p.imageUrl ? { url: p.imageUrl, altText: p.title } : null,
    featuredMedia: p.imageUrl ? { preview: { image: { url: p.imageUrl, altText: p.title } } } : null,
    variants: { nodes: variants, edges: variants.map((node) => ({ node })) },
  };
}

function withStorefrontVariantPrice(node: ReturnType<typeof productNode>) {
  return {
    ...node,
    variants: {
      nodes: node.variants.nodes.map((v) => ({ ...v, price: v.priceV2 })),
      edges: node.variants.nodes.map((v) => ({ node: { ...v, price: v.priceV2 } })),
    },
  };
}

function orderNode(o: DemoOrder, shop: string) {
  const customer = o.customerId ? demoStore().customers.find((c) => c.id === o.customerId) : undefined;
  const lineItems = o.lineItems.map((l) => ({
    title: l.title,
    name: l.variant ? `${l.title} - ${l.variant}` : l.title,
    variantTitle: l.variant,
    quantity: l.quantity,
    originalUnitPriceSet: { shopMoney: money(l.price, o.currency) },
  }));
  return {
    id: o.gid,
    name: o.name,
    email: o.email,
    createdAt: o.createdAt,
    processedAt: o.createdAt,
    displayFinancialStatus: o.financialStatus,
    displayFulfillmentStatus: o.fulfillmentStatus,
    statusPageUrl: `https://${shop}/account/orders/${o.gid.split("/").pop()}`,
    note: o.note ?? null,
    customer: customer
      ? {
          id: `gid://shopify/Customer/${customer.id}`,
          firstName: customer.firstName,
          lastName: customer.lastName,
          displayName: `${customer.firstName} ${customer.lastName}`,
          email: customer.email,
        }
      : null,
    totalPriceSet: { shopMoney: money(o.total, o.currency), presentmentMoney: money(o.total, o.currency) },
    currentTotalPriceSet: { shopMoney: money(o.total, o.currency) },
    shippingAddress: o.shippingAddress
      ? { city: o.shippingAddress.city, countryCodeV2: o.shippingAddress.country }
      : null,
    lineItems: { nodes: lineItems, edges: lineItems.map((node) => ({ node })) },
    fulfillments: o.tracking
      ? [
          {
            status: "SUCCESS",
            displayStatus: o.tracking.status.toUpperCase(),
            estimatedDeliveryAt: o.tracking.estimatedDelivery ? `${o.tracking.estimatedDelivery}T18:00:00Z` : null,
            trackingInfo: [{ company: o.tracking.company, number: o.tracking.number, url: o.tracking.url }],
          },
        ]
      : [],
  };
}

function customerNode(c: DemoCustomer, shop: string, ordersFirst = 10) {
  const orders = demoStore()
    .orders.filter((o) => o.customerId === c.id)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, ordersFirst)
    .map((o) => orderNode(o, shop));
  return {
    id: `gid://shopify/Customer/${c.id}`,
    firstName: c.firstName,
    lastName: c.lastName,
    displayName: `${c.firstName} ${c.lastName}`,
    email: c.email,
    phone: c.phone ?? null,
    locale: c.locale ?? null,
    numberOfOrders: String(orders.length),
    orders: { nodes: orders, edges: orders.map((node) => ({ node })) },
  };
}

/** Search like Shopify's, simplified: field prefixes and wildcards dropped; all words, else any. */
function searchProducts(query: string, first: number): DemoProduct[] {
  const cleaned = query
    .toLowerCase()
    .replace(/status:\w+/g, " ")
    .replace(/\b(and|or|not)\b/g, " ")
    .replace(/\w+:/g, " ")
    .replace(/[()*"']/g, " ");
  const words = cleaned.split(/[^a-z0-9à-ü]+/).filter((w) => w.length > 1);
  const products = demoStore().products;
  if (words.length === 0) return products.slice(0, first);
  const text = (p: DemoProduct) =>
    `${p.title} ${p.handle} ${p.productType} ${p.vendor} ${p.tags.join(" ")} ${p.description}`.toLowerCase();
  const stems = words.map((w) => w.replace(/(es|s)$/, ""));
  const scored = products.map((p) => ({ p, n: stems.filter((w) => text(p).includes(w)).length }));
  const all = scored.filter((s) => s.n === stems.length);
  const list = all.length > 0 ? all : scored.filter((s) => s.n > 0).sort((a, b) => b.n - a.n);
  return list.slice(0, first).map((s) => s.p);
}

function findOrders(query: string): DemoOrder[] {
  const orders = demoStore().orders;
  const name = /name:\s*"?#?([\w-]+)"?/i.exec(query)?.[1];
  if (name) return orders.filter((o) => o.name.replace(/^#/, "").toLowerCase() === name.toLowerCase());
  const email = /email:\s*"?([^\s"]+)"?/i.exec(query)?.[1];
  if (email) return orders.filter((o) => o.email.toLowerCase() === email.toLowerCase());
  const customerId = /customer_id:\s*"?(\d+)"?/i.exec(query)?.[1];
  if (customerId) return orders.filter((o) => o.customerId === customerId);
  const bare = query.trim().replace(/^#/, "");
  if (bare) return orders.filter((o) => o.name.replace(/^#/, "") === bare);
  return orders;
}

function numericFromGid(id: unknown): string {
  return (
    String(id ?? "")
      .split("/")
      .pop() ?? ""
  );
}

type Vars = Record<string, unknown>;

function policiesAdmin() {
  const p = demoStore().policies;
  return [
    { type: "REFUND_POLICY", title: "Refund policy", body: p.refundPolicy, url: null },
    { type: "SHIPPING_POLICY", title: "Shipping policy", body: p.shippingPolicy, url: null },
    { type: "PRIVACY_POLICY", title: "Privacy policy", body: p.privacyPolicy, url: null },
    { type: "TERMS_OF_SERVICE", title: "Terms of service", body: p.termsOfService, url: null },
  ];
}

function shopNode(shop: string) {
  const s = demoStore().shop;
  const p = demoStore().policies;
  return {
    id: "gid://shopify/Shop/1",
    name: s.name,
    email: "hello@alpinepeak.example",
    myshopifyDomain: s.domain,
    currencyCode: s.currency,
    primaryDomain: { url: `https://${shop}`, host: shop },
    ianaTimezone: s.timezone,
    shopPolicies: policiesAdmin(),
    refundPolicy: { title: "Refund policy", body: p.refundPolicy, url: null },
    shippingPolicy: { title: "Shipping policy", body: p.shippingPolicy, url: null },
    privacyPolicy: { title: "Privacy policy", body: p.privacyPolicy, url: null },
    termsOfService: { title: "Terms of service", body: p.termsOfService, url: null },
  };
}

function intVar(vars: Vars, key: string, fallback: number): number {
  const v = vars[key];
  return typeof v === "number" ? v : fallback;
}

/** Answers one GraphQL operation from the fixture. `api` decides the product variant price shape. */
export function answerShopifyGraphql(api: "admin" | "storefront", shop: string, query: string, vars: Vars) {
  const data: Record<string, unknown> = {};
  const body = query.replace(/#graphql/g, "");
  const store = demoStore();
  const product = (p: DemoProduct) => {
    const node = productNode(p, store.shop.currency, shop);
    return api === "storefront" ? withStorefrontVariantPrice(node) : node;
  };
  const first = intVar(vars, "first", 10);

  if (/\bproductByIdentifier\s*\(/.test(body)) {
    const handle = String((vars.identifier as { handle?: string } | undefined)?.handle ?? vars.handle ?? "");
    const found = store.products.find((p) => p.handle === handle || p.gid === vars.id);
    data.productByIdentifier = found ? product(found) : null;
  } else if (/\bproduct\s*\(/.test(body)) {
    const found = store.products.find((p) => p.handle === vars.handle || p.gid === vars.id);
    data.product = found ? product(found) : null;
  }
  if (/\bproducts\s*\(/.test(body)) {
    const nodes = searchProducts(String(vars.query ?? ""), first).map(product);
    data.products = { nodes, edges: nodes.map((node) => ({ node })) };
  }
  if (/\borders\s*\(/.test(body) && !/\bcustomer\s*\(/.test(body)) {
    const nodes = findOrders(String(vars.query ?? ""))
      .slice(0, first)
      .map((o) => orderNode(o, shop));
    data.orders = { nodes, edges: nodes.map((node) => ({ node })) };
  }
  if (/\border\s*\(/.test(body)) {
    const found = store.orders.find((o) => o.gid === vars.id);
    data.order = found ? orderNode(found, shop) : null;
  }
  if (/\bcustomer\s*\(/.test(body)) {
    const id = numericFromGid(vars.id ?? vars.customerId);
    const c = store.customers.find((x) => x.id === id);
    data.customer = c ? customerNode(c, shop, first) : null;
  }
  if (/\bcustomers\s*\(/.test(body)) {
    const q = String(vars.query ?? "").toLowerCase();
    const email = /email:\s*"?([^\s"]+)"?/.exec(q)?.[1];
    const words = email ? [] : q.split(/\s+/).filter(Boolean);
    const nodes = store.customers
      .filter((c) => (email ? c.email.toLowerCase() === email : true))
      // a plain search matches every word in the name or email, as a prefix of one of their words
      .filter((c) => {
        const tokens = `${c.firstName} ${c.lastName} ${c.email}`.toLowerCase().split(/[\s@.]+/);
        return words.every((w) => tokens.some((t) => t.startsWith(w)) || c.email.toLowerCase() === w);
      })
      .slice(0, first)
      .map((c) => customerNode(c, shop));
    data.customers = { nodes, edges: nodes.map((node) => ({ node })) };
  }
  if (/\bshop\s*\{/.test(body)) data.shop = shopNode(shop);

  if (Object.keys(data).length === 0) {
    return { errors: [{ message: "This operation is not answered by the demo store mock" }] };
  }
  return { data };
}

async function handle(api: "admin" | "storefront", request: Request) {
  const shop = new URL(request.url).host;
  const json = (await request.json()) as { query?: string; variables?: Vars };
  return HttpResponse.json(answerShopifyGraphql(api, shop, json.query ?? "", json.variables ?? {}));
}

/** The staff member Shopify names in a token exchange answer (`associated_user`). */
export interface StaffUser {
  first_name: string;
  last_name: string;
  email: string;
  account_owner: boolean;
}

function fixtureStaff(sub: string): StaffUser | null {
  const op = demoStore().operators.find((o) => o.staffUserId === sub);
  if (!op) return null;
  const [first, ...last] = op.name.split(" ");
  return { first_name: first ?? "", last_name: last.join(" "), email: op.email, account_owner: op.role === "admin" };
}

/**
 * Shopify's token exchange (POST /admin/oauth/access_token) for an online access token: the answer
 * names the user of the session token's `sub` (the demo's staff members unless `staff` says otherwise).
 */
export function tokenExchangeHandler(staff: (sub: string) => StaffUser | null = fixtureStaff): AnyHandler {
  return http.post(/^https:\/\/[^/]+\/admin\/oauth\/access_token$/, async ({ request }) => {
    const body = (await request.json().catch(() => null)) as { subject_token?: string } | null;
    const payload = body?.subject_token?.split(".")[1];
    const sub = payload
      ? (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { sub?: unknown }).sub
      : null;
    const user = sub !== null && sub !== undefined ? staff(String(sub)) : null;
    if (!user) return HttpResponse.json({ error: "invalid_subject_token" }, { status: 400 });
    return HttpResponse.json({
      access_token: "shpua_test",
      scope: "read_products",
      expires_in: 86_399,
      associated_user_scope: "read_products",
      associated_user: { id: Number(sub), ...user, locale: "en", collaborator: false, email_verified: true },
    });
  });
}

export const shopifyHandlers: AnyHandler[] = [
  tokenExchangeHandler(),
  http.post(/^https:\/\/[^/]+\/admin\/api\/[^/]+\/graphql\.json$/, ({ request }) => handle("admin", request)),
  http.post(/^https:\/\/[^/]+\/api\/[^/]+\/graphql\.json$/, ({ request }) => handle("storefront", request)),
];

/**
 * An msw server with the Shopify handlers (call listen() yourself). `extra` handlers come first, so
 * they override the defaults for what they match (add per-test ones with use()).
 */
export function createShopifyMockServer(...extra: AnyHandler[]) {
  return setupServer(...extra, ...shopifyHandlers);
}
