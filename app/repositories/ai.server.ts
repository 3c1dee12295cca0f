/**
 * Assistant persistence: per-shop settings, token usage (per conversation and per shop per day),
 * the handoff summary and the conversation context the assistant reads. Every function takes the
 * shop first and scopes by it.
 */
import { db, type Tx } from "../db.server";
import { readBoolean, readUnit } from "../db/sql.server";

/** A shop's assistant settings (the key still sealed). */
export interface AiSettings {
  shop: string;
  name: string | null;
  aiMode: string;
  aiBaseUrl: string | null;
  aiModel: string | null;
  aiApiKeyEnc: string | null;
  aiTemperature: number;
  aiMaxTokens: number;
  aiPersona: string | null;
  aiRules: string | null;
  aiDailyTokenCap: number;
  brandName: string | null;
  handoffEnabled: boolean;
}

const AI_SETTINGS_SQL = `SELECT "shop", "name", "aiMode", "aiBaseUrl", "aiModel", "aiApiKeyEnc", "aiTemperature",
  "aiMaxTokens", "aiPersona", "aiRules", "aiDailyTokenCap", "brandName", "handoffEnabled"
  FROM "Shop" WHERE "shop" = $1`;

/**
 * The shop's assistant settings, or null for a shop that is not installed. Every reply reads them:
 * one prepared statement of the SQL layer (app/db/sql.server.ts), not a Prisma query.
 */
export async function getAiSettings(shop: string, client = db()): Promise<AiSettings | null> {
  const row = await readUnit(
    (q) => q.one<Omit<AiSettings, "handoffEnabled"> & { handoffEnabled: boolean | number }>(AI_SETTINGS_SQL, shop),
    client,
  );
  return row ? { ...row, handoffEnabled: readBoolean(row.handoffEnabled) } : null;
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
