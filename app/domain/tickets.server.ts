/**
 * Tickets: created from conversations (a per-shop number `T-1001` from Shop.ticketSequence, the
 * transcript attached as a JSON snapshot), the shopper's lookup by number + email, and the back
 * office's changes — status, priority, assignee, public replies, internal notes, bulk changes —
 * each recorded in the ticket's activity log (TicketEvent) with its actor, in the same transaction.
 *
 * Every write also appends its change-feed event, queues its emails and schedules its SLA checks
 * (app/domain/ticket-effects.server.ts) in the same transaction. A new ticket's deadlines come from
 * the shop's SLA targets in business time (app/domain/sla).
 */
import type { Conversation } from "../generated/prisma/client";
import { db, type Tx } from "../db.server";
import { listMessages } from "../repositories/messages.server";
import {
  createTicket,
  findTicketByNumber,
  findTicketForConversation,
  listPublicTicketComments,
  nextTicketNumber,
} from "../repositories/tickets.server";
import { formatTicketNumber, type PublicTicket } from "./ticket-public";
import { logEvent, type TicketActor } from "./ticket-writes.server";
import { TICKET_STATUSES, type TicketStatus } from "./ticket-status";
import { onTicketCreated } from "./ticket-effects.server";
import { dueDatesFor } from "./sla/jobs.server";

export interface TranscriptLine {
  role: string;
  author: string | null;
  text: string;
  at: string;
}

/** The visible messages of a conversation (never internal notes), oldest first. */
export async function transcriptOf(shop: string, conversationId: string, client: Tx = db()): Promise<TranscriptLine[]> {
  const rows = await listMessages(shop, conversationId, { limit: 2000 }, client);
  return rows.map((m) => ({ role: m.role, author: m.authorName, text: m.text, at: m.createdAt.toISOString() }));
}

export interface TicketFromConversationInput {
  email: string;
  name?: string;
  phone?: string;
  message?: string;
  source: "offline_chat" | "escalation" | "operator";
  subject?: string;
  /** Who opens it (default: the shopper, who left their details). */
  actor?: TicketActor;
}

/** Creates the conversation's ticket of this source, or returns the one already created. */
export async function createTicketFromConversation(
  shop: string,
  conv: Conversation,
  input: TicketFromConversationInput,
  tx: Tx,
) {
  const existing = await findTicketForConversation(shop, conv.id, input.source, tx);
  if (existing) return { ticket: existing, created: false };
  const number = await nextTicketNumber(shop, tx);
  const transcript = await transcriptOf(shop, conv.id, tx);
  const firstShopperLine = transcript.find((l) => l.role === "shopper")?.text;
  const subject = (input.subject ?? input.message ?? firstShopperLine ?? "Chat request")
    .replace(/\s+/g, " ")
    .slice(0, 120);
  const createdAt = new Date();
  const due = await dueDatesFor(shop, "normal", createdAt, tx);
  const ticket = await createTicket(
    shop,
    {
      createdAt,
      ...due,
      requesterLocale: conv.locale ?? null,
      number,
      subject,
      description: input.message ?? "",
      source: input.source,
      requesterEmail: input.email,
      requesterName: input.name ?? null,
      requesterPhone: input.phone ?? null,
      customerId: conv.customerId,
      conversationId: conv.id,
      transcript: JSON.stringify(transcript),
    },
    tx,
  );
  const actor = input.actor ?? { type: "shopper" };
  await logEvent(tx, shop, ticket.id, "created", actor, { source: input.source });
  await onTicketCreated(tx, shop, ticket, actor);
  return { ticket, created: true };
}

/** The ticket when the email matches its requester (case-insensitive); null otherwise. */
export async function lookupTicketForShopper(shop: string, number: number, email: string, client: Tx = db()) {
  const ticket = await findTicketByNumber(shop, number, client);
  if (!ticket || !ticket.requesterEmail) return null;
  return ticket.requesterEmail.trim().toLowerCase() === email.trim().toLowerCase() ? ticket : null;
}

/** What the shopper sees of their ticket (number + matching email), or null: one answer for every miss. */
export async function publicTicketForShopper(
  shop: string,
  number: number,
  email: string,
  client: Tx = db(),
): Promise<PublicTicket | null> {
  const ticket = await lookupTicketForShopper(shop, number, email, client);
  if (!ticket) return null;
  const comments = await listPublicTicketComments(shop, ticket.id, client);
  const status = (TICKET_STATUSES as readonly string[]).includes(ticket.status) ? ticket.status : "open";
  return {
    number: formatTicketNumber(ticket.number),
    status: status as TicketStatus,
    updatedAt: ticket.updatedAt.toISOString(),
    replies: comments.map((c) =>
      c.authorType === "operator"
        ? {
            from: "team",
            ...(c.authorName ? { name: c.authorName } : {}),
            text: c.body,
            createdAt: c.createdAt.toISOString(),
          }
        : { from: "you", text: c.body, createdAt: c.createdAt.toISOString() },
    ),
  };
}

export * from "./ticket-changes.server";
export type { TicketActor } from "./ticket-writes.server";
