/**
 * Message reads and internal-note persistence. Every function takes the shop first and scopes by it.
 * Messages are written only by the conversation store (app/domain/conversations/messages-store.server.ts
 * insertMessage / updateMessageRow), which bumps the version and feeds the change feed with them.
 * Internal notes live in their own table: nothing here that reads messages can return one.
 */
import { db, type Tx } from "../db.server";

export async function findMessageByClientId(
  shop: string,
  conversationId: string,
  clientMessageId: string,
  client: Tx = db(),
) {
  return client.message.findFirst({ where: { shop, conversationId, clientMessageId } });
}

export async function findMessage(shop: string, id: string, client: Tx = db()) {
  return client.message.findFirst({ where: { shop, id } });
}

/** The AI reply to one shopper message, if any (one per shopper message: unique replyToId). */
export async function findReplyTo(shop: string, conversationId: string, replyToId: string, client: Tx = db()) {
  return client.message.findFirst({ where: { shop, conversationId, replyToId } });
}

/** Messages of a conversation changed after `afterVersion` (all when omitted), oldest first. */
export async function listMessages(
  shop: string,
  conversationId: string,
  options: { afterVersion?: number; upToVersion?: number; limit?: number } = {},
  client: Tx = db(),
) {
  return client.message.findMany({
    where: {
      shop,
      conversationId,
      ...(options.afterVersion !== undefined || options.upToVersion !== undefined
        ? {
            version: {
              gt: options.afterVersion ?? 0,
              ...(options.upToVersion !== undefined ? { lte: options.upToVersion } : {}),
            },
          }
        : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: options.limit ?? 500,
  });
}

/** The last `limit` messages, oldest first (the AI's history). */
export async function listRecentMessages(shop: string, conversationId: string, limit = 30, client: Tx = db()) {
  const rows = await client.message.findMany({
    where: { shop, conversationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.reverse();
}

export async function addInternalNote(
  shop: string,
  data: {
    conversationId?: string | null;
    ticketId?: string | null;
    authorOperatorId: string | null;
    authorName: string | null;
    text: string;
  },
  client: Tx = db(),
) {
  return client.internalNote.create({ data: { shop, ...data } });
}

export async function listInternalNotes(shop: string, conversationId: string, client: Tx = db()) {
  return client.internalNote.findMany({ where: { shop, conversationId }, orderBy: { createdAt: "asc" } });
}
