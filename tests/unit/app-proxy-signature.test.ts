/** The one App Proxy module verifies signatures exactly as shopify-api does. */
import { describe, expect, test } from "vitest";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { appProxySignature, checkAppProxyQuery, verifyAppProxyQuery } from "../../app/lib/app-proxy.server";

const SECRET = "hot-path-secret";

async function signed(query: string): Promise<string> {
  const req = await setUpValidRequest(
    { type: RequestType.Public, store: "sig-test", apiSecretKey: SECRET },
    new Request(`https://app.test/proxy/conversations/abc/poll?${query}`),
  );
  return new URL(req.url).search.slice(1);
}

describe("App Proxy signature check", () => {
  test("accepts a request signed by @shopify/shopify-api/test-helpers", async () => {
    const search = await signed("token=abc&after=3&logged_in_customer_id=&path_prefix=%2Fapps%2Ftandem");
    const params = verifyAppProxyQuery(search, SECRET);
    expect(params?.get("shop")).toBe("sig-test.myshopify.com");
    expect(params?.get("after")).toBe("3");
  });

  test("accepts the demo proxy's signature with repeated keys joined by commas", () => {
    const q = new URLSearchParams(
      "token=t&ids=1&ids=2&shop=s.myshopify.com&logged_in_customer_id=7&path_prefix=/apps/tandem",
    );
    q.set("timestamp", String(Math.floor(Date.now() / 1000)));
    q.set("signature", appProxySignature(q, SECRET));
    expect(verifyAppProxyQuery(q.toString(), SECRET)?.get("ids")).toBe("1,2");
  });

  test("refuses a changed parameter, a wrong secret and a missing signature", async () => {
    const search = await signed("token=abc&after=3");
    expect(verifyAppProxyQuery(search.replace("after=3", "after=4"), SECRET)).toBeNull();
    expect(verifyAppProxyQuery(search, "other-secret")).toBeNull();
    expect(verifyAppProxyQuery(search.replace(/&?signature=[0-9a-f]+/, ""), SECRET)).toBeNull();
  });

  test("decodes escapes and + like URLSearchParams; refuses malformed escapes and a signature in capitals", async () => {
    const search = await signed("token=a%2Bb%20c&note=hello+world&path_prefix=%2Fapps%2Ftandem");
    const params = verifyAppProxyQuery(search, SECRET);
    expect(params?.get("token")).toBe("a+b c");
    expect(params?.get("note")).toBe("hello world");
    expect(verifyAppProxyQuery(`${search}&bad=%E0%A4%A`, SECRET)).toBeNull();
    const upper = search.replace(/signature=([0-9a-f]+)/, (_, hex: string) => `signature=${hex.toUpperCase()}`);
    expect(verifyAppProxyQuery(upper, SECRET)).toBeNull();
  });

  test("refuses a timestamp more than 90 seconds away", async () => {
    const search = await signed("token=abc");
    const ts = Number(new URLSearchParams(search).get("timestamp"));
    expect(verifyAppProxyQuery(search, SECRET, ts + 89)).not.toBeNull();
    expect(verifyAppProxyQuery(search, SECRET, ts + 92)).toBeNull();
    expect(verifyAppProxyQuery(search, SECRET, ts - 92)).toBeNull();
  });

  test("refuses every single-valued parameter when repeated, with the parameter named", async () => {
    const search = await signed("token=abc&logged_in_customer_id=&path_prefix=%2Fapps%2Ftandem");
    const params = new URLSearchParams(search);
    for (const key of ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"]) {
      const repeated = `${search}&${key}=${encodeURIComponent(params.get(key)!)}`;
      expect(verifyAppProxyQuery(repeated, SECRET)).toBeNull();
      expect(checkAppProxyQuery(repeated, SECRET)).toEqual({ ok: false, message: `${key}: must appear once` });
    }
  });

  test("gives the signed customer id, null for a guest, and refuses one that is not digits", async () => {
    const customer = await signed("token=abc&logged_in_customer_id=7001");
    expect(checkAppProxyQuery(customer, SECRET)).toMatchObject({ ok: true, customerId: "7001" });
    const guest = await signed("token=abc&logged_in_customer_id=");
    expect(checkAppProxyQuery(guest, SECRET)).toMatchObject({ ok: true, customerId: null });
    const joined = await signed("token=abc&logged_in_customer_id=7001%2C");
    expect(checkAppProxyQuery(joined, SECRET)).toEqual({
      ok: false,
      message: expect.stringMatching(/^logged_in_customer_id: /),
    });
  });
});
