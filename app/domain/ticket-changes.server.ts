/**
 * The back office's ticket changes — status, priority, assignee, public replies, internal notes,
 * bulk changes — each recorded in the ticket's activity log with its actor and on the change feed
 * (app/domain/ticket-effects.server.ts), in the same transaction.
 */
import { db, type Tx } from "../db.server";
import { addInternalNote } from "../repositories/messages.server";
import { getOperator } from "../repositories/operators.server";
import { createTicketComment, findTicketsByIds, type Ticket } from "../repositories/tickets.server";
import { domainError } from "./conversations/errors";
import { cleanText } from "./conversations/input";
import { isActiveStatus, type TicketPriority, type TicketStatus } from "./ticket-status";
import { onTicketReplied, onTicketUpdated } from "./ticket-effects.server";
import { dueDatesFor, scheduleTicketSla } from "./sla/jobs.server";
import { inTicketTransaction, loadTicket, logEvent, save, type TicketActor } from "./ticket-writes.server";

/** Public replies and internal notes: 1–10,000 characters after trimming. */
export const MAX_TICKET_TEXT = 10_000;
/** Tickets one bulk change may touch (a page of the list). */
export const MAX_BULK_TICKETS = 100;

export type TicketChange = { status: TicketStatus } | { priority: TicketPriority } | { assigneeId: string | null };

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
    await onTicketUpdated(tx, shop, after, { status: { from: ticket.status, to: change.status } }, actor);
    if (!done && !isActiveStatus(ticket.status))
      await scheduleTicketSla(tx, shop, after, `reopened-${after.updatedAt.getTime()}`);
    return after;
  }
  if ("priority" in change) {
    if (ticket.priority === change.priority) return "unchanged";
    const due = await dueDatesFor(shop, change.priority, ticket.createdAt, tx);
    const after = await save(tx, shop, ticket, { priority: change.priority, ...due });
    await logEvent(tx, shop, ticket.id, "priority_changed", actor, {
      from: ticket.priority,
      to: change.priority,
      ...extra,
    });
    await onTicketUpdated(tx, shop, after, { priority: { from: ticket.priority, to: change.priority } }, actor);
    return after;
  }
  if (ticket.assigneeId === change.assigneeId) return "unchanged";
  const to = await operatorRef(tx, shop, change.assigneeId);
  if (change.assigneeId && !to) throw domainError("invalid_request", "errors.ticket.operatorNotOnTeam");
  const from = await operatorRef(tx, shop, ticket.assigneeId);
  const after = await save(tx, shop, ticket, { assigneeId: change.assigneeId });
  await logEvent(tx, shop, ticket.id, "assignee_changed", actor, { from, to, ...extra });
  await onTicketUpdated(tx, shop, after, { assigneeId: { from: ticket.assigneeId, to: change.assigneeId } }, actor);
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
  if (ids.length === 0) throw domainError("invalid_request", "errors.ticket.selectOne");
  if (ids.length > MAX_BULK_TICKETS)
    throw domainError("invalid_request", "errors.ticket.selectAtMost", { max: MAX_BULK_TICKETS });
  return inTicketTransaction(async (tx) => {
    const tickets = await findTicketsByIds(shop, ids, tx);
    if (tickets.length === 0) throw domainError("not_found", "errors.ticket.noneFound");
    const result: BulkResult = { changed: 0, unchanged: 0, notFound: ids.length - tickets.length };
    for (const ticket of tickets) {
      const after = await applyChange(tx, shop, ticket, change, actor, { bulk: true });
      if (after === "unchanged") result.unchanged++;
      else result.changed++;
    }
    return result;
  });
}

const TEXT_REFUSALS = {
  reply: { empty: "errors.ticket.replyEmpty", tooLong: "errors.ticket.replyTooLong" },
  note: { empty: "errors.ticket.noteEmpty", tooLong: "errors.ticket.noteTooLong" },
} as const;

function ticketText(text: string, what: keyof typeof TEXT_REFUSALS): string {
  const clean = cleanText(text);
  if (clean.length === 0) throw domainError("invalid_request", TEXT_REFUSALS[what].empty);
  if (clean.length > MAX_TICKET_TEXT)
    throw domainError("invalid_request", TEXT_REFUSALS[what].tooLong, { max: MAX_TICKET_TEXT });
  return clean;
}

/**
 * A public reply from an operator (TicketComment, authorType operator), which the requester sees in
 * the widget's ticket lookup. The first one records the first response. Closed tickets are reopened
 * before anyone replies (409). The email to the requester is queued with it (emailedAt is set once sent).
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
    if (ticket.status === "closed") throw domainError("conflict", "errors.ticket.closed");
    const comment = await createTicketComment(
      shop,
      { ticketId, authorType: "operator", authorOperatorId: operator.id, authorName: operator.name, body },
      tx,
    );
    const after = await save(tx, shop, ticket, ticket.firstRespondedAt ? {} : { firstRespondedAt: comment.createdAt });
    const actor: TicketActor = { type: "operator", ...operator };
    await logEvent(tx, shop, ticketId, "replied", actor, { commentId: comment.id });
    await onTicketReplied(tx, shop, after, comment, actor);
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

/**
 * A public reply from the requester (an answer by email): stored as their comment and the ticket
 * reopened — pending, resolved or closed become open again — in one transaction.
 */
export async function requesterReply(shop: string, ticketId: string, text: string, name: string | null) {
  const body = ticketText(text, "reply");
  return inTicketTransaction(async (tx) => {
    const ticket = await loadTicket(tx, shop, ticketId);
    const actor: TicketActor = { type: "requester", name };
    const comment = await createTicketComment(
      shop,
      { ticketId, authorType: "requester", authorOperatorId: null, authorName: name, body },
      tx,
    );
    let current = ticket;
    if (ticket.status !== "open") {
      const after = await applyChange(tx, shop, ticket, { status: "open" }, actor, { reason: "requester_replied" });
      if (after !== "unchanged") current = after;
    }
    await logEvent(tx, shop, ticketId, "replied", actor, { commentId: comment.id, via: "email" });
    await onTicketReplied(tx, shop, current, comment, actor);
    return { comment, reopened: ticket.status !== "open" };
  });
}
