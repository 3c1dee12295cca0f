/**
 * Shopify's App Proxy signature, once: the widget API verifies requests with it
 * (server/widget-api), the demo store's local App Proxy, the benchmarks and the tests sign with it.
 *
 * The algorithm (shopify-api's `validateHmac` with the `appProxy` signator): every query parameter
 * except `signature`, decoded, repeated keys joined with ",", each as `key=value`, sorted by key
 * (localeCompare), concatenated with no separator; HMAC-SHA256 with the app secret, hex; the
 * timestamp within 90 seconds.
 *
 * Shopify signs a repeated key as its values joined with ",": a shopper who adds
 * `logged_in_customer_id=7001` to a guest request gets `logged_in_customer_id=7001,` signed. Each
 * parameter Shopify sets is therefore accepted only once; a repeated one refuses the request.
 */
import { createHmac } from "node:crypto";
import { sameDigest } from "./constant-time";

const TOLERANCE_SEC = 90;
const HEX_SHA256 = /^[0-9a-f]{64}$/;
const collator = new Intl.Collator();

/** Parameters Shopify sets once per request (and the admin `hmac`): a repeat is refused with 400. */
export const SINGLE_VALUED_PARAMS: ReadonlySet<string> = new Set([
  "shop",
  "logged_in_customer_id",
  "path_prefix",
  "timestamp",
  "signature",
  "hmac",
]);

export const REPEATED_PARAM_MESSAGE = (key: string) => `${key}: must appear once`;
export const BAD_CUSTOMER_ID_MESSAGE = "logged_in_customer_id: must be a Shopify customer id (digits) or empty";

/** Shopify customer ids are positive integers; 20 digits is far beyond any real one. */
const CUSTOMER_ID = /^[0-9]{1,20}$/;

/**
 * The signed `logged_in_customer_id` as Tandem uses it: null for a guest (absent or empty, as
 * Shopify sends it), the digits for a signed-in customer, undefined when it is neither (the request
 * is refused: a malformed id must not quietly become a guest, nor a customer).
 */
export function signedCustomerId(raw: string | null | undefined): string | null | undefined {
  if (raw === null || raw === undefined || raw === "") return null;
  return CUSTOMER_ID.test(raw) ? raw : undefined;
}

/** The signed message for grouped parameters (key → values joined with ","), `signature`/`hmac` left out. */
function signedMessage(grouped: Map<string, string>): string {
  const keys: string[] = [];
  for (const k of grouped.keys()) if (k !== "signature" && k !== "hmac") keys.push(k);
  // Sorted on every request: nothing derived from a request is cached or shared before its
  // signature is verified (a cache keyed by the keys let unsigned requests poison the order).
  keys.sort(collator.compare);
  let message = "";
  for (const k of keys) message += `${k}=${grouped.get(k)}`;
  return message;
}

function hmac(message: string, secret: string): string {
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** The App Proxy signature of a query (repeated keys joined with ","), as Shopify computes it. */
export function appProxySignature(params: Iterable<[string, string]>, secret: string): string {
  const grouped = new Map<string, string>();
  for (const [key, value] of params) {
    if (key === "signature") continue;
    const existing = grouped.get(key);
    grouped.set(key, existing === undefined ? value : `${existing},${value}`);
  }
  return hmac(signedMessage(grouped), secret);
}

export interface AppProxySigner {
  shop: string;
  /** Empty for a guest, as Shopify sends it. */
  loggedInCustomerId: string;
  pathPrefix: string;
  secret: string;
  now?: Date;
}

/** Adds Shopify's App Proxy parameters and signature to a forwarded query (the demo's local proxy, load tools). */
export function signAppProxyQuery(original: URLSearchParams, ctx: AppProxySigner): URLSearchParams {
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

function decodePart(part: string): string {
  return part.includes("%") || part.includes("+") ? decodeURIComponent(part.replaceAll("+", " ")) : part;
}

/**
 * Splits a query string into decoded key/value pairs as URLSearchParams does (`+` is a space),
 * without building one; null for a malformed percent-escape (such a request is refused).
 */
function parseQuery(search: string): [string, string][] | null {
  const pairs: [string, string][] = [];
  try {
    for (const part of search.split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      pairs.push(eq === -1 ? [decodePart(part), ""] : [decodePart(part.slice(0, eq)), decodePart(part.slice(eq + 1))]);
    }
  } catch {
    return null;
  }
  return pairs;
}

/** A verified App Proxy query, or why it is refused (a message for a 400 invalid_request, else a bare 400). */
export type AppProxyCheck =
  { ok: true; params: Map<string, string>; customerId: string | null } | { ok: false; message?: string };

/**
 * Checks an App Proxy query string: the parameter set (single-valued parameters once), the
 * signature and timestamp, then the signed customer id (null for a guest).
 */
export function checkAppProxyQuery(
  search: string,
  secret: string,
  nowSec = Math.trunc(Date.now() / 1000),
): AppProxyCheck {
  const params = new Map<string, string>();
  let signature: string | undefined;
  const pairs = parseQuery(search);
  if (!pairs) return { ok: false };
  for (const [key, value] of pairs) {
    if (key === "signature") {
      if (signature !== undefined) return { ok: false, message: REPEATED_PARAM_MESSAGE(key) };
      signature = value;
      continue;
    }
    const existing = params.get(key);
    if (existing === undefined) params.set(key, value);
    else if (SINGLE_VALUED_PARAMS.has(key)) return { ok: false, message: REPEATED_PARAM_MESSAGE(key) };
    else params.set(key, `${existing},${value}`);
  }
  if (!signature) return { ok: false };
  // shopify-app-remix drops an empty `index` parameter before verifying.
  if (params.has("index") && !params.get("index")) params.delete("index");
  const timestamp = params.get("timestamp");
  if (timestamp === undefined || !/^-?\d+$/.test(timestamp)) return { ok: false };
  if (Math.abs(nowSec - Number(timestamp)) > TOLERANCE_SEC) return { ok: false };
  if (!HEX_SHA256.test(signature)) return { ok: false };
  if (!sameDigest(signature, hmac(signedMessage(params), secret))) return { ok: false };
  const customerId = signedCustomerId(params.get("logged_in_customer_id"));
  if (customerId === undefined) return { ok: false, message: BAD_CUSTOMER_ID_MESSAGE };
  return { ok: true, params, customerId };
}

/** Verifies an App Proxy query string: the decoded parameters, or null when it is refused. */
export function verifyAppProxyQuery(
  search: string,
  secret: string,
  nowSec = Math.trunc(Date.now() / 1000),
): Map<string, string> | null {
  const checked = checkAppProxyQuery(search, secret, nowSec);
  return checked.ok ? checked.params : null;
}
