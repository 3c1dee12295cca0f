/**
 * The shopper's side of the conversation engine: what the widget API routes call (the follow-ups,
 * contact, rating and ticket lookup, are shopper-followup.server.ts). Every visible
 * change runs in `visibleChange` (one transaction, one version bump, published after commit).
 */
import { isUniqueViolation } from "../../db/errors.server";
import { sqlOf, writeUnit } from "../../db/sql.server";
import type { Conversation } from "../../generated/prisma/client";
import { db, type Tx } from "../../db.server";
import {
  createConversation as insertConversation,
  findConversation,
  findConversationForVisitor,
  findConversationWithOperator,
} from "../../repositories/conversations.server";
import { listMessages } from "../../repositories/messages.server";
import { appendEvent } from "../events.server";
import { visibleChange } from "../versions.server";
import { acceptShopperMessage, type AcceptOutcome, type ShopperMessageInput } from "./commands.server";
import { isShopOnline, queueInfo } from "./availability.server";
import { ConversationChange, escalateInTx } from "./engine.server";
import { conversationClosed, conversationNotFound } from "./errors";
import { hashToken, newVisitorToken, type Visitor } from "./tokens.server";
import { conversationView, messageView, type ConversationView, type MessageView } from "./views";

export { REPLY_JOB } from "./commands.server";

export interface ConversationSnapshot {
  conversation: ConversationView;
  messages: MessageView[];
  cursor: number;
}

/** Builds the contract's conversation object for a row (reads the operator name and queue when needed). */
export async function viewOf(conv: Conversation, client: Tx = db()): Promise<ConversationView> {
  const withOperator =
    conv.assigneeId && (conv.state === "assigned" || conv.state === "waiting_shopper")
      ? await findConversationWithOperator(conv.shop, conv.id, client)
      : null;
  const queue = conv.state === "queued" ? await queueInfo(conv.shop, conv.queuedAt, client) : null;
  return conversationView({
    id: conv.id,
    state: conv.state,
    offline: conv.offline,
    createdAt: conv.createdAt,
    operatorName: withOperator?.assignee?.name ?? null,
    online: await isShopOnline(conv.shop),
    queue,
    operatorTypingAt: conv.operatorTypingAt,
  });
}

async function snapshot(conv: Conversation, afterVersion?: number): Promise<ConversationSnapshot> {
  const rows = await listMessages(conv.shop, conv.id, { afterVersion, upToVersion: conv.version, limit: 1000 });
  return { conversation: await viewOf(conv), messages: rows.map(messageView), cursor: conv.version };
}

/** The conversation this visitor may access (its token and signed customer), or the one 404. */
export async function requireVisitor(
  shop: string,
  id: string,
  visitor: Visitor,
  client: Tx = db(),
): Promise<Conversation> {
  const conv = await findConversationForVisitor(shop, id, visitorKey(visitor), client);
  if (!conv) throw conversationNotFound();
  return conv;
}

function visitorKey(visitor: Visitor) {
  return { tokenHash: hashToken(visitor.token), customerId: visitor.customerId };
}

export interface NewConversationInput {
  locale?: string | null;
  pageUrl?: string | null;
  /**
   * Only from the signed `logged_in_customer_id`; null for guests. The conversation stays bound to
   * it: every later request must be signed for the same customer (or be a guest again).
   */
  customerId: string | null;
  userAgent?: string | null;
  /** Details the shopper typed in the pre-chat form (never trusted as identity). */
  visitor?: { name?: string; email?: string; phone?: string } | null;
}

export async function startConversation(shop: string, input: NewConversationInput) {
  const visitorToken = newVisitorToken();
  const conv = await db().$transaction(async (tx) => {
    const row = await insertConversation(
      shop,
      {
        visitorTokenHash: hashToken(visitorToken),
        customerId: input.customerId,
        locale: input.locale ?? null,
        pageUrl: input.pageUrl ?? null,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
        contactName: input.visitor?.name || null,
        contactEmail: input.visitor?.email || null,
        contactPhone: input.visitor?.phone || null,
      },
      tx,
    );
    await appendEvent(tx, {
      shop,
      type: "conversation.created",
      conversationId: row.id,
      data: { conversationId: row.id, state: row.state, locale: row.locale },
    });
    return row;
  });
  return { ...(await snapshot(conv)), visitorToken };
}

