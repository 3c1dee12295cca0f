/**
 * Transfers the receiver accepts (ADR 220). A transfer of a chat to a named colleague is a
 * TransferRequest that waits for their answer:
 *
 * - request: the holder (or someone allowed to handle others' chats) asks; the state machine checks
 *   that the chat could be transferred to them; the receiver gets a notification; a timeout job is
 *   scheduled at `expiresAt` (Shop.transferTimeoutSeconds, 2 minutes by default). Nothing the
 *   shopper sees changes: the sender keeps the chat and may go on replying;
 * - accept: the receiver (only them) takes the chat through the state machine's `transfer`;
 * - decline, timeout, or the receiver deactivated: the chat goes to the queue (team/requeue);
 * - withdraw: the sender (or someone allowed to handle others' chats) cancels it while it waits; the
 *   chat stays where it is and the receiver is told.
 *
 * One request per chat at a time (`pendingKey` is unique while pending). Answering claims the row
 * with a guarded update, so of two answers racing (two tabs, an accept and the timeout) one wins and
 * the other gets a 409. A request whose chat changed hands or state meanwhile is stale: it is
 * cancelled, never applied.
 */
import type { Conversation, TransferRequest } from "../../generated/prisma/client";
import type { Tx } from "../../db.server";
import { enqueue } from "../../jobs/queue.server";
import { registerJobHandler } from "../../jobs/registry.server";
import { findConversation } from "../../repositories/conversations.server";
import { addInternalNote } from "../../repositories/messages.server";
import { appendEvent } from "../events.server";
import { notify } from "../notifications.server";
import { can } from "../permissions";
import { requeueChat } from "../team/requeue.server";
import { visibleChange, type Bump } from "../versions.server";
import { z } from "zod";
import { ConversationChange } from "./engine.server";
import { domainError } from "./errors";
import { cleanText, MAX_TEXT } from "./input";
import type { OperatorRef } from "./operator.server";
import { transition, type Actor } from "./state-machine";
import { answered, claim, type Answer } from "./transfer-claim.server";
import { applies, names, type PendingTransferView } from "./transfer-reads.server";

export { chatsAwaitingAnswerFrom, pendingTransfer, type PendingTransferView } from "./transfer-reads.server";
export { cancelTransfer } from "./transfer-withdraw.server";
export type { TransferOutcome } from "./transfer-claim.server";

export const TRANSFER_TIMEOUT_JOB = "conversation.transfer_timeout";
export const DEFAULT_TRANSFER_TIMEOUT_SECONDS = 120;

/** Why a chat went to the queue instead of to the receiver. */
export type FallbackReason = "transfer_declined" | "transfer_timed_out" | "transfer_receiver_unavailable";

