/**
 * Knowledge entries (FAQ and policies) and the log of questions the assistant could not answer.
 * Every function takes the shop first and scopes by it.
 */
import { db, type Tx } from "../db.server";
import { readUnit } from "../db/sql.server";

export interface KnowledgeInput {
  kind?: "faq" | "policy";
  externalId?: string | null;
  question: string;
  /** Alternative phrasings, one per line. */
  phrasings?: string;
  answer: string;
  tags?: string;
  locale?: string;
  enabled?: boolean;
}

/** The most entries a shop has (FAQ and policies); the assistant's index reads this many. */
export const MAX_KNOWLEDGE_ENTRIES = 2_000;

/** Enabled entries, for the assistant's retrieval. */
export async function listEnabledKnowledge(shop: string, client: Tx = db()) {
  return client.knowledgeEntry.findMany({
    where: { shop, enabled: true },
    orderBy: [{ kind: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    take: MAX_KNOWLEDGE_ENTRIES,
  });
}

export async function countKnowledgeEntries(shop: string, client: Tx = db()): Promise<number> {
  return client.knowledgeEntry.count({ where: { shop } });
}

/**
 * The count of the shop's entries and the newest `updatedAt`: the retrieval index's cache key, read
 * for every reply (a prepared statement of the SQL layer). Only compared with itself.
 */
export async function knowledgeFingerprint(shop: string, client = db()): Promise<string> {
  const row = await readUnit(
    (q) =>
      q.one<{ n: number; at: string | Date | null }>(
        `SELECT COUNT(*) AS "n", MAX("updatedAt") AS "at" FROM "KnowledgeEntry" WHERE "shop" = $1`,
        shop,
      ),
    client,
  );
  const at = row?.at instanceof Date ? row.at.toISOString() : (row?.at ?? "-");
  return `${Number(row?.n ?? 0)}:${at}`;
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
      phrasings: input.phrasings ?? "",
      answer: input.answer,
      tags: input.tags ?? "",
      locale: input.locale ?? "en",
      enabled: input.enabled ?? true,
    },
  });
}

/** Changes one of the shop's entries; null when the shop has no entry with this id. */
export async function updateKnowledgeEntry(
  shop: string,
  id: string,
  input: Partial<Omit<KnowledgeInput, "kind">>,
  client: Tx = db(),
) {
  const { count } = await client.knowledgeEntry.updateMany({ where: { shop, id }, data: input });
  return count === 0 ? null : client.knowledgeEntry.findFirst({ where: { shop, id } });
}

/**
 * Deletes one of the shop's entries (false when it has none with this id). Unanswered questions
 * answered by it keep their status and lose the link.
 */
export async function deleteKnowledgeEntry(shop: string, id: string, client: Tx = db()): Promise<boolean> {
  const { count } = await client.knowledgeEntry.deleteMany({ where: { shop, id } });
  if (count > 0) await client.unansweredQuestion.updateMany({ where: { shop, entryId: id }, data: { entryId: null } });
  return count > 0;
}

/**
 * `recordUnansweredQuestion` as one statement for the write path's executor (app/db/sql.server.ts),
 * same row on insert and on repeat: $1 id, $2 shop, $3 normalized, $4 question, $5 locale,
 * $6 conversationId, $7 now.
 */
export const RECORD_UNANSWERED = `INSERT INTO "UnansweredQuestion"
    ("id", "shop", "normalized", "question", "locale", "conversationId", "count", "status", "lastAskedAt", "createdAt")
  VALUES ($1, $2, $3, $4, $5, $6, 1, 'open', $7, $7)
  ON CONFLICT ("shop", "normalized") DO UPDATE SET "count" = "UnansweredQuestion"."count" + 1, "lastAskedAt" = excluded."lastAskedAt",
    "question" = excluded."question", "conversationId" = excluded."conversationId"`;

/** Records a question the assistant could not answer (counted per normalised text). */
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

export async function findUnansweredQuestion(shop: string, id: string, client: Tx = db()) {
  return client.unansweredQuestion.findFirst({ where: { shop, id } });
}

/**
 * Takes an open question off the open list: `converted` (answered by the entry `entryId`) or
 * `dismissed`. A guarded update: false when the shop has no open question with this id, so two
 * staff members answering the same question at once cannot both succeed.
 */
export async function closeUnansweredQuestion(
  shop: string,
  id: string,
  outcome: { status: "converted"; entryId: string } | { status: "dismissed" },
  client: Tx = db(),
): Promise<boolean> {
  const { count } = await client.unansweredQuestion.updateMany({
    where: { shop, id, status: "open" },
    data: { status: outcome.status, entryId: outcome.status === "converted" ? outcome.entryId : null },
  });
  return count > 0;
}
