import { runGraphql, type GraphqlClient } from "./client.server";
import { adminOrderFields, mapAdminOrder, type AdminOrderNode } from "./admin-order-fields";
import type { OrderSummary } from "./types";

export const ADMIN_ORDER_BY_NAME = `#graphql
  query TandemAdminOrderByName($query: String!) {
    orders(first: 1, query: $query) {
      nodes { ${adminOrderFields} }
    }
  }
`;

/** `name` must already be validated (letters, digits, # and - only: no search syntax). */
export async function adminFindOrderByName(
  client: GraphqlClient,
  name: string,
  signal?: AbortSignal,
): Promise<OrderSummary | null> {
  const data = await runGraphql<{ orders: { nodes: AdminOrderNode[] } }>(
    client,
    ADMIN_ORDER_BY_NAME,
    { query: `name:${name}` },
    signal,
  );
  const node = data.orders.nodes[0];
  // Shopify's search is fuzzy: accept only an exact name match.
  const want = name.replace(/^#/, "").toLowerCase();
  return node && node.name.replace(/^#/, "").toLowerCase() === want ? mapAdminOrder(node) : null;
}
