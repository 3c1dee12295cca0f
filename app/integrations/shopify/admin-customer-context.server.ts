import { runGraphql, type GraphqlClient } from "./client.server";
import { adminOrderFields, mapAdminOrder, type AdminOrderNode } from "./admin-order-fields";
import type { OrderSummary } from "./types";

/** The signed-in shopper as the operator sees them: name, email and recent orders. */
export const ADMIN_CUSTOMER_CONTEXT = `#graphql
  query TandemAdminCustomerContext($id: ID!, $first: Int!) {
    customer(id: $id) {
      id
      firstName
      lastName
      email
      orders(first: $first, sortKey: CREATED_AT, reverse: true) {
        nodes { ${adminOrderFields} }
      }
    }
  }
`;

export interface CustomerContext {
  id: string;
  name: string;
  email: string | null;
  orders: OrderSummary[];
}

export async function adminCustomerContext(
  client: GraphqlClient,
  customerId: string,
  first: number,
  signal?: AbortSignal,
): Promise<CustomerContext | null> {
  const data = await runGraphql<{
    customer: {
      id: string;
      firstName: string | null;
      lastName: string | null;
      email: string | null;
      orders: { nodes: AdminOrderNode[] };
    } | null;
  }>(client, ADMIN_CUSTOMER_CONTEXT, { id: `gid://shopify/Customer/${customerId}`, first }, signal);
  const c = data.customer;
  if (!c) return null;
  return {
    id: customerId,
    name: [c.firstName, c.lastName].filter(Boolean).join(" "),
    email: c.email,
    orders: c.orders.nodes.map(mapAdminOrder),
  };
}
