import { env } from "../env.server";
import { add, used, type LimitSpec } from "../lib/limits.server";
import { logger } from "../logger.server";
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

/**
 * Token budgets under the shop's daily cap, per UTC day: per conversation
 * (TANDEM_AI_TOKENS_PER_CONVERSATION) and per visitor across their conversations
 * (TANDEM_AI_TOKENS_PER_VISITOR), counted in app/lib/limits.server.ts (shared by every instance on
 * PostgreSQL). Checked before each reply, so one reply may cross a budget.
 */
export type ReplyBudget = "conversation" | "visitor";

const BUDGET_PREFIX: Record<ReplyBudget, string> = { conversation: "ai_tokens_conv", visitor: "ai_tokens_visitor" };

interface BudgetOwner {
  shop: string;
  conversationId: string;
  visitor?: string | null;
}

function budgets(who: BudgetOwner, now: Date): [ReplyBudget, LimitSpec, string][] {
  const e = env();
  const day = utcDay(now);
  const spec = (scope: ReplyBudget, points: number): LimitSpec => ({
    keyPrefix: BUDGET_PREFIX[scope],
    points,
    duration: 24 * 60 * 60,
  });
  const out: [ReplyBudget, LimitSpec, string][] = [];
  if (e.TANDEM_AI_TOKENS_PER_CONVERSATION > 0)
    out.push([
      "conversation",
      spec("conversation", e.TANDEM_AI_TOKENS_PER_CONVERSATION),
      `${who.shop}:${who.conversationId}:${day}`,
    ]);
  if (who.visitor && e.TANDEM_AI_TOKENS_PER_VISITOR > 0)
    out.push(["visitor", spec("visitor", e.TANDEM_AI_TOKENS_PER_VISITOR), `${who.shop}:${who.visitor}:${day}`]);
  return out;
}

/** The budget this reply would go beyond (conversation first), or null while both have tokens left. */
export async function spentReplyBudget(who: BudgetOwner, now = new Date()): Promise<ReplyBudget | null> {
  try {
    for (const [scope, spec, key] of budgets(who, now)) if ((await used(spec, key)) >= spec.points) return scope;
  } catch (error) {
    // The shop's daily cap still applies; a shopper is not refused because a counter is unreadable.
    logger.warn({ shop: who.shop, err: (error as Error).message }, "ai: token budgets unavailable");
  }
  return null;
}

/** Counts a reply's tokens toward the conversation's and the visitor's budgets. */
export async function chargeReplyBudget(who: BudgetOwner, tokens: number, now = new Date()): Promise<void> {
  if (tokens <= 0) return;
  await Promise.all(
    budgets(who, now).map(([, spec, key]) =>
      add(spec, key, tokens).catch((error: Error) =>
        logger.warn({ shop: who.shop, err: error.message }, "ai: token budget not counted"),
      ),
    ),
  );
}
