/**
 * The AI reply job: one per accepted shopper message (enqueued in the same transaction).
 *
 * - Idempotent: at most one reply per shopper message (Message.replyToId is unique); a final reply
 *   already there ends the job; a streaming one left by a crashed run is rewritten.
 * - Respects the state at the moment it writes: every write bumps the version only while the
 *   conversation is still `ai` (one conditional UPDATE), so once a person holds the chat nothing
 *   more is written, even by a job already in flight; the responder is told to stop.
 * - Partial text is saved at most every ~250 ms (each save is a visible change: polls see it grow).
 * - Two failed answers in a row escalate to a person.
 */
import { isUniqueViolation } from "../../db/errors.server";
import { z } from "zod";
import type { Db } from "../../db.server";
import { readUnit, sqlOf, writeUnit, type Sql } from "../../db/sql.server";
import { findConversation } from "../../repositories/conversations.server";
import { RECORD_UNANSWERED } from "../../repositories/knowledge.server";
import { completeJob, completeJobSql } from "../../jobs/leases.server";
import type { JobRow } from "../../jobs/queue.server";
import { registerJobHandler, type JobContext } from "../../jobs/registry.server";
import { replyPayload, type QuickResponder, type QuickResult, type ResponderResult } from "../responder";
import { visibleChange } from "../versions.server";
import {
  interruptReply,
  readRecentMessages,
  readReplyContext,
  writeReply,
  type ReplyWrite,
  type ReplyWritten,
} from "./commands.server";
import { REPLY_JOB } from "./commands.server";
import { ConversationChange, escalateInTx } from "./engine.server";
import { notice } from "./notices";
import { getResponder } from "./responder-registry.server";
import type { ReplyJobPayload } from "./job-types";
import { newCuid } from "./store.server";

export const PARTIAL_WRITE_MS = 250;
const payloadSchema = z.object({
  conversationId: z.string().min(1),
  messageId: z.string().min(1),
  visitor: z.string().max(64).optional(),
}) satisfies z.ZodType<ReplyJobPayload>;
export type ReplyPayload = z.infer<typeof payloadSchema>;

export type ReplyOutcome = "written" | "skipped" | "already_answered" | "stopped";

type FinalResult = ResponderResult & { unanswered?: QuickResult["unanswered"] };

/** The final write (commands.server.ts `writeReply`), with an escalation in the same transaction. */
async function writeFinal(
  base: Omit<ReplyWrite, "status" | "text" | "payload" | "final">,
  result: FinalResult,
  fallbackText: string,
  extra: (q: Sql) => Promise<void> = async () => undefined,
): Promise<ReplyWritten> {
  const w: ReplyWrite = {
    ...base,
    text: result.text || fallbackText,
    status: "final",
    payload: replyPayload(result),
    final: { failed: result.failed === true, handoff: Boolean(result.handoff), usage: result.usage },
  };
  const unanswered = async (q: Sql) => {
    const u = result.unanswered;
    if (u)
      await q.write(
        RECORD_UNANSWERED,
        newCuid(),
        w.shop,
        u.normalized,
        u.question,
        u.locale,
        w.conversationId,
        new Date(),
      );
    await extra(q);
  };
  const written = await writeUnit(async (q) => {
    const out = await writeReply(q, w);
    if (out.kind === "written") await unanswered(q);
    return out;
  });
  if (written.kind !== "escalation_needed") return written;
  return visibleChange(async (tx) => {
    const q = sqlOf(tx);
    const out = await writeReply(q, { ...w, escalates: true });
    if (out.kind !== "written") return out;
    await unanswered(q);
    const row = await findConversation(w.shop, w.conversationId, tx);
    if (!row) return out;
    const change = new ConversationChange(tx, async () => out.version, row);
    await change.nextVersion();
    if (result.handoff) {
      await escalateInTx(change, { type: "ai" }, `handoff:${result.handoff.reason}`.slice(0, 200), {
        summary: result.handoff.summary,
      });
    } else if (out.streak >= 2) {
      await escalateInTx(change, { type: "system" }, "ai_failed_twice");
    }
    return out;
  });
}

/**
 * Answers one shopper message. `quick`: the shop's no-I/O responder, tried first. `extra` runs in
 * the final write's transaction (the batch handler completes the job there).
 */
