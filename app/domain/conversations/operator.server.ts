/**
 * The operator's side of the conversation engine (called by the inbox): take over, assign,
 * return to AI, close, reply, internal notes (transfers: transfers.server.ts). Every change goes through the state machine
 * and `visibleChange`. Take over is atomic: of two operators claiming one chat, the second gets a
 * 409 conflict "already taken by <name>".
 */
import type { Conversation } from "../../generated/prisma/client";
import { db, type Tx } from "../../db.server";
import { findConversation } from "../../repositories/conversations.server";
import { addInternalNote } from "../../repositories/messages.server";
import { visibleChange } from "../versions.server";
import { invalidateAvailability } from "./availability.server";
import { ConversationChange } from "./engine.server";
import { conversationClosed, DomainError, domainError } from "./errors";
import { cleanText, MAX_TEXT } from "./input";
import type { CloseReason } from "./state-machine";
import { can, type Role } from "../permissions";

export interface OperatorRef {
  id: string;
  name: string;
  /** Decides whether they may act on a chat another operator holds (app/domain/permissions.ts); none: operator. */
  role?: Role | string;
}

/** Closing, transferring or returning to the AI a chat someone else holds needs the permission for it. */
function assertMayHandle(conv: Conversation, operator: OperatorRef): void {
  if (!conv.assigneeId || conv.assigneeId === operator.id) return;
  if (!can(operator.role ?? "operator", "conversations.manage_others")) {
    throw domainError("forbidden", "common.refusals.conversationsManageOthers");
  }
}

async function load(
  change: { tx: Parameters<Parameters<typeof visibleChange>[0]>[0] },
  shop: string,
  id: string,
): Promise<Conversation> {
  const conv = await findConversation(shop, id, change.tx);
  if (!conv) throw domainError("not_found", "errors.conversation.notFound");
  return conv;
}

/** 409 "already taken by <name>" (or "by another operator" when the holder has no name here). */
function alreadyTaken(holder: string | null, details: Record<string, unknown>): DomainError {
  return holder
    ? domainError("conflict", "errors.conversation.alreadyTakenBy", { name: holder }, { details })
    : domainError("conflict", "errors.conversation.alreadyTaken", undefined, { details });
}

// a string, so the English text keeps its contract form ("1–2000", not "1–2,000")
const textLength = () => domainError("invalid_request", "errors.conversation.textLength", { max: String(MAX_TEXT) });

/** The operator's name; inside a write, read through its transaction (SQLite has one writer: db() would wait for it). */
async function operatorName(shop: string, operatorId: string | null, client: Tx = db()): Promise<string | null> {
  if (!operatorId) return null;
  const op = await client.operator.findFirst({ where: { shop, id: operatorId }, select: { name: true } });
  return op?.name ?? null;
}

async function requireOperator(shop: string, operatorId: string): Promise<OperatorRef> {
  const op = await db().operator.findFirst({ where: { shop, id: operatorId }, select: { id: true, name: true } });
  if (!op) throw domainError("not_found", "errors.conversation.operatorNotFound");
  return op;
}

