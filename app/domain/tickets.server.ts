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

/** Who made a change, as the activity log records it. */
export type TicketActor =
  | { type: "operator"; id: string; name: string }
  | { type: "shopper" }
  | { type: "requester"; name?: string | null }
  | { type: "system" };

function actorColumns(actor: TicketActor): Pick<NewTicketEvent, "actorType" | "actorId" | "actorName"> {
  if (actor.type === "operator") return { actorType: "operator", actorId: actor.id, actorName: actor.name };
  if (actor.type === "requester") return { actorType: "requester", actorId: null, actorName: actor.name ?? null };
  return { actorType: actor.type, actorId: null, actorName: null };
}

async function logEvent(
  tx: Tx,
  shop: string,
  ticketId: string,
  type: string,
  actor: TicketActor,
  data?: Record<string, unknown>,
) {
  await recordTicketEvent(shop, { ticketId, type, ...actorColumns(actor), ...(data ? { data } : {}) }, tx);
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

// ---------------------------------------------------------------------------------------------
// The back office

/** Public replies and internal notes: 1–10,000 characters after trimming. */
export const MAX_TICKET_TEXT = 10_000;
/** Tickets one bulk change may touch (a page of the list). */
export const MAX_BULK_TICKETS = 100;

export type TicketChange = { status: TicketStatus } | { priority: TicketPriority } | { assigneeId: string | null };

/** Another change committed between our read and our write (PostgreSQL): the transaction is retried. */
class TicketChangedMeanwhile extends Error {}

async function inTicketTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(fn);
    } catch (error) {
      if (!(error instanceof TicketChangedMeanwhile)) throw error;
      if (attempt >= 3)
        throw new DomainError("conflict", "The ticket was changed by someone else at the same time; try again.");
    }
  }
}

function ticketNotFound(): DomainError {
  return new DomainError("not_found", "Ticket not found.");
}

async function loadTicket(tx: Tx, shop: string, ticketId: string): Promise<Ticket> {
  const [ticket] = await findTicketsByIds(shop, [ticketId], tx);
  if (!ticket) throw ticketNotFound();
  return ticket;
}

async function save(tx: Tx, shop: string, before: Ticket, patch: Parameters<typeof updateTicket>[2]) {
  const after = await updateTicket(shop, before, patch, tx);
  if (!after) throw new TicketChangedMeanwhile();
  return after;
}

async function operatorRef(tx: Tx, shop: string, id: string | null): Promise<{ id: string; name: string } | null> {
  if (!id) return null;
  const op = await getOperator(shop, id, tx);
  return op ? { id: op.id, name: op.name } : null;
}

/** Applies one change to a loaded ticket; "unchanged" when it already is so (nothing is logged). */
async function applyChange(
  tx: Tx,
  shop: string,
  ticket: Ticket,
  change: TicketChange,
  actor: TicketActor,
  extra: Record<string, unknown> = {},
): Promise<Ticket | "unchanged"> {
  if ("status" in change) {
    if (ticket.status === change.status) return "unchanged";
    const done = !isActiveStatus(change.status);
    const after = await save(tx, shop, ticket, {
      status: change.status,
      resolvedAt: done ? (ticket.resolvedAt ?? new Date()) : null,
    });
    await logEvent(tx, shop, ticket.id, "status_changed", actor, { from: ticket.status, to: change.status, ...extra });
    return after;
  }
  if ("priority" in change) {
    if (ticket.priority === change.priority) return "unchanged";
    const after = await save(tx, shop, ticket, { priority: change.priority });
    await logEvent(tx, shop, ticket.id, "priority_changed", actor, {
      from: ticket.priority,
      to: change.priority,
      ...extra,
    });
    return after;
  }
  if (ticket.assigneeId === change.assigneeId) return "unchanged";
  const to = await operatorRef(tx, shop, change.assigneeId);
  if (change.assigneeId && !to) throw new DomainError("invalid_request", "That operator is not on this store's team.");
  const from = await operatorRef(tx, shop, ticket.assigneeId);
  const after = await save(tx, shop, ticket, { assigneeId: change.assigneeId });
  await logEvent(tx, shop, ticket.id, "assignee_changed", actor, { from, to, ...extra });
  return after;
}

