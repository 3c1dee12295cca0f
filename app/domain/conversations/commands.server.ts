/**
 * The shopper-message and AI-reply commands (ADR 130): the rules of each written once, run on
 * either executor (app/db/sql.server.ts) — alone in the group commit, or inside a Prisma
 * transaction when the command also escalates (routing needs Prisma-side reads).
 */
import type { Sql } from "../../db/sql.server";
import { readDate } from "../../db/sql.server";
import { enqueueSql } from "../../jobs/queue.server";
import { conversationClosed, conversationNotFound, domainError } from "./errors";
import { wantsPerson } from "./escalation-intent";
import { replyPayloadFor } from "./job-types";
import { isHeldByPerson } from "./state-machine";
import { applyTransition, bumpVersion, insertMessage, updateMessageRow, writeConversationRow } from "./store.server";
import type { ConvState, StoredMessage } from "./store.server";
import { visitorMayAccess } from "./tokens.server";

export const REPLY_JOB = "conversation.reply";

const CONV_COLUMNS = `"id", "shop", "state", "assigneeId", "closeReason", "version", "visitorTokenHash", "customerId", "aiFailureStreak", "locale"`;
const MESSAGE_COLUMNS = `"id", "version", "role", "text", "status", "createdAt", "authorName", "payload"`;

export interface ConvRow extends ConvState {
  visitorTokenHash: string;
  customerId: string | null;
  aiFailureStreak: number;
  locale: string | null;
}

function convRow<T extends ConvRow>(row: T | undefined): T | undefined {
  return row && { ...row, version: Number(row.version), aiFailureStreak: Number(row.aiFailureStreak) };
}

export async function loadConversation(q: Sql, shop: string, id: string): Promise<ConvRow | undefined> {
  return convRow(
    await q.one<ConvRow>(`SELECT ${CONV_COLUMNS} FROM "Conversation" WHERE "id" = $1 AND "shop" = $2`, id, shop),
  );
}

/** The conversation and the id of its message with `clientMessageId`, if any, in one statement. */
async function loadForMessage(
  q: Sql,
  shop: string,
  id: string,
  clientMessageId: string,
): Promise<(ConvRow & { existingId: string | null }) | undefined> {
  return convRow(
    await q.one<ConvRow & { existingId: string | null }>(
      `SELECT ${CONV_COLUMNS}, (SELECT m."id" FROM "Message" m WHERE m."shop" = $2 AND m."conversationId" = $1 AND m."clientMessageId" = $3) AS "existingId"
         FROM "Conversation" WHERE "id" = $1 AND "shop" = $2`,
      id,
      shop,
      clientMessageId,
    ),
  );
}

function stored(row: StoredMessage): StoredMessage {
  return { ...row, version: Number(row.version), createdAt: readDate(row.createdAt) };
}

export const closedConflict = conversationClosed;

export interface ShopperMessageInput {
  shop: string;
  id: string;
  tokenHash: string;
  customerId: string | null;
  clientMessageId: string;
  text: string;
  visitorKey?: string | null;
}

export type AcceptOutcome =
  | { kind: "created"; message: StoredMessage; conv: ConvRow; cursor: number; bump: () => Promise<number> }
  | { kind: "duplicate"; message: StoredMessage }
  /** The AI holds the chat and the text asks for a person: run again with `escalates: true`. */
  | { kind: "escalation_needed" };

/**
 * A shopper message: the conversation this visitor may access or the one 404; a repeated
 * `clientMessageId` answers the existing row (409 when it is not a shopper's); closed → 409; the
 * state machine's `shopper_message`; one version bump with the counters; the message row; while
 * the AI holds the chat the reply job — or, when the text asks for a person, nothing here: the
 * caller escalates in the same transaction (`escalates: true`).
 */
