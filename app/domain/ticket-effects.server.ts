/**
 * What follows a ticket write, in the same transaction: the change-feed event (ticket.created,
 * ticket.updated, ticket.replied — never for internal notes), the emails it causes (queued in the
 * outbox), the admin notifications, and the SLA checks for new deadlines. The ticket services call
 * these and nothing else does.
 *
 * Event data (docs/api/webhooks.md): identifiers, number, states and who acted; never reply text.
 */
import type { Tx } from "../db.server";
import type { Ticket } from "../repositories/tickets.server";
import { appendEvent } from "./events.server";
import { notify } from "./notifications.server";
import { formatTicketNumber } from "./ticket-public";
import type { TicketActor } from "./ticket-writes.server";
import { emailConfigured, queueEmail, queueStaffEmails } from "../integrations/email/outbox.server";
import { scheduleTicketSla } from "./sla/jobs.server";

function ref(ticket: Ticket) {
  return { ticketId: ticket.id, number: formatTicketNumber(ticket.number) };
}

function actorRef(actor: TicketActor) {
  return actor.type === "operator" ? { type: "operator", id: actor.id } : { type: actor.type };
}

export async function onTicketCreated(tx: Tx, shop: string, ticket: Ticket, actor: TicketActor): Promise<void> {
  await appendEvent(tx, {
    shop,
    type: "ticket.created",
    ticketId: ticket.id,
    conversationId: ticket.conversationId,
    data: {
      ...ref(ticket),
      source: ticket.source,
      status: ticket.status,
      priority: ticket.priority,
      actor: actorRef(actor),
    },
  });
  await scheduleTicketSla(tx, shop, ticket);
  if (!(await emailConfigured(shop, tx))) return;
  if (ticket.requesterEmail)
    await queueEmail(tx, shop, {
      kind: "ticket_created",
      to: ticket.requesterEmail,
      locale: ticket.requesterLocale,
      ticketId: ticket.id,
    });
  await queueStaffEmails(tx, shop, "staff_ticket_created", { ticketId: ticket.id });
}

export type TicketChanges = Partial<Record<"status" | "priority" | "assigneeId", { from: unknown; to: unknown }>>;

export async function onTicketUpdated(
  tx: Tx,
  shop: string,
  after: Ticket,
  changes: TicketChanges,
  actor: TicketActor,
): Promise<void> {
  await appendEvent(tx, {
    shop,
    type: "ticket.updated",
    ticketId: after.id,
    conversationId: after.conversationId,
    data: { ...ref(after), status: after.status, priority: after.priority, changes, actor: actorRef(actor) },
  });
  if (changes.priority) await scheduleTicketSla(tx, shop, after);
  const assignee = changes.assigneeId?.to;
  if (typeof assignee === "string" && !(actor.type === "operator" && actor.id === assignee))
    await notify(tx, shop, {
      type: "ticket_assigned",
      operatorId: assignee,
      title: "notifications.messages.ticketAssigned",
      vars: { ticket: formatTicketNumber(after.number) },
      body: after.subject,
      link: `/app/tickets/${formatTicketNumber(after.number)}`,
    });
}

export async function onTicketReplied(
  tx: Tx,
  shop: string,
  ticket: Ticket,
  comment: { id: string },
  actor: TicketActor,
): Promise<void> {
  const from = actor.type === "operator" ? "team" : "requester";
  await appendEvent(tx, {
    shop,
    type: "ticket.replied",
    ticketId: ticket.id,
    conversationId: ticket.conversationId,
    data: { ...ref(ticket), commentId: comment.id, from, status: ticket.status, actor: actorRef(actor) },
  });
  if (from === "team") {
    if (ticket.requesterEmail && (await emailConfigured(shop, tx)))
      await queueEmail(tx, shop, {
        kind: "ticket_reply",
        to: ticket.requesterEmail,
        locale: ticket.requesterLocale,
        ticketId: ticket.id,
        commentId: comment.id,
      });
    return;
  }
  await notify(tx, shop, {
    type: "shopper_replied",
    operatorId: ticket.assigneeId,
    title: "notifications.messages.requesterReplied",
    vars: { ticket: formatTicketNumber(ticket.number) },
    body: ticket.subject,
    link: `/app/tickets/${formatTicketNumber(ticket.number)}`,
  });
  await queueStaffEmails(tx, shop, "staff_ticket_replied", { ticketId: ticket.id, commentId: comment.id });
}
