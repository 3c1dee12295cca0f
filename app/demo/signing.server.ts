/**
 * What Shopify signs in demo mode, done locally with the app secret: App Bridge session tokens (HS256
 * JWTs), verified by the unchanged shopify-app-remix code. App Proxy queries are signed by the one
 * App Proxy module (app/lib/app-proxy.server.ts).
 */
import { createHmac, randomUUID } from "node:crypto";

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