/** Asks `toOperatorId` to take the chat over; returns the pending request. */
export async function requestTransfer(
  shop: string,
  conversationId: string,
  from: OperatorRef,
  toOperatorId: string,
  note?: string,
  now: Date = new Date(),
): Promise<PendingTransferView> {
  return visibleChange(async (tx) => {
    const conv = await findConversation(shop, conversationId, tx);
    if (!conv) throw domainError("not_found", "errors.conversation.notFound");
    if (conv.assigneeId && conv.assigneeId !== from.id && !can(from.role ?? "operator", "conversations.manage_others"))
      throw domainError("forbidden", "common.refusals.conversationsManageOthers");
    const target = await tx.operator.findFirst({ where: { shop, id: toOperatorId } });
    if (!target) throw domainError("not_found", "errors.conversation.operatorNotFound");
    if (target.deactivatedAt)
      throw domainError(
        "conflict",
        "errors.transfer.noAccess",
        { name: target.name },
        { details: { reason: "operator_deactivated" } },
      );
    // The state machine decides whether this chat could go to them (held by a person, someone else).
    const check = transition(
      { state: conv.state as never, assigneeId: conv.assigneeId, closeReason: null },
      { type: "transfer", actor: { type: "operator", id: from.id }, operatorId: target.id },
    );
    if (!check.ok)
      throw domainError("conflict", check.error.key, check.error.vars, { details: { reason: check.error.code } });
    const waiting = await tx.transferRequest.findFirst({ where: { shop, pendingKey: conversationId } });
    if (waiting) {
      if (applies(waiting, conv))
        throw domainError("conflict", "errors.transfer.pending", undefined, {
          details: { reason: "transfer_pending" },
        });
      await claim(tx, waiting, "cancelled", now);
    }
    const { transferTimeoutSeconds } = (await tx.shop.findUnique({
      where: { shop },
      select: { transferTimeoutSeconds: true },
    })) ?? { transferTimeoutSeconds: DEFAULT_TRANSFER_TIMEOUT_SECONDS };
    const expiresAt = new Date(now.getTime() + transferTimeoutSeconds * 1000);
    const req = await tx.transferRequest.create({
      data: {
        shop,
        conversationId,
        fromOperatorId: from.id,
        holderId: conv.assigneeId,
        toOperatorId: target.id,
        status: "pending",
        pendingKey: conversationId,
        expiresAt,
        createdAt: now,
      },
    });
    const clean = note ? cleanText(note).slice(0, MAX_TEXT) : "";
    if (clean)
      await addInternalNote(
        shop,
        { conversationId, authorOperatorId: from.id, authorName: from.name, text: clean },
        tx,
      );
    await notify(tx, shop, {
      type: "transfer_request",
      operatorId: target.id,
      title: "notifications.messages.transferRequest",
      bodyKey: "notifications.messages.transferRequestBody",
      vars: { name: from.name, minutes: Math.round(transferTimeoutSeconds / 60) || 1 },
      link: `/app/conversations/${conversationId}`,
    });
    await appendEvent(tx, {
      shop,
      type: "conversation.transfer_requested",
      conversationId,
      data: {
        conversationId,
        state: conv.state,
        requestId: req.id,
        fromOperatorId: from.id,
        toOperatorId: target.id,
        toOperatorName: target.name,
        expiresAt: expiresAt.toISOString(),
      },
    });
    await enqueue(
      tx,
      TRANSFER_TIMEOUT_JOB,
      { requestId: req.id },
      { shop, runAt: expiresAt, dedupeKey: `transfer:${req.id}` },
    );
    return {
      id: req.id,
      fromOperatorId: from.id,
      fromName: from.name,
      toOperatorId: target.id,
      toName: target.name,
      expiresAt: expiresAt.toISOString(),
    };
  });
}

/** The chat goes to the queue instead; the sender is told. Inside the answer's transaction. */
async function fallBack(
  tx: Tx,
  bump: Bump,
  req: TransferRequest,
  conv: Conversation,
  actor: Actor,
  reason: FallbackReason,
) {
  const now = new Date();
  await requeueChat(new ConversationChange(tx, bump, conv), actor, reason, now);
  const who = (await names(tx, req.shop, [req.toOperatorId])).get(req.toOperatorId) ?? "";
  const outcome =
    reason === "transfer_declined"
      ? "declined"
      : reason === "transfer_timed_out"
        ? "timed_out"
        : "receiver_unavailable";
  await appendEvent(tx, {
    shop: req.shop,
    type: "conversation.transfer_declined",
    conversationId: conv.id,
    data: { conversationId: conv.id, state: "queued", requestId: req.id, toOperatorId: req.toOperatorId, outcome },
  });
  await notify(tx, req.shop, {
    type: "transfer_declined",
    operatorId: req.fromOperatorId,
    title:
      outcome === "declined"
        ? "notifications.messages.transferDeclined"
        : outcome === "timed_out"
          ? "notifications.messages.transferTimedOut"
          : "notifications.messages.transferUnavailable",
    vars: { name: who },
    link: `/app/conversations/${conv.id}`,
  });
}

