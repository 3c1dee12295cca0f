import { describe, expect, test } from "vitest";
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { adminHostParam, mintSessionToken } from "~/demo/signing.server";
import { appProxySignature, signAppProxyQuery } from "~/lib/app-proxy.server";

const SECRET = "tandem-demo-secret";
const API_KEY = "tandem-demo-key";
const SHOP = "tandem-demo.myshopify.com";

const api = shopifyApi({
  apiKey: API_KEY,
  apiSecretKey: SECRET,
  apiVersion: ApiVersion.October25,
  hostName: "localhost:3000",
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error, log: async () => undefined },
});

describe("the local App Proxy signature", () => {
  test("is accepted by shopify-api's app proxy validator", async () => {
    const signed = signAppProxyQuery(new URLSearchParams({ token: "abc", after: "3" }), {
      shop: SHOP,
      loggedInCustomerId: "7003",
      pathPrefix: "/apps/tandem",
      secret: SECRET,
    });
    await expect(api.utils.validateHmac(signed, { signator: "appProxy" })).resolves.toBe(true);
    expect(signed.get("logged_in_customer_id")).toBe("7003");
    expect(signed.get("path_prefix")).toBe("/apps/tandem");
  });

  test("joins repeated keys with commas, as Shopify does", () => {
    const params = new URLSearchParams([
      ["shop", SHOP],
      ["ids", "1"],
      ["ids", "2"],
      ["timestamp", "1"],
    ]);
    const single = new URLSearchParams([
      ["shop", SHOP],
      ["ids", "1,2"],
      ["timestamp", "1"],
    ]);
    expect(appProxySignature(params, SECRET)).toBe(appProxySignature(single, SECRET));
  });

  test("is rejected when the shopper changes a signed parameter", async () => {
    const signed = signAppProxyQuery(new URLSearchParams(), {
      shop: SHOP,
      loggedInCustomerId: "",
      pathPrefix: "/apps/tandem",
      secret: SECRET,
    });
    signed.set("logged_in_customer_id", "7001");
    await expect(api.utils.validateHmac(signed, { signator: "appProxy" })).resolves.toBe(false);
  });

  test("never lets the incoming query choose the shop or the customer", () => {
    const signed = signAppProxyQuery(
      new URLSearchParams({ shop: "evil.myshopify.com", logged_in_customer_id: "7001" }),
      {
        shop: SHOP,
        loggedInCustomerId: "",
        pathPrefix: "/apps/tandem",
        secret: SECRET,
      },
    );
    expect(signed.getAll("shop")).toEqual([SHOP]);
    expect(signed.getAll("logged_in_customer_id")).toEqual([""]);
  });
});

describe("demo session tokens", () => {
  test("decode with shopify-api as a session token for the demo staff member", async () => {
    const { token } = mintSessionToken({ shop: SHOP, apiKey: API_KEY, secret: SECRET, staffUserId: "90002" });
    const payload = await api.session.decodeSessionToken(token);
    expect(payload.sub).toBe("90002");
    expect(payload.dest).toBe(`https://${SHOP}`);
    expect(payload.iss).toBe(`https://${SHOP}/admin`);
    expect(payload.aud).toBe(API_KEY);
    expect(payload.exp - payload.iat).toBe(60);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("signed with another secret are refused", async () => {
    const { token } = mintSessionToken({ shop: SHOP, apiKey: API_KEY, secret: "other", staffUserId: "90001" });
    await expect(api.session.decodeSessionToken(token)).rejects.toThrow();
  });

  test("expired ones are refused", async () => {
    const { token } = mintSessionToken({
      shop: SHOP,
      apiKey: API_KEY,
      secret: SECRET,
      staffUserId: "90001",
      now: new Date(Date.now() - 10 * 60_000),
    });
    await expect(api.session.decodeSessionToken(token)).rejects.toThrow();
  });

  test("come with a host parameter that shopify-api accepts", () => {
    expect(api.utils.sanitizeHost(adminHostParam(SHOP))).toBe(adminHostParam(SHOP));
  });
});