export async function acceptShopperMessage(
  q: Sql,
  input: ShopperMessageInput,
  options: { escalates?: boolean } = {},
): Promise<AcceptOutcome> {
  const { shop, id } = input;
  const found = await loadForMessage(q, shop, id, input.clientMessageId);
  if (!found || !visitorMayAccess(found, input.tokenHash, input.customerId)) throw conversationNotFound();
  const { existingId, ...conv } = found;
  const existing =
    existingId === null
      ? undefined
      : await q.one<StoredMessage>(
          `SELECT ${MESSAGE_COLUMNS} FROM "Message" WHERE "id" = $1 AND "shop" = $2`,
          existingId,
          shop,
        );
  if (existing) {
    if (existing.role !== "shopper") throw domainError("conflict", "errors.conversation.clientMessageIdUsed");
    return { kind: "duplicate", message: stored(existing) };
  }
  if (conv.state === "closed") throw closedConflict();
  const asksForPerson = conv.state === "ai" && wantsPerson(input.text);
  if (asksForPerson && !options.escalates) return { kind: "escalation_needed" };

  let version: number | null = null;
  const bump = async () => {
    version ??= await bumpVersion(q, shop, id);
    if (version === null) throw conversationNotFound();
    return version;
  };
  const now = new Date();
  const { state } = await applyTransition(q, conv, { type: "shopper_message", actor: { type: "shopper" } }, bump);
  const v = await bump();
  await writeConversationRow(q, shop, id, {
    lastShopperAt: now,
    lastActivityAt: now,
    messageCount: { increment: 1 },
    shopperMessageCount: { increment: 1 },
  });
  const message = await insertMessage(q, {
    shop,
    conversationId: id,
    version: v,
    role: "shopper",
    text: input.text,
    clientMessageId: input.clientMessageId,
    state: state.state,
  });
  if (state.state === "ai" && !asksForPerson) {
    await enqueueSql(q, REPLY_JOB, replyPayloadFor(id, message.id, input.visitorKey), {
      shop,
      dedupeKey: `reply:${message.id}`,
      maxAttempts: 5,
    });
  }
  return { kind: "created", message, conv: { ...conv, ...state, version: v }, cursor: v, bump };
}

export interface ReplyWrite {
  shop: string;
  conversationId: string;
  /** The shopper message answered. */
  messageId: string;
  /** The reply row already written by this run (or a crashed one), if any. */
  replyId: string | null;
  text: string;
  status: "streaming" | "final";
  payload?: string | null;
  final?: {
    failed: boolean;
    handoff?: boolean;
    usage?: { tokensIn: number; tokensOut: number; costMicros: number };
  };
  /** The caller escalates in the same transaction when the final answer needs it. */
  escalates?: boolean;
}

export type ReplyWritten =
  | { kind: "written"; replyId: string; version: number; streak: number; conv: ConvRow }
  /** A person holds the chat (or it is closed or gone): nothing was written. */
  | { kind: "refused" }
  /** The final answer hands off, or is the second failure in a row: run again with `escalates`. */
  | { kind: "escalation_needed" };

/**
 * Writes an AI reply (a partial while streaming, or the final text) only while the AI holds the
 * chat: "a person holds the chat" is this one guarded bump. The final write updates the failure
 * streak, the counters and the usage; the caller escalates when `streak >= 2` or the AI handed off.
 */
export async function writeReply(q: Sql, w: ReplyWrite): Promise<ReplyWritten> {
  const conv = await loadConversation(q, w.shop, w.conversationId);
  if (!conv || conv.state !== "ai" || isHeldByPerson(conv.state)) return { kind: "refused" };
  const escalation = w.final && (w.final.handoff || (w.final.failed && conv.aiFailureStreak + 1 >= 2));
  if (escalation && !w.escalates) return { kind: "escalation_needed" };
  const version = await bumpVersion(q, w.shop, w.conversationId, { onlyInStates: ["ai"] });
  if (version === null) return { kind: "refused" };
  let replyId = w.replyId;
  if (replyId) {
    await updateMessageRow(
      q,
      { shop: w.shop, conversationId: w.conversationId, id: replyId, state: conv.state },
      { version, status: w.status, text: w.text, payload: w.payload ?? null },
    );
  } else {
    const row = await insertMessage(q, {
      shop: w.shop,
      conversationId: w.conversationId,
      version,
      role: "ai",
      text: w.text,
      status: w.status,
      replyToId: w.messageId,
      payload: w.payload ?? null,
      state: conv.state,
    });
    replyId = row.id;
  }
  let streak = conv.aiFailureStreak;
  if (w.final) {
    streak = w.final.failed ? streak + 1 : 0;
    const usage = w.final.usage;
    await writeConversationRow(q, w.shop, w.conversationId, {
      aiFailureStreak: streak,
      lastActivityAt: new Date(),
      messageCount: { increment: 1 },
      ...(usage
        ? {
            aiTokensIn: { increment: usage.tokensIn },
            aiTokensOut: { increment: usage.tokensOut },
            aiCostMicros: { increment: usage.costMicros },
          }
        : {}),
    });
  }
  return { kind: "written", replyId, version, streak, conv: { ...conv, version, aiFailureStreak: streak } };
}

