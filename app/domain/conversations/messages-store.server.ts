/**
 * The one insert and the one update of a Message row (part of the conversation store, ADR 130,
 * app/domain/conversations/store.server.ts): a final shopper, AI or operator message appends
 * `message.created` to the change feed.
 */
import type { Sql } from "../../db/sql.server";
import { appendEventSql } from "../events.server";
import { newCuid } from "./ids.server";

export interface NewMessageRow {
  shop: string;
  conversationId: string;
  version: number;
  role: "shopper" | "ai" | "operator" | "system";
  text: string;
  status?: "streaming" | "final" | "interrupted";
  clientMessageId?: string | null;
  replyToId?: string | null;
  authorOperatorId?: string | null;
  authorName?: string | null;
  payload?: string | null;
  /** The conversation's state after the change (for the feed). */
  state: string;
}

export interface StoredMessage {
  id: string;
  version: number;
  role: string;
  text: string;
  status: string;
  createdAt: Date;
  authorName: string | null;
  payload: string | null;
}

async function messageCreated(q: Sql, m: StoredMessage & { shop: string; conversationId: string; state: string }) {
  if (m.status !== "final" || !["shopper", "ai", "operator"].includes(m.role)) return;
  await appendEventSql(q, {
    shop: m.shop,
    type: "message.created",
    conversationId: m.conversationId,
    data: {
      conversationId: m.conversationId,
      state: m.state,
      messageId: m.id,
      role: m.role,
      text: m.text,
      authorName: m.authorName,
      version: m.version,
    },
  });
}

/** The one insert of a Message row. */
export async function insertMessage(q: Sql, m: NewMessageRow): Promise<StoredMessage> {
  const now = new Date();
  const stored: StoredMessage = {
    id: newCuid(now.getTime()),
    version: m.version,
    role: m.role,
    text: m.text,
    status: m.status ?? "final",
    createdAt: now,
    authorName: m.authorName ?? null,
    payload: m.payload ?? null,
  };
  await q.write(
    `INSERT INTO "Message" ("id", "shop", "conversationId", "version", "role", "text", "status", "clientMessageId",
        "replyToId", "authorOperatorId", "authorName", "payload", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
    stored.id,
    m.shop,
    m.conversationId,
    m.version,
    m.role,
    m.text,
    stored.status,
    m.clientMessageId ?? null,
    m.replyToId ?? null,
    m.authorOperatorId ?? null,
    stored.authorName,
    stored.payload,
    now,
  );
  await messageCreated(q, { ...stored, shop: m.shop, conversationId: m.conversationId, state: m.state });
  return stored;
}

/** The one update of a Message row (an AI reply growing, finishing or interrupted). */
export async function updateMessageRow(
  q: Sql,
  m: { shop: string; conversationId: string; id: string; state: string },
  data: { version: number; status: "streaming" | "final" | "interrupted"; text?: string; payload?: string | null },
): Promise<StoredMessage | null> {
  const row = await q.one<StoredMessage>(
    `UPDATE "Message" SET "version" = $3, "status" = $4, "text" = COALESCE($5, "text"),
        "payload" = CASE WHEN $6 = 1 THEN $7 ELSE "payload" END, "updatedAt" = $8
       WHERE "id" = $1 AND "shop" = $2
       RETURNING "id", "version", "role", "text", "status", "createdAt", "authorName", "payload"`,
    m.id,
    m.shop,
    data.version,
    data.status,
    data.text ?? null,
    data.payload !== undefined ? 1 : 0,
    data.payload ?? null,
    new Date(),
  );
  if (!row) return null;
  await messageCreated(q, { ...row, shop: m.shop, conversationId: m.conversationId, state: m.state });
  return row;
}
