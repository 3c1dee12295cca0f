import { z } from "zod";
import type { OrderSummary } from "../../integrations/shopify/types";
import type { ResponderCard } from "../../domain/responder";
import { writeAudit } from "../../repositories/audit.server";
import { allowOrderLookup, recordFailedOrderLookup } from "../order-guard.server";
import { refusal, type ToolContext, type ToolDefinition } from "./types";

/**
 * Order tools. Authorisation lives here, not in the prompt:
 * - list_my_orders needs the signed `logged_in_customer_id` and returns only that customer's orders;
 * - lookup_order gives a signed-in shopper only their own orders, and a guest only the order whose
 *   email equals the one they typed; every answer that is not a disclosure looks the same
 *   (no oracle), a guest's failures count toward brute-force limits, and each disclosure is
 *   audit-logged.
 */

const NOT_FOUND = "No order matches that number and email. Ask the shopper to check both, or offer a person.";

export function normaliseOrderName(raw: string): string | null {
  const cleaned = raw
    .trim()
    .replace(/^(order|ordine|commande|bestellung|pedido)\s*/i, "")
    .replace(/\s+/g, "");
  if (!/^#?[A-Za-z0-9-]{1,20}$/.test(cleaned)) return null;
  return cleaned.startsWith("#") ? cleaned : `#${cleaned}`;
}

function sameEmail(a: string | null, b: string): boolean {
  return !!a && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** What the shopper may learn about their order (no address, phone or payment details). */
function orderFacts(o: OrderSummary) {
  return {
    name: o.name,
    placedAt: o.createdAt.slice(0, 10),
    paymentStatus: o.financialStatus,
    fulfillmentStatus: o.fulfillmentStatus,
    total: `${o.total} ${o.currency}`,
    items: o.lineItems.map((l) => ({ title: l.title, variant: l.variant, quantity: l.quantity })),
    tracking: o.tracking
      ? {
          carrier: o.tracking.company,
          number: o.tracking.number,
          url: o.tracking.url,
          status: o.tracking.status,
          estimatedDelivery: o.tracking.estimatedDelivery?.slice(0, 10) ?? null,
        }
      : null,
  };
}

export function orderCard(o: OrderSummary): ResponderCard {
  const status = o.tracking?.status ?? o.fulfillmentStatus;
  return {
    type: "order",
    name: o.name,
    status: status.toLowerCase().replace(/_/g, " "),
    ...(o.tracking?.url ? { url: o.tracking.url } : o.statusUrl ? { url: o.statusUrl } : {}),
  };
}

async function disclose(ctx: ToolContext, order: OrderSummary, via: string) {
  await writeAudit(ctx.shop, {
    actorType: "ai",
    action: "order.disclosed",
    targetType: "order",
    targetId: order.id,
    data: {
      order: order.name,
      via,
      conversationId: ctx.conversationId,
      customerId: ctx.customerId,
      guest: !ctx.customerId,
    },
  });
  if (!ctx.cards.some((c) => c.type === "order" && c.name === order.name)) ctx.cards.push(orderCard(order));
  ctx.sources.push({ type: "order", id: order.name, title: `Order ${order.name}` });
}

const listSchema = z.object({ limit: z.number().int().min(1).max(5).optional() });

export const listMyOrders: ToolDefinition<typeof listSchema> = {
  name: "list_my_orders",
  description:
    "List the signed-in shopper's recent orders with status and tracking. Only works when the shopper is signed in to the store.",
  parameters: {
    type: "object",
    properties: { limit: { type: "integer", minimum: 1, maximum: 5 } },
    additionalProperties: false,
  },
  schema: listSchema,
  async run(args, ctx) {
    if (!ctx.customerId) {
      return refusal(
        "not_signed_in",
        "The shopper is not signed in. Ask for the order number and the order's email, then use lookup_order.",
      );
    }
    const data = await ctx.shopify();
    const orders = (await data.customerOrders(ctx.customerId, args.limit ?? 3, ctx.signal)).filter(
      // Defence in depth: never pass on an order that is not this customer's.
      (o) => o.customerId === ctx.customerId,
    );
    for (const o of orders) await disclose(ctx, o, "list_my_orders");
    return { ok: true, orders: orders.map(orderFacts) };
  },
};

const lookupSchema = z.object({
  order_number: z.string().trim().min(1).max(40),
  email: z.string().trim().email().max(200).optional(),
});

export const lookupOrder: ToolDefinition<typeof lookupSchema> = {
  name: "lookup_order",
  description:
    "Look up one order's status and tracking. Guests must give the order number AND the email used for the order; signed-in shoppers can look up only their own orders.",
  parameters: {
    type: "object",
    properties: {
      order_number: { type: "string", description: "e.g. #1003" },
      email: { type: "string", description: "The email the order was placed with (required for guests)" },
    },
    required: ["order_number"],
    additionalProperties: false,
  },
  schema: lookupSchema,
  async run(args, ctx) {
    const name = normaliseOrderName(args.order_number);
    if (!name) return refusal("invalid_order_number", "That does not look like an order number (e.g. #1003).");
    if (!ctx.customerId && !args.email) {
      return refusal("email_required", "Ask the shopper for the email address used for the order.");
    }
    // Guests prove ownership with a guess that can be brute-forced; a signed-in customer only ever
    // sees their own orders, so their lookups are not limited (order-guard.server.ts).
    const guest = ctx.customerId ? null : { shop: ctx.shop, conversationId: ctx.conversationId, visitor: ctx.visitor };
    if (guest && !(await allowOrderLookup(guest))) {
      return refusal(
        "rate_limited",
        "Too many order lookups in this chat. Offer to connect the shopper with a person instead.",
      );
    }
    const data = await ctx.shopify();
    const order = await data.findOrderByName(name, ctx.signal);
    const allowed =
      !!order && (ctx.customerId ? order.customerId === ctx.customerId : sameEmail(order.email, args.email!));
    if (!order || !allowed) {
      if (guest) await recordFailedOrderLookup(guest);
      return refusal("not_found", NOT_FOUND);
    }
    await disclose(ctx, order, ctx.customerId ? "lookup_order:customer" : "lookup_order:email");
    return { ok: true, order: orderFacts(order) };
  },
};