/** A person took over mid-answer: the partial text already shown stays, marked interrupted. */
export async function interruptReply(q: Sql, shop: string, conversationId: string, replyId: string): Promise<boolean> {
  const current = await q.one<{ status: string }>(
    `SELECT "status" FROM "Message" WHERE "id" = $1 AND "shop" = $2`,
    replyId,
    shop,
  );
  if (current?.status !== "streaming") return false;
  const version = await bumpVersion(q, shop, conversationId);
  if (version === null) return false;
  const conv = await loadConversation(q, shop, conversationId);
  await updateMessageRow(
    q,
    { shop, conversationId, id: replyId, state: conv?.state ?? "closed" },
    { version, status: "interrupted" },
  );
  return true;
}

/** What the reply job reads before it answers (one statement each, on the fast executor). */
/**
 * What a reply job needs first, in one statement: the conversation, the reply already written for
 * `messageId` (a crashed or streaming run's), and the message answered. undefined parts are absent.
 */
export async function readReplyContext(q: Sql, shop: string, conversationId: string, messageId: string) {
  const row = await q.one<
    ConvRow & {
      replyId: string | null;
      replyStatus: string | null;
      questionConversationId: string | null;
      questionRole: string | null;
      questionText: string | null;
      questionCreatedAt: unknown;
    }
  >(
    `SELECT ${CONV_COLUMNS.replace(/"(\w+)"/g, 'c."$1"')},
        r."id" AS "replyId", r."status" AS "replyStatus",
        m."conversationId" AS "questionConversationId", m."role" AS "questionRole", m."text" AS "questionText",
        m."createdAt" AS "questionCreatedAt"
       FROM "Conversation" c
       LEFT JOIN "Message" r ON r."conversationId" = c."id" AND r."replyToId" = $3
       LEFT JOIN "Message" m ON m."id" = $3 AND m."shop" = c."shop"
      WHERE c."id" = $1 AND c."shop" = $2`,
    conversationId,
    shop,
    messageId,
  );
  if (!row) return { conv: undefined, existing: undefined, question: undefined };
  const { replyId, replyStatus, questionConversationId, questionRole, questionText, questionCreatedAt, ...conv } = row;
  return {
    conv: convRow(conv),
    existing: replyId === null ? undefined : { id: replyId, status: replyStatus ?? "" },
    question:
      questionConversationId === null
        ? undefined
        : {
            conversationId: questionConversationId,
            role: questionRole ?? "",
            text: questionText ?? "",
            createdAt: readDate(questionCreatedAt),
          },
  };
}

/** The conversation's last 40 messages, oldest first (the history a model answers with). */
export async function readRecentMessages(q: Sql, shop: string, conversationId: string) {
  const recent = await q.all<{ id: string; role: string; text: string; createdAt: unknown }>(
    `SELECT "id", "role", "text", "createdAt" FROM "Message" WHERE "shop" = $1 AND "conversationId" = $2
       ORDER BY "createdAt" DESC, "id" DESC LIMIT 40`,
    shop,
    conversationId,
  );
  return recent.reverse().map((m) => ({ ...m, createdAt: readDate(m.createdAt) }));
}