/** Claims a chat (from the AI or the queue). 409 "already taken by X" when another person holds it. */
export async function takeOver(shop: string, conversationId: string, operator: OperatorRef): Promise<Conversation> {
  try {
    return await visibleChange(async (tx, bump) => {
      const change = new ConversationChange(tx, bump, await load({ tx }, shop, conversationId));
      const before = change.conv.state;
      await change.apply(
        { type: "take_over", actor: { type: "operator", id: operator.id }, operatorId: operator.id },
        before === "ai" || before === "queued" ? { assignedAt: new Date(), offline: false } : {},
      );
      if (before === "ai" || before === "queued") await change.systemNotice("joined", { name: operator.name });
      return change.conv;
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === "conflict") {
      const current = await findConversation(shop, conversationId);
      const holder = await operatorName(shop, current?.assigneeId ?? null);
      if (
        current &&
        current.assigneeId &&
        current.assigneeId !== operator.id &&
        (current.state === "assigned" || current.state === "waiting_shopper")
      ) {
        throw alreadyTaken(holder, { reason: "already_assigned", holderId: current.assigneeId, holderName: holder });
      }
    }
    throw error;
  }
}

/** Gives the chat to an operator (an admin's assignment, or routing). */
export async function assign(
  shop: string,
  conversationId: string,
  operatorId: string,
  actor: OperatorRef | null,
): Promise<Conversation> {
  const target = await requireOperator(shop, operatorId);
  return visibleChange(async (tx, bump) => {
    const change = new ConversationChange(tx, bump, await load({ tx }, shop, conversationId));
    const wasHuman = change.conv.state === "assigned" || change.conv.state === "waiting_shopper";
    await change.apply(
      { type: "assign", actor: actor ? { type: "operator", id: actor.id } : { type: "system" }, operatorId: target.id },
      wasHuman ? {} : { assignedAt: new Date(), offline: false },
    );
    await change.systemNotice(wasHuman ? "transferred" : "joined", { name: target.name });
    return change.conv;
  });
}

// A transfer to a colleague waits for their answer: app/domain/conversations/transfers.server.ts.

export async function returnToAi(shop: string, conversationId: string, operator: OperatorRef): Promise<Conversation> {
  return visibleChange(async (tx, bump) => {
    const change = new ConversationChange(tx, bump, await load({ tx }, shop, conversationId));
    assertMayHandle(change.conv, operator);
    await change.apply(
      { type: "return_to_ai", actor: { type: "operator", id: operator.id } },
      { offline: false, aiFailureStreak: 0 },
    );
    await change.systemNotice("returned_to_ai");
    return change.conv;
  });
}

export async function closeConversation(
  shop: string,
  conversationId: string,
  operator: OperatorRef,
  reason: CloseReason = "resolved",
): Promise<Conversation> {
  return visibleChange(async (tx, bump) => {
    const change = new ConversationChange(tx, bump, await load({ tx }, shop, conversationId));
    if (change.conv.state === "closed") return change.conv;
    assertMayHandle(change.conv, operator);
    await change.apply({ type: "close", actor: { type: "operator", id: operator.id }, reason });
    await change.systemNotice("closed");
    return change.conv;
  });
}

/**
 * An operator's reply. The operator must hold the chat; replying to a chat with the AI or in the
 * queue takes it over first (atomically, same rules as takeOver).
 */
export async function operatorReply(shop: string, conversationId: string, operator: OperatorRef, text: string) {
  const clean = cleanText(text);
  if (clean.length === 0 || clean.length > MAX_TEXT) throw textLength();
  const current = await findConversation(shop, conversationId);
  if (!current) throw domainError("not_found", "errors.conversation.notFound");
  if (current.state === "ai" || current.state === "queued") await takeOver(shop, conversationId, operator);
  return visibleChange(async (tx, bump) => {
    const change = new ConversationChange(tx, bump, await load({ tx }, shop, conversationId));
    const conv = change.conv;
    if (conv.state === "closed") throw conversationClosed();
    if (conv.assigneeId !== operator.id) {
      const holder = await operatorName(shop, conv.assigneeId, tx);
      throw alreadyTaken(holder, { reason: "already_assigned", holderId: conv.assigneeId });
    }
    const now = new Date();
    const message = await change.addMessage({
      role: "operator",
      text: clean,
      status: "final",
      authorOperatorId: operator.id,
      authorName: operator.name,
    });
    await change.patch({
      lastActivityAt: now,
      messageCount: { increment: 1 },
      ...(conv.firstHumanReplyAt ? {} : { firstHumanReplyAt: now }),
    });
    return message;
  });
}

/** An internal note: operators only, never in any widget response, not a visible change. */
export async function addNote(shop: string, conversationId: string, operator: OperatorRef, text: string) {
  const clean = cleanText(text);
  if (clean.length === 0 || clean.length > MAX_TEXT) throw textLength();
  const conv = await findConversation(shop, conversationId);
  if (!conv) throw domainError("not_found", "errors.conversation.notFound");
  return addInternalNote(shop, {
    conversationId,
    authorOperatorId: operator.id,
    authorName: operator.name,
    text: clean,
  });
}

/** Presence changed: the widget's `online` and routing read fresh data. */
export function presenceChanged(shop: string): void {
  invalidateAvailability(shop);
}
