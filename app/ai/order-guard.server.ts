import { RateLimiterMemory } from "rate-limiter-flexible";

/**
 * Brute-force protection for order lookups (guessing order number / email pairs). Per conversation:
 * at most 5 lookups per 10 minutes and 3 failed ones per 15 minutes; per shop: 30 failed lookups
 * per hour across all conversations. Per-process memory (several instances each apply the limits;
 * new conversations are limited per IP by the engine).
 */
export const LIMITS = {
  lookupsPerConversation: { points: 5, duration: 10 * 60 },
  failuresPerConversation: { points: 3, duration: 15 * 60 },
  failuresPerShop: { points: 30, duration: 60 * 60 },
} as const;

declare global {
  var __tandemOrderGuard:
    { lookups: RateLimiterMemory; convFailures: RateLimiterMemory; shopFailures: RateLimiterMemory } | undefined;
}

function limiters() {
  globalThis.__tandemOrderGuard ??= {
    lookups: new RateLimiterMemory({ keyPrefix: "ai-order-lookup", ...LIMITS.lookupsPerConversation }),
    convFailures: new RateLimiterMemory({ keyPrefix: "ai-order-fail-conv", ...LIMITS.failuresPerConversation }),
    shopFailures: new RateLimiterMemory({ keyPrefix: "ai-order-fail-shop", ...LIMITS.failuresPerShop }),
  };
  return globalThis.__tandemOrderGuard;
}

/** Takes one lookup from the allowance; false when this conversation or shop must wait. */
export async function allowOrderLookup(shop: string, conversationId: string): Promise<boolean> {
  const l = limiters();
  const convKey = `${shop}:${conversationId}`;
  const [convFail, shopFail] = await Promise.all([l.convFailures.get(convKey), l.shopFailures.get(shop)]);
  if (convFail && convFail.consumedPoints >= LIMITS.failuresPerConversation.points) return false;
  if (shopFail && shopFail.consumedPoints >= LIMITS.failuresPerShop.points) return false;
  try {
    await l.lookups.consume(convKey, 1);
    return true;
  } catch {
    return false;
  }
}

export async function recordFailedOrderLookup(shop: string, conversationId: string): Promise<void> {
  const l = limiters();
  await Promise.all([
    l.convFailures.consume(`${shop}:${conversationId}`, 1).catch(() => undefined),
    l.shopFailures.consume(shop, 1).catch(() => undefined),
  ]);
}

/** Tests: start from a clean allowance. */
export function resetOrderGuard(): void {
  globalThis.__tandemOrderGuard = undefined;
}
