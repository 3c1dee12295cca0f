/**
 * What Shopify signs in demo mode, done locally with the app secret: App Proxy query signatures and
 * App Bridge session tokens (HS256 JWTs). Both are verified by the unchanged shopify-app-remix code.
 */
import { createHmac, randomUUID } from "node:crypto";

/**
 * The App Proxy signature: every query parameter except `signature`, repeated keys joined with `,`,
 * each as `key=value`, sorted, concatenated with no separator, HMAC-SHA256 with the app secret, hex.
 */
export function appProxySignature(params: URLSearchParams, secret: string): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === "signature") continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  const message = [...grouped.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

export interface ProxyContext {
  shop: string;
  /** Empty for a guest, as Shopify sends it. */
  loggedInCustomerId: string;
  pathPrefix: string;
  secret: string;
  now?: Date;
}

/** Adds Shopify's App Proxy parameters and signature to a forwarded query. */
export function signAppProxyQuery(original: URLSearchParams, ctx: ProxyContext): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of original) {
    // Shopify owns these names: a shopper cannot smuggle their own.
    if (["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"].includes(key)) continue;
    params.append(key, value);
  }
  params.set("shop", ctx.shop);
  params.set("logged_in_customer_id", ctx.loggedInCustomerId);
  params.set("path_prefix", ctx.pathPrefix);
  params.set("timestamp", String(Math.floor((ctx.now ?? new Date()).getTime() / 1000)));
  params.set("signature", appProxySignature(params, ctx.secret));
  return params;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export interface SessionTokenClaims {
  shop: string;
  apiKey: string;
  secret: string;
  staffUserId: string;
  /** Lifetime in seconds (Shopify's tokens live one minute). */
  ttl?: number;
  now?: Date;
}

/** An App Bridge session token as Shopify mints it for an embedded app. */
export function mintSessionToken(c: SessionTokenClaims): { token: string; exp: number } {
  const iat = Math.floor((c.now ?? new Date()).getTime() / 1000);
  const exp = iat + (c.ttl ?? 60);
  const payload = {
    iss: `https://${c.shop}/admin`,
    dest: `https://${c.shop}`,
    aud: c.apiKey,
    sub: c.staffUserId,
    exp,
    nbf: iat - 1,
    iat,
    jti: randomUUID(),
    sid: createHmac("sha256", c.secret).update(`${c.shop}:${c.staffUserId}`).digest("hex").slice(0, 32),
  };
  const unsigned = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(payload))}`;
  const signature = createHmac("sha256", c.secret).update(unsigned).digest("base64url");
  return { token: `${unsigned}.${signature}`, exp };
}

/** The `host` parameter Shopify adds to embedded app URLs: base64 of the admin host path. */
export function adminHostParam(shop: string): string {
  return Buffer.from(`admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}`).toString("base64");
}
