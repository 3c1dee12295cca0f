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
import type { Message } from "../../generated/prisma/client";
import { findConversation } from "../../repositories/conversations.server";
import {
  createMessage,
  findMessage,
  findReplyTo,
  listRecentMessages,
  updateMessage,
} from "../../repositories/messages.server";
import { registerJobHandler, type JobContext } from "../../jobs/registry.server";
import { replyPayload, type ResponderResult } from "../responder";
import { visibleChange } from "../versions.server";
import { ConversationChange, escalateInTx } from "./engine.server";
import { notice } from "./notices";
import { getResponder } from "./responder-registry.server";
import type { ReplyJobPayload } from "./job-types";
import { REPLY_JOB } from "./service.server";
import { runReplyBatch } from "./fast-reply.server";

export const PARTIAL_WRITE_MS = 250;
const payloadSchema = z.object({
  conversationId: z.string().min(1),
  messageId: z.string().min(1),
  visitor: z.string().max(64).optional(),
}) satisfies z.ZodType<ReplyJobPayload>;
export type ReplyPayload = z.infer<typeof payloadSchema>;

export type ReplyOutcome = "written" | "skipped" | "already_answered" | "stopped";

export async function runReplyJob(shop: string, payload: ReplyPayload, signal?: AbortSignal): Promise<ReplyOutcome> {
  const { conversationId, messageId } = payload;
  const conv = await findConversation(shop, conversationId);
  if (!conv || conv.state !== "ai") return "skipped";
  const existing = await findReplyTo(shop, conversationId, messageId);
  if (existing && existing.status !== "streaming") return "already_answered";
  const question = await findMessage(shop, messageId);
  if (!question || question.conversationId !== conversationId || question.role !== "shopper") return "skipped";

  const recent = await listRecentMessages(shop, conversationId, 40);
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

  /** Writes the reply row while the AI holds the chat; false (and stop) once it does not. */
  const write = async (text: string, status: "streaming" | "final", extra?: ResponderResult): Promise<boolean> => {
    if (stopped) return false;
    try {
      return await visibleChange(async (tx, bump) => {
        const version = await bump(shop, conversationId, { onlyInStates: ["ai"] });
        if (version === null) return false;
        const payloadJson = extra ? replyPayload(extra) : null;
        if (replyId) {
          await updateMessage(shop, replyId, { text, status, version, payload: payloadJson }, tx);
        } else {
          const row: Message = await createMessage(
            shop,
            { conversationId, version, role: "ai", text, status, replyToId: messageId, payload: payloadJson },
            tx,
          );
          replyId = row.id;
        }
        if (status === "final" && extra) {
          const row = await findConversation(shop, conversationId, tx);
          if (!row) return true;
          const failed = extra.failed === true;
          const streak = failed ? row.aiFailureStreak + 1 : 0;
          const change = new ConversationChange(tx, async () => version, row);
          await change.patch({
            aiFailureStreak: streak,
            lastActivityAt: new Date(),
            messageCount: { increment: 1 },
            ...(extra.usage
              ? {
                  aiTokensIn: { increment: extra.usage.tokensIn },
                  aiTokensOut: { increment: extra.usage.tokensOut },
                  aiCostMicros: { increment: extra.usage.costMicros },
                }
              : {}),
          });
          if (extra.handoff) {
            await escalateInTx(change, { type: "ai" }, `handoff:${extra.handoff.reason}`.slice(0, 200), {
              summary: extra.handoff.summary,
            });
          } else if (streak >= 2) {
            await escalateInTx(change, { type: "system" }, "ai_failed_twice");
          }
        }
        return true;
      });
    } catch (error) {
      // Another run of this job created the reply first: that run owns it.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  };

  const sink = {
    async update(partialText: string): Promise<boolean> {
      if (stopped) return false;
      const now = Date.now();
      if (now - lastWrite < PARTIAL_WRITE_MS) return true;
      lastWrite = now;
      const ok = await write(partialText, "streaming");
      if (!ok) {
        stopped = true;
        abort.abort();
      }
      return ok;
    },
  };

  let result: ResponderResult;
  try {
    result = await getResponder().respond(
      {
        shop,
        conversationId,
        messageId,
        text: question.text,
        locale: conv.locale,
        // The signed customer of the message answered: only requests signed for the conversation's
        // customer (or as a guest, for a guest's) can add one (tokens.server.ts `visitorMayAccess`).
        customerId: conv.customerId,
        visitor: payload.visitor ?? null,
        history,
        signal: abort.signal,
      },
      sink,
    );
  } catch (error) {
    if (stopped) result = { text: "", failed: true };
    else {
      if (signal?.aborted) throw error;
      result = { text: notice(conv.locale, "ai_failed"), failed: true };
    }
  }
  if (!stopped && (await write(result.text || notice(conv.locale, "ai_failed"), "final", result))) return "written";

  // A person took over mid-answer: the text already shown stays, marked finished; nothing is added.
  if (replyId) {
    const partialId = replyId;
    await visibleChange(async (tx, bump) => {
      const current = await findMessage(shop, partialId, tx);
      if (current?.status !== "streaming") return;
      const version = await bump(shop, conversationId);
      if (version !== null) await updateMessage(shop, partialId, { status: "interrupted", version }, tx);
    });
  }
  return "stopped";
}

export function registerReplyJob(): void {
  registerJobHandler<ReplyPayload>(
    REPLY_JOB,
    async (job, ctx: JobContext) => {
      if (!job.shop) return;
      await runReplyJob(job.shop, job.payload, ctx.signal);
    },
    { schema: payloadSchema, backoff: { baseMs: 500, maxMs: 30_000 }, batch: runReplyBatch },
  );
}
