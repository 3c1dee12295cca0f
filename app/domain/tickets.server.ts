/**
 * Tickets: created from conversations (a per-shop number `T-1001` from Shop.ticketSequence, the
 * transcript attached as a JSON snapshot), the shopper's lookup by number + email, and the back
 * office's changes — status, priority, assignee, public replies, internal notes, bulk changes —
 * each recorded in the ticket's activity log (TicketEvent) with its actor, in the same transaction.
 *
 * Hooks for what comes later: a public reply is stored with `emailedAt = null` and nothing is
 * enqueued yet (the email job will send operator replies whose emailedAt is null); the SLA rules set
 * deadlines with `setTicketDueDates` (app/repositories/tickets.server.ts).
 */
import type { Conversation } from "../generated/prisma/client";
import { db, type Tx } from "../db.server";
import { listMessages, addInternalNote } from "../repositories/messages.server";
import { getOperator } from "../repositories/operators.server";
import {
  createTicket,
  createTicketComment,
  findTicketByNumber,
  findTicketForConversation,
  listPublicTicketComments,
  findTicketsByIds,
  nextTicketNumber,
  recordTicketEvent,
  updateTicket,
  type NewTicketEvent,
  type Ticket,
} from "../repositories/tickets.server";
import { formatTicketNumber, type PublicTicket } from "./ticket-public";
import { logEvent, type TicketActor } from "./ticket-writes.server";
import { DomainError } from "./conversations/errors";
import { cleanText } from "./conversations/input";
import { TICKET_STATUSES, isActiveStatus, type TicketPriority, type TicketStatus } from "./ticket-status";

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
  const ticket = await createTicket(
    shop,
    {
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
  await logEvent(tx, shop, ticket.id, "created", input.actor ?? { type: "shopper" }, { source: input.source });
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
