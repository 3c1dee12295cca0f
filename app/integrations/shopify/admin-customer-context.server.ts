import { logger } from "../../logger.server";
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

/**
 * The customer context an admin page shows (the conversation view, the ticket detail): the customer
 * with their recent orders, or a sentence the operator can read when Shopify does not know them or
 * does not answer (logged without personal data).
 */
export async function customerContextForAdmin(
  shop: string,
  customerId: string,
  admin: GraphqlClient,
  first = 5,
): Promise<CustomerContext | { error: string }> {
  try {
    return (
      (await adminCustomerContext(admin, customerId, first)) ?? { error: "The customer was not found in Shopify." }
    );
  } catch (error) {
    logger.warn(
      { shop, kind: (error as { kind?: string }).kind, err: (error as Error).message },
      "customer context unavailable",
    );
    return { error: "Shopify did not answer; the customer's orders cannot be shown right now." };
  }
}
