import { add, take, waitFor, type LimitSpec } from "../lib/limits.server";
import { logger } from "../logger.server";

/**
 * Brute-force protection for guests' order lookups (guessing order number / email pairs), counted
 * in app/lib/limits.server.ts (shared by every instance on PostgreSQL). Tightest first:
 * - per conversation: 5 lookups per 10 minutes, 3 failed ones per 15 minutes;
 * - per visitor (the sender's address, across the conversations they open): 10 failed per hour;
 * - per shop: 300 failed per hour, far above what one visitor can reach, so only a guessing
 *   campaign from many addresses pauses guest lookups for the shop.
 * Signed-in customers are never limited here: they can only ever see their own orders
 * (orders.server.ts), so there is nothing to guess, and their lookups count toward nothing.
 */
export const LIMITS = {
  lookupsPerConversation: { keyPrefix: "ai_order_lookup", points: 5, duration: 10 * 60 },
  failuresPerConversation: { keyPrefix: "ai_order_fail_conv", points: 3, duration: 15 * 60 },
  failuresPerVisitor: { keyPrefix: "ai_order_fail_visitor", points: 10, duration: 60 * 60 },
  failuresPerShop: { keyPrefix: "ai_order_fail_shop", points: 300, duration: 60 * 60 },
} satisfies Record<string, LimitSpec>;

/** Who is guessing: the shop, the conversation and, when known, the sender's visitor key. */
export interface Guesser {
  shop: string;
  conversationId: string;
  visitor: string | null;
}

function failureKeys(g: Guesser): [LimitSpec, string][] {
  return [
    [LIMITS.failuresPerConversation, `${g.shop}:${g.conversationId}`],
    ...(g.visitor ? [[LIMITS.failuresPerVisitor, `${g.shop}:${g.visitor}`] as [LimitSpec, string]] : []),
    [LIMITS.failuresPerShop, g.shop],
  ];
}

/**
 * Takes one guest lookup from the allowance; false when this conversation, visitor or shop must
 * wait. Should the counters be unreadable the lookup is refused (nothing is disclosed unguarded).
 */
export async function allowOrderLookup(g: Guesser): Promise<boolean> {
  try {
    const waits = await Promise.all(failureKeys(g).map(([spec, key]) => waitFor(spec, key)));
    if (waits.some((w) => w !== null)) return false;
    return (await take(LIMITS.lookupsPerConversation, `${g.shop}:${g.conversationId}`)) === null;
  } catch (error) {
    logger.warn({ shop: g.shop, err: (error as Error).message }, "ai: order lookup limits unavailable; refused");
    return false;
  }
}

export async function recordFailedOrderLookup(g: Guesser): Promise<void> {
  await Promise.all(failureKeys(g).map(([spec, key]) => add(spec, key).catch(() => undefined)));
}