/** Loads the pending request of a chat addressed to `me` (404 / 403 otherwise). */
async function pendingFor(tx: Tx, shop: string, conversationId: string, me: OperatorRef): Promise<TransferRequest> {
  const req = await tx.transferRequest.findFirst({ where: { shop, pendingKey: conversationId } });
  if (!req) throw domainError("not_found", "errors.transfer.noneWaiting");
  if (req.toOperatorId !== me.id) throw domainError("forbidden", "errors.transfer.onlyReceiver");
  const receiver = await tx.operator.findFirst({ where: { shop, id: me.id }, select: { deactivatedAt: true } });
  if (!receiver || receiver.deactivatedAt) throw domainError("forbidden", "errors.transfer.youNoAccess");
  return req;
}

/** The receiver accepts: the chat is theirs. 409 when it was already answered or changed meanwhile. */
export async function acceptTransfer(shop: string, conversationId: string, me: OperatorRef): Promise<Answer> {
  const result = await visibleChange(async (tx, bump): Promise<Answer> => {
    const req = await pendingFor(tx, shop, conversationId, me);
    const conv = await findConversation(shop, conversationId, tx);
    if (!applies(req, conv)) {
      if (!(await claim(tx, req, "cancelled", new Date()))) throw answered();
      return { outcome: "cancelled" };
    }
    if (!(await claim(tx, req, "accepted", new Date()))) throw answered();
    const change = new ConversationChange(tx, bump, conv!);
    await change.apply(
      { type: "transfer", actor: { type: "operator", id: me.id }, operatorId: me.id },
      {},
      { from: req.holderId, requestedBy: req.fromOperatorId, requestId: req.id },
    );
    await change.systemNotice("transferred", { name: me.name });
    return { outcome: "accepted" };
  });
  if (result.outcome === "cancelled")
    throw domainError("conflict", "errors.transfer.stale", undefined, { details: { reason: "transfer_stale" } });
  return result;
}

/** The receiver declines: the chat goes to the queue. */
export async function declineTransfer(shop: string, conversationId: string, me: OperatorRef): Promise<Answer> {
  return visibleChange(async (tx, bump): Promise<Answer> => {
    const req = await pendingFor(tx, shop, conversationId, me);
    const conv = await findConversation(shop, conversationId, tx);
    const stale = !applies(req, conv);
    if (!(await claim(tx, req, stale ? "cancelled" : "declined", new Date()))) throw answered();
    if (stale) return { outcome: "cancelled" };
    await fallBack(tx, bump, req, conv!, { type: "operator", id: me.id }, "transfer_declined");
    return { outcome: "declined" };
  });
}

/** The timeout job: an unanswered request sends the chat to the queue. False when nothing was due. */
export async function expireTransfer(shop: string, requestId: string, now: Date = new Date()): Promise<boolean> {
  return visibleChange(async (tx, bump) => {
    const req = await tx.transferRequest.findFirst({ where: { shop, id: requestId, status: "pending" } });
    if (!req || req.expiresAt.getTime() > now.getTime()) return false;
    const conv = await findConversation(shop, req.conversationId, tx);
    const stale = !applies(req, conv);
    if (!(await claim(tx, req, stale ? "cancelled" : "timed_out", now))) return false;
    if (!stale) await fallBack(tx, bump, req, conv!, { type: "system" }, "transfer_timed_out");
    return !stale;
  });
}

/** A deactivated operator's pending transfers: the ones addressed to them go to the queue. */
export async function endTransfersTo(tx: Tx, bump: Bump, shop: string, operatorId: string, actor: Actor) {
  const pending = await tx.transferRequest.findMany({ where: { shop, toOperatorId: operatorId, status: "pending" } });
  for (const req of pending) {
    const conv = await findConversation(shop, req.conversationId, tx);
    const stale = !applies(req, conv);
    if (!(await claim(tx, req, stale ? "cancelled" : "declined", new Date()))) continue;
    if (!stale) await fallBack(tx, bump, req, conv!, actor, "transfer_receiver_unavailable");
  }
}

export function registerTransferJobs(): void {
  registerJobHandler<{ requestId: string }>(
    TRANSFER_TIMEOUT_JOB,
    async (job) => {
      if (job.shop) await expireTransfer(job.shop, job.payload.requestId);
    },
    { schema: z.object({ requestId: z.string().min(1) }) },
  );
}
