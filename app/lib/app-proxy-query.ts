/**
 * Rules for the parameters Shopify's App Proxy adds to every request, shared by the two places that
 * read them: the Remix routes (app/lib/proxy-http.server.ts, after shopify-app-remix verified the
 * signature) and the poll/message hot path (server/hot-path.ts `verifyAppProxyQuery`).
 *
 * Shopify signs a repeated key as its values joined with ",": a shopper who adds
 * `logged_in_customer_id=7001` to a guest request gets `logged_in_customer_id=7001,` signed. Each
 * parameter Shopify sets is therefore accepted only once; a repeated one refuses the request.
 */

/** Parameters Shopify sets once per request (and the admin `hmac`): a repeat is refused with 400. */
export const SINGLE_VALUED_PARAMS: ReadonlySet<string> = new Set([
  "shop",
  "logged_in_customer_id",
  "path_prefix",
  "timestamp",
  "signature",
  "hmac",
]);

/** The first single-valued parameter that appears more than once among `keys`, or null. */
export function repeatedSingleValuedParam(keys: Iterable<string>): string | null {
  const seen = new Set<string>();
  for (const key of keys) {
    if (!SINGLE_VALUED_PARAMS.has(key)) continue;
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return null;
}

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

export const REPEATED_PARAM_MESSAGE = (key: string) => `${key}: must appear once`;
export const BAD_CUSTOMER_ID_MESSAGE = "logged_in_customer_id: must be a Shopify customer id (digits) or empty";
