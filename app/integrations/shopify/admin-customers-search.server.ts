import { runGraphql, type GraphqlClient } from "./client.server";

/** Customers by name or email (Shopify's customer search syntax), for the playground's picker. */
export const ADMIN_CUSTOMERS_SEARCH = `#graphql
  query TandemAdminCustomersSearch($query: String, $first: Int!) {
    customers(first: $first, query: $query, sortKey: NAME) {
      nodes { id firstName lastName email }
    }
  }
`;

export interface CustomerChoice {
  /** The numeric Shopify customer id. */
  id: string;
  name: string;
  email: string | null;
}

/** Shopify's search syntax treats quotes, colons and parentheses specially: search the words only. */
function searchQuery(raw: string): string | null {
  const words = raw.match(/[\p{L}\p{N}@._+-]+/gu) ?? [];
  return words.length ? words.slice(0, 6).join(" ") : null;
}

export async function adminCustomersSearch(
  client: GraphqlClient,
  raw: string,
  first = 20,
  signal?: AbortSignal,
): Promise<CustomerChoice[]> {
  const data = await runGraphql<{
    customers: { nodes: { id: string; firstName: string | null; lastName: string | null; email: string | null }[] };
  }>(client, ADMIN_CUSTOMERS_SEARCH, { query: searchQuery(raw), first }, signal);
  return data.customers.nodes.map((c) => ({
    id: c.id.replace(/^gid:\/\/shopify\/Customer\//, ""),
    name: [c.firstName, c.lastName].filter(Boolean).join(" ") || (c.email ?? c.id),
    email: c.email,
  }));
}
