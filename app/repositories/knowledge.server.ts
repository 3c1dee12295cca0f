/**
 * Knowledge entries (FAQ and policies) and the log of questions the assistant could not answer.
 * Every function takes the shop first and scopes by it.
 */
import { db, type Tx } from "../db.server";

export interface KnowledgeInput {
  kind?: "faq" | "policy";
  externalId?: string | null;
  question: string;
  answer: string;
  tags?: string;
  locale?: string;
  enabled?: boolean;
}

/** Enabled entries, for the assistant's retrieval. */
export async function listEnabledKnowledge(shop: string, client: Tx = db()) {
  return client.knowledgeEntry.findMany({
    where: { shop, enabled: true },
    orderBy: [{ kind: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    take: 2_000,
  });
}

/** The newest `updatedAt` and count of enabled entries: the retrieval index cache key. */
export async function knowledgeFingerprint(shop: string, client: Tx = db()): Promise<string> {
  const agg = await client.knowledgeEntry.aggregate({
    where: { shop },
    _count: { _all: true },
    _max: { updatedAt: true },
  });
  return `${agg._count._all}:${agg._max.updatedAt?.toISOString() ?? "-"}`;
}

export async function findKnowledgeEntry(shop: string, id: string, client: Tx = db()) {
  return client.knowledgeEntry.findFirst({ where: { shop, id } });
}

export async function createKnowledgeEntry(shop: string, input: KnowledgeInput, client: Tx = db()) {
  return client.knowledgeEntry.create({
    data: {
      shop,
      kind: input.kind ?? "faq",
      externalId: input.externalId ?? null,
      question: input.question,
      answer: input.answer,
      tags: input.tags ?? "",
      locale: input.locale ?? "en",
      enabled: input.enabled ?? true,
    },
  });
}

/** Records a question the assistant could not answer (counted per normalised text). */
/**
 * `recordUnansweredQuestion` as one SQLite statement (same row on insert and on repeat), for code
 * running on the connection directly: @id, @shop, @normalized, @question, @locale,
 * @conversationId, @now (ISO text as Prisma writes it).
 */
export const RECORD_UNANSWERED_SQLITE = `INSERT INTO "UnansweredQuestion"
    ("id", "shop", "normalized", "question", "locale", "conversationId", "count", "status", "lastAskedAt", "createdAt")
  VALUES (@id, @shop, @normalized, @question, @locale, @conversationId, 1, 'open', @now, @now)
  ON CONFLICT ("shop", "normalized") DO UPDATE SET "count" = "count" + 1, "lastAskedAt" = excluded."lastAskedAt",
    "question" = excluded."question", "conversationId" = excluded."conversationId"`;

export async function recordUnansweredQuestion(
  shop: string,
  input: { normalized: string; question: string; locale: string | null; conversationId: string | null },
  client: Tx = db(),
) {
  return client.unansweredQuestion.upsert({
    where: { shop_normalized: { shop, normalized: input.normalized } },
    create: {
      shop,
      normalized: input.normalized,
      question: input.question,
      locale: input.locale,
      conversationId: input.conversationId,
    },
    update: {
      count: { increment: 1 },
      lastAskedAt: new Date(),
      question: input.question,
      conversationId: input.conversationId,
    },
  });
}

export async function listUnansweredQuestions(
  shop: string,
  options: { status?: "open" | "converted" | "dismissed"; limit?: number } = {},
  client: Tx = db(),
) {
  return client.unansweredQuestion.findMany({
    where: { shop, status: options.status ?? "open" },
    orderBy: [{ count: "desc" }, { lastAskedAt: "desc" }],
    take: options.limit ?? 50,
  });
}
