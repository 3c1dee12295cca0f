import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { http, HttpResponse } from "msw";
import { createShopifyMockServer } from "../../mocks/shopify";
import { createShopifyData } from "../../../app/integrations/shopify/data.server";
import { assertNoUserErrors, ShopifyError, type GraphqlClient } from "../../../app/integrations/shopify/client.server";

const SHOP = "tandem-demo.myshopify.com";
const server = createShopifyMockServer();
const client =
  (api: "admin" | "storefront"): GraphqlClient =>
  (query, options) =>
    fetch(`https://${SHOP}/${api === "admin" ? "admin/" : ""}api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables: options?.variables ?? {} }),
      signal: options?.signal,
    });

beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("Shopify data for the assistant (answered by the demo-store mocks)", () => {
  const viaAdmin = createShopifyData(SHOP, client("admin"));
  const viaStorefront = createShopifyData(SHOP, client("admin"), client("storefront"));

  test.each([
    ["Admin", viaAdmin],
    ["Storefront", viaStorefront],
  ])("product search and lookup through the %s API give prices and stock", async (_api, data) => {
    const found = await data.searchProducts("kids snowboard", 3);
    expect(found.map((p) => p.title)).toEqual(["Kids First Tracks Snowboard"]);
    const board = await data.getProduct("summit-all-mountain-snowboard");
    expect(board).toMatchObject({ priceMin: "449.00", priceMax: "459.00", currency: "EUR", available: true });
    expect(board?.variants.find((v) => v.title === "156 cm")).toMatchObject({ available: false, inventory: 0 });
    expect(await data.getProduct("no-such-thing")).toBeNull();
  });

  test("orders by exact name and a customer's own orders", async () => {
    expect(await viaAdmin.findOrderByName("#1003")).toMatchObject({
      name: "#1003",
      customerId: "7003",
      email: "emma.schmidt@example.com",
      tracking: { company: "DHL", status: "IN_TRANSIT" },
    });
    expect(await viaAdmin.findOrderByName("#10")).toBeNull();
    expect((await viaAdmin.findOrderByName("#1006"))?.customerId).toBeNull();
    const giulia = await viaAdmin.customerOrders("7001", 10);
    expect(giulia.map((o) => o.name).sort()).toEqual(["#1001", "#1004"]);
  });

  test.each([
    ["Admin", viaAdmin],
    ["Storefront", viaStorefront],
  ])("shop policies through the %s API", async (_api, data) => {
    const policies = await data.policies();
    expect(policies.map((p) => p.type).sort()).toEqual(["privacy", "refund", "shipping", "terms"]);
    expect(policies.find((p) => p.type === "refund")?.body).toMatch(/within 30 days of delivery/);
  });

  test("HTTP and GraphQL failures become the four error kinds", async () => {
    server.use(http.post(/\/admin\/api\/[^/]+\/graphql\.json$/, () => new HttpResponse(null, { status: 429 })));
    await expect(viaAdmin.findOrderByName("#1001")).rejects.toMatchObject({ kind: "rate_limited" });
    server.use(http.post(/\/admin\/api\/[^/]+\/graphql\.json$/, () => new HttpResponse(null, { status: 401 })));
    await expect(viaAdmin.findOrderByName("#1001")).rejects.toMatchObject({ kind: "auth" });
    server.use(
      http.post(/\/admin\/api\/[^/]+\/graphql\.json$/, () => HttpResponse.json({ errors: [{ message: "bad" }] })),
    );
    await expect(viaAdmin.findOrderByName("#1001")).rejects.toBeInstanceOf(ShopifyError);
  });

  test("mutations with userErrors are refused", () => {
    expect(() => assertNoUserErrors({ userErrors: [{ message: "Title can't be blank" }] })).toThrow(
      /Title can't be blank/,
    );
    expect(() => assertNoUserErrors({ userErrors: [] })).not.toThrow();
  });
});
