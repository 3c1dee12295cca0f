/**
 * The reply job in batches on Prisma's own SQLite connection (ADR 074): the batch handler of
 * `conversation.reply`. For the jobs whose shop the responder can answer without I/O
 * (`Responder.quick`: the built-in responder), one synchronous transaction reads each
 * conversation and question, computes the answer and writes exactly what `runReplyJob`
 * (reply-job.server.ts) writes for it — the reply row, the conversation's version, counters and
 * failure streak, the unanswered question — and marks the job done under this worker's lease.
 *
 * Left to `runReplyJob` (returned as fallback): a shop that needs the model, a message the quick
 * responder steps aside for (a product or order question: tool calls), a reply that needs an
 * escalation (the second failed answer in a row, a handoff), a streaming reply left by a crashed
 * run, a payload that does not parse, and any client that is not SQLite.
 */
import type { Database, Statement } from "better-sqlite3";
import type { Logger } from "pino";
import { z } from "zod";
import { hasSqliteConnection, preparedOnce, withSqliteConnection, type Db } from "../../db.server";
import { COMPLETE_JOB_SQLITE, type JobRow } from "../../jobs/queue.server";
import { RECORD_UNANSWERED_SQLITE } from "../../repositories/knowledge.server";
import { replyPayload, type QuickResponder, type QuickResult } from "../responder";
import { publishVersion } from "../versions.server";
import { isUniqueViolation } from "../../db/errors.server";
import { newCuid, sqliteDate } from "./fast-ingest.server";
import { getResponder } from "./responder-registry.server";

const payloadSchema = z.object({ conversationId: z.string().min(1), messageId: z.string().min(1) });

interface Statements {
  conversation: Statement;
  reply: Statement;
  question: Statement;
  bump: Statement;
  insert: Statement;
  unanswered: Statement;
  complete: Statement;
}

const build = (prep: (sql: string) => Statement): Statements => ({
  conversation: prep(
    `SELECT "state", "locale", "customerId", "aiFailureStreak" FROM "Conversation" WHERE "id" = ? AND "shop" = ?`,
  ),
  reply: prep(`SELECT "status" FROM "Message" WHERE "shop" = ? AND "conversationId" = ? AND "replyToId" = ?`),
  question: prep(`SELECT "conversationId", "role", "text" FROM "Message" WHERE "id" = ? AND "shop" = ?`),
  // visibleChange's bump guarded by the `ai` state, and the final write's patch, in one statement.
  bump: prep(
    `UPDATE "Conversation" SET "version" = "version" + 1, "aiFailureStreak" = @streak, "lastActivityAt" = @now,
         "messageCount" = "messageCount" + 1, "updatedAt" = @now
       WHERE "id" = @id AND "shop" = @shop AND "state" = 'ai' RETURNING "version"`,
  ),
  insert: prep(
    `INSERT INTO "Message" ("id", "shop", "conversationId", "version", "role", "text", "status", "replyToId", "payload", "createdAt", "updatedAt")
       VALUES (@id, @shop, @conversationId, @version, 'ai', @text, 'final', @replyToId, @payload, @now, @now)`,
  ),
  unanswered: prep(RECORD_UNANSWERED_SQLITE),
  complete: prep(COMPLETE_JOB_SQLITE),
});

const statements = (conn: Database): Statements => preparedOnce(conn, build);

interface Planned {
  job: JobRow;
  shop: string;
  conversationId: string;
  messageId: string;
  quick: QuickResponder;
}

type Outcome = { kind: "done"; published?: [string, number] } | { kind: "fallback" } | { kind: "lost" };

/** Thrown inside a job's savepoint to undo it (the job then runs through `runReplyJob`). */
class Fallback extends Error {}