/** Changes a ticket's status, priority or assignee. 404 for another shop's ticket. */
export async function changeTicket(
  shop: string,
  ticketId: string,
  change: TicketChange,
  actor: TicketActor,
): Promise<{ ticket: Ticket; changed: boolean }> {
  return inTicketTransaction(async (tx) => {
    const ticket = await loadTicket(tx, shop, ticketId);
    const after = await applyChange(tx, shop, ticket, change, actor);
    return after === "unchanged" ? { ticket, changed: false } : { ticket: after, changed: true };
  });
}

export interface BulkResult {
  changed: number;
  unchanged: number;
  /** Selected ids that are not this shop's tickets (nothing was done with them). */
  notFound: number;
}

/** The same status or assignee change on many tickets, one transaction, one log entry per ticket. */
export async function bulkChangeTickets(
  shop: string,
  ticketIds: string[],
  change: { status: TicketStatus } | { assigneeId: string | null },
  actor: TicketActor,
): Promise<BulkResult> {
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) throw new DomainError("invalid_request", "Select at least one ticket.");
  if (ids.length > MAX_BULK_TICKETS)
    throw new DomainError("invalid_request", `Select at most ${MAX_BULK_TICKETS} tickets at a time.`);
  return inTicketTransaction(async (tx) => {
    const tickets = await findTicketsByIds(shop, ids, tx);
    if (tickets.length === 0) throw new DomainError("not_found", "None of the selected tickets were found.");
    const result: BulkResult = { changed: 0, unchanged: 0, notFound: ids.length - tickets.length };
    for (const ticket of tickets) {
      const after = await applyChange(tx, shop, ticket, change, actor, { bulk: true });
      if (after === "unchanged") result.unchanged++;
      else result.changed++;
    }
    return result;
  });
}

function ticketText(text: string, what: string): string {
  const clean = cleanText(text);
  if (clean.length === 0) throw new DomainError("invalid_request", `Write the ${what} first: it is empty.`);
  if (clean.length > MAX_TICKET_TEXT)
    throw new DomainError(
      "invalid_request",
      `The ${what} is longer than ${MAX_TICKET_TEXT.toLocaleString("en")} characters.`,
    );
  return clean;
}

/**
 * A public reply from an operator (TicketComment, authorType operator), which the requester sees in
 * the widget's ticket lookup. The first one records the first response. Closed tickets are reopened
 * before anyone replies (409). Stored with emailedAt = null: no email is sent yet.
 */
export async function replyToTicket(
  shop: string,
  ticketId: string,
  text: string,
  operator: { id: string; name: string },
) {
  const body = ticketText(text, "reply");
  return inTicketTransaction(async (tx) => {
    const ticket = await loadTicket(tx, shop, ticketId);
    if (ticket.status === "closed")
      throw new DomainError("conflict", "This ticket is closed: reopen it before replying.");
    const comment = await createTicketComment(
      shop,
      { ticketId, authorType: "operator", authorOperatorId: operator.id, authorName: operator.name, body },
      tx,
    );
    await save(tx, shop, ticket, ticket.firstRespondedAt ? {} : { firstRespondedAt: comment.createdAt });
    await logEvent(tx, shop, ticketId, "replied", { type: "operator", ...operator }, { commentId: comment.id });
    return comment;
  });
}

/**
 * An internal note on the ticket (InternalNote with ticketId): operators only, never in any widget
 * answer. It does not touch the ticket row, so the shopper's lookup shows no change for it.
 */
export async function addTicketNote(
  shop: string,
  ticketId: string,
  text: string,
  operator: { id: string; name: string },
) {
  const clean = ticketText(text, "note");
  return db().$transaction(async (tx) => {
    await loadTicket(tx, shop, ticketId);
    const note = await addInternalNote(
      shop,
      { ticketId, authorOperatorId: operator.id, authorName: operator.name, text: clean },
      tx,
    );
    await logEvent(tx, shop, ticketId, "note_added", { type: "operator", ...operator }, { noteId: note.id });
    return note;
  });
}
