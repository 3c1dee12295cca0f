/**
 * Admin requests to the running test app as the embedded admin makes them: a session token (signed
 * with the app secret by @shopify/shopify-api's test helper, `sub` = the staff member) in the
 * Authorization header, as App Bridge adds it to the app's own fetches.
 */
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { API_KEY, API_SECRET } from "./proxy-server";

const DESKTOP_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

export interface AdminCall {
  method?: string;
  /** A JSON body. */
  json?: unknown;
  /** Any other body (FormData for uploads). */
  body?: BodyInit;
  /** The staff member's id (the token's `sub`). */
  staff?: string;
}

export async function adminFetch(appUrl: string, shop: string, pathname: string, call: AdminCall = {}) {
  const { token } = await getJwt(shop.replace(/\.myshopify\.com$/, ""), API_KEY, API_SECRET, {
    sub: call.staff ?? "90001",
  });
  const body = call.json !== undefined ? JSON.stringify(call.json) : call.body;
  return fetch(`${appUrl}${pathname}`, {
    method: call.method ?? (body !== undefined ? "POST" : "GET"),
    headers: {
      Authorization: `Bearer ${token}`,
      "User-Agent": DESKTOP_UA,
      ...(call.json !== undefined ? { "Content-Type": "application/json" } : {}),
    },
    body,
  });
}

/** `adminFetch` and the JSON answer. */
export async function adminJsonCall<T = Record<string, unknown>>(
  appUrl: string,
  shop: string,
  pathname: string,
  call: AdminCall = {},
): Promise<{ status: number; body: T }> {
  const res = await adminFetch(appUrl, shop, pathname, call);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${res.status} ${pathname} answered no JSON: ${text.slice(0, 300)}`);
  }
  return { status: res.status, body: body as T };
}