export async function runReplyJob(
  shop: string,
  payload: ReplyPayload,
  signal?: AbortSignal,
  options: { quick?: QuickResponder | null; extra?: (q: Sql) => Promise<void> } = {},
): Promise<ReplyOutcome> {
  const { conversationId, messageId } = payload;
  const { conv, existing, question } = await readUnit((q) => readReplyContext(q, shop, conversationId, messageId));
  if (!conv || conv.state !== "ai") return "skipped";
  if (existing && existing.status !== "streaming") return "already_answered";
  if (!question || question.conversationId !== conversationId || question.role !== "shopper") return "skipped";
  const base = { shop, conversationId, messageId, replyId: existing?.id ?? null };
  const failedText = notice(conv.locale, "ai_failed");
  const input = {
    shop,
    conversationId,
    messageId,
    text: question.text,
    locale: conv.locale,
    // The signed customer of the message answered: only requests signed for the conversation's
    // customer (or as a guest, for a guest's) can add one (tokens.server.ts `visitorMayAccess`).
    customerId: conv.customerId,
  };

  const quick = !existing && options.quick ? options.quick(input) : null;
  if (quick) {
    const written = await writeFinal(base, quick, failedText, options.extra);
    return written.kind === "written" ? "written" : "skipped";
  }

  // The history only for a model (a quick answer needs none).
  const recent = await readUnit((q) => readRecentMessages(q, shop, conversationId));
  const history = recent
    .filter(
      (m) => m.id !== messageId && m.id !== existing?.id && m.createdAt <= question.createdAt && m.text.trim() !== "",
    )
    .map((m) => ({ role: m.role as "shopper" | "ai" | "operator" | "system", text: m.text }));

  let replyId: string | null = existing?.id ?? null;
  let stopped = false;
  let lastWrite = 0;
  const abort = new AbortController();
  signal?.addEventListener("abort", () => abort.abort(), { once: true });

  const sink = {
    async update(partialText: string): Promise<boolean> {
      if (stopped) return false;
      const now = Date.now();
      if (now - lastWrite < PARTIAL_WRITE_MS) return true;
      lastWrite = now;
      const out = await writeUnit((q) => writeReply(q, { ...base, replyId, text: partialText, status: "streaming" }));
      if (out.kind === "written") {
        replyId = out.replyId;
        return true;
      }
      stopped = true;
      abort.abort();
      return false;
    },
  };

  let result: ResponderResult;
  try {
    result = await getResponder().respond(
      { ...input, visitor: payload.visitor ?? null, history, signal: abort.signal },
      sink,
    );
  } catch (error) {
    if (stopped) result = { text: "", failed: true };
    else {
      if (signal?.aborted) throw error;
      result = { text: failedText, failed: true };
    }
  }
  if (!stopped) {
    try {
      const written = await writeFinal({ ...base, replyId }, result, failedText, options.extra);
      if (written.kind === "written") return "written";
    } catch (error) {
      // Another run of this job created the reply first: that run owns it.
      if (!isUniqueViolation(error)) throw error;
      return "stopped";
    }
  }
  // A person took over mid-answer: the text already shown stays, marked finished; nothing is added.
  const partialId = replyId;
  if (partialId) await writeUnit((q) => interruptReply(q, shop, conversationId, partialId));
  return "stopped";
}

/**
 * The batch handler of `conversation.reply`: every claimed job answered at once, each final write
 * and its job's completion in one unit of the group commit. A job that fails runs again through
 * the normal handler (its retries and dead letter).
 */
async function runReplyBatch(jobs: JobRow[], ctx: { db: Db; workerName: string }): Promise<{ fallback: string[] }> {
  const responder = getResponder();
  const quickByShop = new Map<string, Promise<QuickResponder | null>>();
  const fallback: string[] = [];
  await Promise.all(
    jobs.map(async (job) => {
      let payload: ReplyPayload;
      try {
        const parsed = payloadSchema.safeParse(JSON.parse(job.payload));
        if (!job.shop || !parsed.success) throw new Error("invalid payload");
        payload = parsed.data;
      } catch {
        fallback.push(job.id); // the normal handler dead-letters or skips it
        return;
      }
      const shop = job.shop;
      if (!quickByShop.has(shop)) quickByShop.set(shop, responder.quick?.(shop) ?? Promise.resolve(null));
      try {
        const quick = await quickByShop.get(shop)!;
        let completed = false;
        const extra = async (q: Sql) => {
          completed = await completeJobSql(q, job, ctx.workerName);
        };
        await runReplyJob(shop, payload, undefined, { quick, extra });
        if (!completed) await completeJob(job, ctx.workerName, ctx.db);
      } catch {
        fallback.push(job.id);
      }
    }),
  );
  return { fallback };
}

export function registerReplyJob(): void {
  registerJobHandler<ReplyPayload>(
    REPLY_JOB,
    async (job, ctx: JobContext) => {
      if (!job.shop) return;
      const quick = (await getResponder().quick?.(job.shop)) ?? null;
      await runReplyJob(job.shop, job.payload, ctx.signal, { quick });
    },
    { schema: payloadSchema, backoff: { baseMs: 500, maxMs: 30_000 }, batch: runReplyBatch },
  );
}