export async function resumeConversation(shop: string, id: string, visitor: Visitor): Promise<ConversationSnapshot> {
  return snapshot(await requireVisitor(shop, id, visitor));
}

/** null when nothing changed after `after` (the route answers 204). */
export async function pollConversation(
  shop: string,
  id: string,
  visitor: Visitor,
  after: number,
): Promise<ConversationSnapshot | null> {
  const conv = await requireVisitor(shop, id, visitor);
  if (conv.version <= after) return null;
  return snapshot(conv, after);
}

export interface SendResult {
  created: boolean;
  message: MessageView;
  cursor: number;
}

/**
 * Accepts a shopper message, idempotently on `clientMessageId` (commands.server.ts
 * `acceptShopperMessage`, in the group commit). A message that asks for a person while the AI holds
 * the chat is accepted and escalated in one transaction, with routing.
 */
export async function sendShopperMessage(
  shop: string,
  id: string,
  visitor: Visitor,
  input: { clientMessageId: string; text: string; visitorKey?: string | null },
): Promise<SendResult> {
  const command: ShopperMessageInput = { shop, id, ...visitorKey(visitor), ...input };
  const answer = (outcome: AcceptOutcome): SendResult | null => {
    if (outcome.kind === "duplicate")
      return { created: false, message: messageView(outcome.message), cursor: outcome.message.version };
    if (outcome.kind === "created")
      return { created: true, message: messageView(outcome.message), cursor: outcome.cursor };
    return null;
  };
  const once = async (): Promise<SendResult> => {
    const fast = answer(await writeUnit((q) => acceptShopperMessage(q, command)));
    if (fast) return fast;
    return visibleChange(async (tx) => {
      const q = sqlOf(tx);
      const outcome = await acceptShopperMessage(q, command, { escalates: true });
      if (outcome.kind === "created") {
        const row = await findConversation(shop, id, tx);
        if (!row) throw conversationNotFound();
        const change = new ConversationChange(tx, outcome.bump, row);
        await change.nextVersion();
        await escalateInTx(change, { type: "shopper" }, "intent", { now: outcome.message.createdAt });
      }
      return answer(outcome)!;
    });
  };
  try {
    return await once();
  } catch (error) {
    // Two identical sends raced (another process): the loser answers the winner's row.
    if (isUniqueViolation(error)) return once();
    throw error;
  }
}

/** The shopper asks for a person (the widget's button). */
export async function escalateByShopper(
  shop: string,
  id: string,
  visitor: Visitor,
  reason?: string,
): Promise<{ conversation: ConversationView }> {
  const conv = await visibleChange(async (tx, bump) => {
    const row = await requireVisitor(shop, id, visitor, tx);
    if (row.state === "closed") throw conversationClosed();
    const change = new ConversationChange(tx, bump, row);
    await escalateInTx(change, { type: "shopper" }, reason ? "button_with_reason" : "button");
    return change.conv;
  });
  return { conversation: await viewOf(conv) };
}

export async function closeByShopper(
  shop: string,
  id: string,
  visitor: Visitor,
): Promise<{ conversation: ConversationView }> {
  const conv = await visibleChange(async (tx, bump) => {
    const row = await requireVisitor(shop, id, visitor, tx);
    if (row.state === "closed") return row;
    const change = new ConversationChange(tx, bump, row);
    await change.apply({ type: "close", actor: { type: "shopper" }, reason: "closed_by_shopper" });
    await change.systemNotice("closed");
    return change.conv;
  });
  return { conversation: await viewOf(conv) };
}

export async function runtimeConfig(shop: string) {
  const row = await db().shop.findUnique({
    where: { shop },
    select: { greeting: true, brandName: true, name: true, handoffEnabled: true, timezone: true },
  });
  return {
    online: await isShopOnline(shop),
    greeting: row?.greeting ?? null,
    /** The shop's IANA time zone: the widget shows dates (a ticket's last update) in it. */
    timezone: row?.timezone ?? "UTC",
    brandName: row?.brandName ?? row?.name ?? null,
    features: { handoff: row?.handoffEnabled ?? true, tickets: true, rating: true, ticketLookup: true },
    limits: { maxTextLength: 2000, messagesPerMinute: 20 },
    poll: { activeMs: 1000, idleMs: 3000, minimisedMs: 20000 },
  };
}
