/**
 * The change feed. Every visible change to a conversation or a ticket appends one DomainEvent row in
 * the same transaction as the change itself, so an event exists exactly when its change does. Readers
 * (outbound webhooks, notifications, analytics) follow the feed by `seq`; a receiver deduplicates on
 * `id`, which is stable across retries.
 *
 * Payloads (`data`) hold identifiers, states and the text the event type documents (docs/api/webhooks.md);
 * never internal notes, tokens or secrets.
 */
import { randomBytes } from "node:crypto";
import { db, type Tx } from "../db.server";
import { sqlOf, type Sql } from "../db/sql.server";

/*
 * The conversation events and their `data` (written by app/domain/conversations/store.server.ts,
 * in the transaction of the change; every one carries `conversationId` and the conversation's
 * `state` after the change):
 *
 * - `conversation.created`  {conversationId, state, locale: string | null}
 * - `conversation.escalated` {conversationId, state: "queued", reason: string (button, intent,
 *    handoff:…, ai_failed_twice, …), queuePosition: number (1 = next), actor: "shopper"|"ai"|"system"}
 * - `conversation.assigned` {conversationId, state, operatorId, operatorName: string | null,
 *    via: "take_over"|"assign"|"transfer", routing?: "auto", actor, actorId: string | null}
 * - `conversation.closed`   {conversationId, state: "closed", reason: "resolved"|"abandoned"|
 *    "timed_out"|"closed_by_shopper", actor, actorId: string | null}
 * - `message.created`       {conversationId, state, messageId, role: "shopper"|"ai"|"operator",
 *    text, authorName: string | null, version} — final messages only (one per AI reply, not per
 *    streamed part); never system notices or internal notes.
 * - `rating.created`        {conversationId, state, score: 1..5, comment: string | null}
 * - `conversation.transfer_requested` {conversationId, state, requestId, fromOperatorId,
 *    toOperatorId, toOperatorName, expiresAt} — a transfer waits for the receiver (ADR 220); the
 *    accept is a `conversation.assigned` with via "transfer"
 * - `conversation.transfer_declined` {conversationId, state: "queued", requestId, toOperatorId,
 *    outcome: "declined"|"timed_out"|"receiver_unavailable"} — the chat went to the queue instead
 *    (written by app/domain/conversations/transfers.server.ts)
 * - `conversation.transfer_cancelled` {conversationId, requestId, toOperatorId, cancelledBy} — the
 *    sender withdrew a waiting transfer; the chat did not change (the admin's live updates only: not
 *    a webhook type)
 */

export const EVENT_TYPES = [
  "conversation.created",
  "conversation.escalated",
  "conversation.assigned",
  "conversation.updated",
  "conversation.closed",
  "conversation.transfer_requested",
  "conversation.transfer_declined",
  "conversation.transfer_cancelled",
  "message.created",
  "ticket.created",
  "ticket.updated",
  "ticket.replied",
  "rating.created",
  "sla.warning",
  "sla.breached",
] as const;

export type DomainEventType = (typeof EVENT_TYPES)[number];

export interface DomainEventInput {
  shop: string;
  type: DomainEventType;
  conversationId?: string | null;
  ticketId?: string | null;
  data?: Record<string, unknown>;
  /** Defaults to the database's clock at insert time. */
  at?: Date;
}

export interface DomainEvent {
  seq: number;
  id: string;
  shop: string;
  type: DomainEventType;
  conversationId: string | null;
  ticketId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** `evt_` + 24 random hex characters: unguessable and unique, independent of `seq`. */
export function newEventId(): string {
  return `evt_${randomBytes(12).toString("hex")}`;
}

/** Appends one event. Call it with the transaction that makes the change. Returns the event id. */
export async function appendEvent(tx: Tx, event: DomainEventInput): Promise<string> {
  return appendEventSql(sqlOf(tx), event);
}

/** `appendEvent` on the write path's executor (the one insert of a DomainEvent row). */
export async function appendEventSql(q: Sql, event: DomainEventInput): Promise<string> {
  const id = newEventId();
  await q.write(
    `INSERT INTO "DomainEvent" ("id", "shop", "type", "conversationId", "ticketId", "data", "createdAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    id,
    event.shop,
    event.type,
    event.conversationId ?? null,
    event.ticketId ?? null,
    JSON.stringify(event.data ?? {}),
    event.at ?? new Date(),
  );
  return id;
}

function toEvent(row: {
  seq: number;
  id: string;
  shop: string;
  type: string;
  conversationId: string | null;
  ticketId: string | null;
  data: string;
  createdAt: Date;
}): DomainEvent {
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(row.data) as Record<string, unknown>;
  } catch {
    data = {};
  }
  return { ...row, type: row.type as DomainEventType, data };
}

/** Events of one shop after `afterSeq`, oldest first (the feed a reader follows). */
export async function eventsAfter(
  shop: string,
  afterSeq: number,
  options: { types?: DomainEventType[]; limit?: number } = {},
  client: Tx = db(),
): Promise<DomainEvent[]> {
  const rows = await client.domainEvent.findMany({
    where: { shop, seq: { gt: afterSeq }, ...(options.types ? { type: { in: options.types } } : {}) },
    orderBy: { seq: "asc" },
    take: Math.min(options.limit ?? 500, 5000),
  });
  return rows.map(toEvent);
}

/** Events not yet planned for delivery, oldest first, across shops (the webhook dispatcher's input). */
export async function undispatchedEvents(limit = 200, client: Tx = db()): Promise<DomainEvent[]> {
  const rows = await client.domainEvent.findMany({
    where: { dispatchedAt: null },
    orderBy: { seq: "asc" },
    take: limit,
  });
  return rows.map(toEvent);
}

export async function markDispatched(seqs: number[], at: Date = new Date(), client: Tx = db()): Promise<void> {
  if (seqs.length === 0) return;
  await client.domainEvent.updateMany({ where: { seq: { in: seqs } }, data: { dispatchedAt: at } });
}

/** The shop's latest event (0 before the first): the change feed's cursor for live views. */
export async function latestEventSeq(shop: string, client: Tx = db()): Promise<number> {
  const row = await client.domainEvent.findFirst({ where: { shop }, orderBy: { seq: "desc" }, select: { seq: true } });
  return row?.seq ?? 0;
}
