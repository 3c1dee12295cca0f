import { numericId, type OrderSummary } from "./types";

/** Order fields shared by the Admin order operations (a fragment of text, not an operation). */
export const adminOrderFields = `
  id name email createdAt displayFinancialStatus displayFulfillmentStatus statusPageUrl
  customer { id }
  totalPriceSet { shopMoney { amount currencyCode } }
  lineItems(first: 20) { nodes { title variantTitle quantity } }
  fulfillments(first: 5) {
    displayStatus estimatedDeliveryAt
    trackingInfo(first: 1) { company number url }
  }
`;

export interface AdminOrderNode {
  id: string;
  name: string;
  email: string | null;
  createdAt: string;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  statusPageUrl: string | null;
  customer: { id: string } | null;
  totalPriceSet: { shopMoney: { amount: string; currencyCode: string } };
  lineItems: { nodes: { title: string; variantTitle: string | null; quantity: number }[] };
  fulfillments: {
    displayStatus: string | null;
    estimatedDeliveryAt: string | null;
    trackingInfo: { company: string | null; number: string | null; url: string | null }[];
  }[];
}

export function mapAdminOrder(n: AdminOrderNode): OrderSummary {
  const f = n.fulfillments[0];
  const t = f?.trackingInfo[0];
  return {
    id: n.id,
    name: n.name,
    email: n.email,
    customerId: numericId(n.customer?.id),
    createdAt: n.createdAt,
    financialStatus: n.displayFinancialStatus ?? "UNKNOWN",
    fulfillmentStatus: n.displayFulfillmentStatus,
    total: n.totalPriceSet.shopMoney.amount,
    currency: n.totalPriceSet.shopMoney.currencyCode,
    lineItems: n.lineItems.nodes.map((l) => ({ title: l.title, variant: l.variantTitle, quantity: l.quantity })),
    tracking: f
      ? {
          company: t?.company ?? null,
          number: t?.number ?? null,
          url: t?.url ?? null,
          status: f.displayStatus,
          estimatedDelivery: f.estimatedDeliveryAt,
        }
      : null,
    statusUrl: n.statusPageUrl,
  };
}