function answerOne(s: Statements, p: Planned, worker: string): Outcome {
  const { shop, conversationId, messageId } = p;
  const nowDate = new Date();
  const now = sqliteDate(nowDate);
  const complete = (): Outcome =>
    s.complete.run({ id: p.job.id, worker, now }).changes === 1 ? { kind: "done" } : { kind: "lost" };

  const conv = s.conversation.get(conversationId, shop) as
    { state: string; locale: string | null; customerId: string | null; aiFailureStreak: number } | undefined;
  if (!conv || conv.state !== "ai") return complete(); // a person holds the chat, or it is gone
  const existing = s.reply.get(shop, conversationId, messageId) as { status: string } | undefined;
  if (existing?.status === "streaming") throw new Fallback(); // a crashed run's partial reply
  if (existing) return complete(); // already answered
  const question = s.question.get(messageId, shop) as
    { conversationId: string; role: string; text: string } | undefined;
  if (!question || question.conversationId !== conversationId || question.role !== "shopper") return complete();

  const result: QuickResult | null = p.quick({
    shop,
    conversationId,
    messageId,
    text: question.text,
    locale: conv.locale,
    // The signed customer of the message answered: only requests signed for the conversation's
    // customer (or as a guest, for a guest's) can add one (tokens.server.ts `visitorMayAccess`).
    customerId: conv.customerId,
  });
  // The responder needs its full path for this message (a tool call): `runReplyJob` answers it.
  if (!result) throw new Fallback();
  const failed = result.failed === true;
  const streak = failed ? conv.aiFailureStreak + 1 : 0;
  // Escalation (two failed answers in a row, a handoff) is the engine's full path.
  if (result.handoff || streak >= 2) throw new Fallback();

  const bumped = s.bump.get({ streak, now, id: conversationId, shop }) as { version: number } | undefined;
  if (!bumped) return complete();
  const payload = replyPayload(result);
  try {
    s.insert.run({
      id: newCuid(nowDate.getTime()),
      shop,
      conversationId,
      version: bumped.version,
      text: result.text,
      replyToId: messageId,
      payload,
      now,
    });
  } catch (error) {
    // Another run of this job wrote the reply first: that run owns it.
    if (isUniqueViolation(error)) throw new Fallback();
    throw error;
  }
  if (result.unanswered) {
    s.unanswered.run({
      id: newCuid(nowDate.getTime()),
      shop,
      normalized: result.unanswered.normalized,
      question: result.unanswered.question,
      locale: result.unanswered.locale,
      conversationId,
      now,
    });
  }
  const outcome = complete();
  // Lost the lease: another worker runs the job; undo, so only one of us writes.
  if (outcome.kind === "lost") throw new LeaseLost();
  return { kind: "done", published: [conversationId, bumped.version] };
}

class LeaseLost extends Error {}

/** The batch handler of `conversation.reply` (registered in reply-job.server.ts). */
export async function runReplyBatch(
  jobs: JobRow[],
  ctx: { db: Db; workerName: string; logger: Logger },
): Promise<{ fallback: string[] }> {
  const all = { fallback: jobs.map((j) => j.id) };
  const responder = getResponder();
  if (!responder.quick || !hasSqliteConnection(ctx.db)) return all;

  const quickByShop = new Map<string, QuickResponder | null>();
  const planned: Planned[] = [];
  const fallback: string[] = [];
  for (const job of jobs) {
    const parsed = (() => {
      try {
        return payloadSchema.safeParse(JSON.parse(job.payload));
      } catch {
        return null;
      }
    })();
    if (!job.shop || !parsed?.success) {
      fallback.push(job.id); // the normal handler dead-letters or skips it
      continue;
    }
    if (!quickByShop.has(job.shop)) quickByShop.set(job.shop, await responder.quick(job.shop));
    const quick = quickByShop.get(job.shop);
    if (!quick) {
      fallback.push(job.id);
      continue;
    }
    planned.push({ job, shop: job.shop, ...parsed.data, quick });
  }
  if (planned.length === 0) return { fallback };

  const outcomes = await withSqliteConnection((conn) => {
    const s = statements(conn);
    const out: Outcome[] = [];
    // Jobs of a conversation after one that fell back wait for it (answers stay in order).
    const blocked = new Set<string>();
    const one = conn.transaction((p: Planned) => answerOne(s, p, ctx.workerName));
    conn
      .transaction(() => {
        for (const p of planned) {
          if (blocked.has(p.conversationId)) {
            out.push({ kind: "fallback" });
            continue;
          }
          try {
            out.push(one(p));
          } catch (error) {
            if (error instanceof LeaseLost) out.push({ kind: "lost" });
            else if (error instanceof Fallback) {
              blocked.add(p.conversationId);
              out.push({ kind: "fallback" });
            } else throw error;
          }
        }
      })
      .immediate();
    return out;
  }, ctx.db);

  planned.forEach((p, i) => {
    const outcome = outcomes[i]!;
    if (outcome.kind === "fallback") fallback.push(p.job.id);
    else if (outcome.kind === "done" && outcome.published) publishVersion(...outcome.published);
    else if (outcome.kind === "lost") ctx.logger.warn({ jobId: p.job.id }, "reply job lease lost before it finished");
  });
  return { fallback };
}
