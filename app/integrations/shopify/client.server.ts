/**
 * The GraphQL client shape shared by shopify-app-remix's `admin.graphql` and `storefront.graphql`
 * (and by tests): one call per operation, a Response back. Every call carries a timeout.
 */
export type GraphqlClient = (
  query: string,
  options?: { variables?: Record<string, unknown>; signal?: AbortSignal },
) => Promise<Response>;

export type ShopifyErrorKind = "rate_limited" | "auth" | "upstream" | "timeout";

export class ShopifyError extends Error {
  constructor(
    readonly kind: ShopifyErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "ShopifyError";
  }
}

export const SHOPIFY_TIMEOUT_MS = 8_000;

function withTimeout(signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(SHOPIFY_TIMEOUT_MS);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

function mapError(error: unknown): ShopifyError {
  if (error instanceof ShopifyError) return error;
  const e = error as { name?: string; response?: { status?: number }; message?: string };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return new ShopifyError("timeout", "Shopify timed out");
  const status = e?.response?.status;
  if (status === 429) return new ShopifyError("rate_limited", "Shopify rate limited the request");
  if (status === 401 || status === 403) return new ShopifyError("auth", "Shopify refused the credentials");
  return new ShopifyError("upstream", "Shopify request failed");
}

/** Runs one operation; returns `data` or throws a ShopifyError (GraphQL errors included). */
export async function runGraphql<T>(
  client: GraphqlClient,
  query: string,
  variables: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await client(query, { variables, signal: withTimeout(signal) });
  } catch (error) {
    throw mapError(error);
  }
  if (response.status === 429) throw new ShopifyError("rate_limited", "Shopify rate limited the request");
  if (response.status === 401 || response.status === 403)
    throw new ShopifyError("auth", "Shopify refused the credentials");
  if (!response.ok) throw new ShopifyError("upstream", `Shopify answered ${response.status}`);
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors && (!Array.isArray(body.errors) || body.errors.length > 0)) {
    throw new ShopifyError("upstream", "Shopify answered with GraphQL errors");
  }
  if (!body.data) throw new ShopifyError("upstream", "Shopify answered without data");
  return body.data;
}

/** Mutations: throws when `userErrors` is not empty. */
export function assertNoUserErrors(payload: { userErrors?: { message: string }[] } | null | undefined): void {
  if (payload?.userErrors && payload.userErrors.length > 0) {
    throw new ShopifyError(
      "upstream",
      `Shopify refused the change: ${payload.userErrors.map((u) => u.message).join("; ")}`,
    );
  }
}
