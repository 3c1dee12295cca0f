/**
 * Assistant persistence: per-shop settings, token usage (per conversation and per shop per day),
 * the handoff summary and the conversation context the assistant reads. Every function takes the
 * shop first and scopes by it.
 */
import { db, type Tx } from "../db.server";

export const AI_SETTINGS_SELECT = {
  shop: true,
  name: true,
  aiMode: true,
  aiBaseUrl: true,
  aiModel: true,
  aiApiKeyEnc: true,
  aiTemperature: true,
  aiMaxTokens: true,
  aiPersona: true,
  aiRules: true,
  aiDailyTokenCap: true,
  brandName: true,
  handoffEnabled: true,
} as const;

export async function getAiSettings(shop: string, client: Tx = db()) {
  return client.shop.findUnique({ where: { shop }, select: AI_SETTINGS_SELECT });
}

export interface AiSettingsUpdate {
  aiMode?: string;
  aiBaseUrl?: string | null;
  aiModel?: string | null;
  /** undefined keeps the stored key; null removes it. */
  aiApiKeyEnc?: string | null;
  aiTemperature?: number;
  aiMaxTokens?: number;
  aiPersona?: string | null;
  aiRules?: string | null;
  aiDailyTokenCap?: number;
}

export async function updateAiSettings(shop: string, data: AiSettingsUpdate, client: Tx = db()) {
  const result = await client.shop.updateMany({ where: { shop }, data });
  return result.count === 1;
}

export interface UsageDelta {
  tokensIn: number;
  tokensOut: number;
  costMicros: number;
}

/** Adds usage to one conversation of the shop. */
export async function addConversationUsage(shop: string, conversationId: string, usage: UsageDelta, client: Tx = db()) {
  const result = await client.conversation.updateMany({
    where: { shop, id: conversationId },
    data: {
      aiTokensIn: { increment: usage.tokensIn },
      aiTokensOut: { increment: usage.tokensOut },
      aiCostMicros: { increment: usage.costMicros },
    },
  });
  return result.count === 1;
}

/** Adds usage (and one request) to the shop's day (YYYY-MM-DD, UTC). */
export async function addDailyUsage(shop: string, day: string, usage: UsageDelta, client: Tx = db()) {
  await client.aiUsageDaily.upsert({
    where: { shop_day: { shop, day } },
    create: { shop, day, ...usage, requests: 1 },
    update: {
      tokensIn: { increment: usage.tokensIn },
      tokensOut: { increment: usage.tokensOut },
      costMicros: { increment: usage.costMicros },
      requests: { increment: 1 },
    },
  });
}

export async function getDailyUsage(shop: string, day: string, client: Tx = db()) {
  return client.aiUsageDaily.findUnique({ where: { shop_day: { shop, day } } });
}

/** Daily rows from `fromDay` (inclusive), newest first. */
export async function listDailyUsage(shop: string, fromDay: string, client: Tx = db()) {
  return client.aiUsageDaily.findMany({ where: { shop, day: { gte: fromDay } }, orderBy: { day: "desc" } });
}

export async function setHandoffSummary(shop: string, conversationId: string, summary: string, client: Tx = db()) {
  const result = await client.conversation.updateMany({
    where: { shop, id: conversationId },
    data: { handoffSummary: summary },
  });
  return result.count === 1;
}

/** What the assistant reads about a conversation: state, locale, customer, usage. */
export async function getConversationForAi(shop: string, conversationId: string, client: Tx = db()) {
  return client.conversation.findFirst({
    where: { shop, id: conversationId },
    select: {
      id: true,
      state: true,
      locale: true,
      customerId: true,
      handoffSummary: true,
      aiTokensIn: true,
      aiTokensOut: true,
      aiCostMicros: true,
    },
  });
}

/** The visible transcript (no internal notes: they live in another table), oldest first. */
export async function listTranscript(shop: string, conversationId: string, limit = 60, client: Tx = db()) {
  const rows = await client.message.findMany({
    where: { shop, conversationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, role: true, text: true, status: true, createdAt: true },
  });
  return rows.reverse();
}
