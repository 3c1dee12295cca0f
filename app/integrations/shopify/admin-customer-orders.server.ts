import { runGraphql, type GraphqlClient } from "./client.server";
import { adminOrderFields, mapAdminOrder, type AdminOrderNode } from "./admin-order-fields";
import type { OrderSummary } from "./types";

export const ADMIN_CUSTOMER_ORDERS = `#graphql
  query TandemAdminCustomerOrders($id: ID!, $first: Int!) {
    customer(id: $id) {
      id
      orders(first: $first, sortKey: CREATED_AT, reverse: true) {
        nodes { ${adminOrderFields} }
      }
    }
  }
`;

export async function adminCustomerOrders(
  client: GraphqlClient,
  customerId: string,
  first: number,
  signal?: AbortSignal,
): Promise<OrderSummary[]> {
  const data = await runGraphql<{ customer: { id: string; orders: { nodes: AdminOrderNode[] } } | null }>(
    client,
    ADMIN_CUSTOMER_ORDERS,
    { id: `gid://shopify/Customer/${customerId}`, first },
    signal,
  );
  return data.customer ? data.customer.orders.nodes.map(mapAdminOrder) : [];
}
