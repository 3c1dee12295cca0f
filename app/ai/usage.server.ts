import { addConversationUsage, addDailyUsage, getDailyUsage, type UsageDelta } from "../repositories/ai.server";

/**
 * Estimated prices in micro-dollars per token (input, output), from the providers' public price
 * lists; unknown models (self-hosted, other vendors) use a conservative default. "Estimated" is
 * what the admin shows.
 */
const PRICES: [RegExp, number, number][] = [
  [/gpt-4o-mini/, 0.15, 0.6],
  [/gpt-4o/, 2.5, 10],
  [/gpt-4\.1-nano/, 0.1, 0.4],
  [/gpt-4\.1-mini/, 0.4, 1.6],
  [/gpt-4\.1/, 2, 8],
  [/gpt-5-nano/, 0.05, 0.4],
  [/gpt-5-mini/, 0.25, 2],
  [/gpt-5/, 1.25, 10],
  [/gpt-3\.5/, 0.5, 1.5],
];
const DEFAULT_PRICE: [number, number] = [0.5, 1.5];

export function estimateCostMicros(model: string, tokensIn: number, tokensOut: number): number {
  const found = PRICES.find(([re]) => re.test(model));
  const [pin, pout] = found ? [found[1], found[2]] : DEFAULT_PRICE;
  return Math.round(tokensIn * pin + tokensOut * pout);
}

export function utcDay(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export async function recordUsage(shop: string, conversationId: string | null, usage: UsageDelta, now = new Date()) {
  if (usage.tokensIn === 0 && usage.tokensOut === 0) return;
  if (conversationId) await addConversationUsage(shop, conversationId, usage);
  await addDailyUsage(shop, utcDay(now), usage);
}

/** Tokens used today and whether the shop's daily cap is reached. */
export async function dailyBudget(shop: string, cap: number, now = new Date()) {
  const row = await getDailyUsage(shop, utcDay(now));
  const used = (row?.tokensIn ?? 0) + (row?.tokensOut ?? 0);
  return {
    used,
    cap,
    exhausted: cap > 0 && used >= cap,
    costMicros: row?.costMicros ?? 0,
    requests: row?.requests ?? 0,
  };
}
