/**
 * Ticket persistence. Every function takes the shop first and scopes by it. The derived columns
 * (priorityRank, slaDueAt, slaWarnAt) are written here, and only here, with the facts they come from
 * (the warning point in the shop's business time, so its schedule is read with each write).
 */
import type { Ticket } from "../generated/prisma/client";
import { db, type Tx } from "../db.server";
import { parseSchedule, type Schedule } from "../domain/conversations/business-hours";
import { slaColumns } from "../domain/ticket-sla";
import { priorityRank } from "../domain/ticket-status";

export type { Ticket };

/** Reserves the shop's next ticket number (Shop.ticketSequence + 1, atomically). */
export async function nextTicketNumber(shop: string, client: Tx = db()): Promise<number> {
  const row = await client.shop.update({
    where: { shop },
    data: { ticketSequence: { increment: 1 } },
    select: { ticketSequence: true },
  });
  return row.ticketSequence;
}

export interface NewTicket {
  number: number;
  subject: string;
  description: string;
  source: "offline_chat" | "escalation" | "operator" | "widget_form";
  priority?: string;
  requesterEmail: string | null;
  requesterName: string | null;
  requesterPhone: string | null;
  requesterLocale?: string | null;
  customerId: string | null;
  conversationId: string | null;
  transcript: string | null;
  firstResponseDueAt?: Date | null;
  resolutionDueAt?: Date | null;
  createdAt?: Date;
}

/** The shop's business hours, time zone and holidays (always open when the shop has no row). */
async function shopSchedule(shop: string, client: Tx): Promise<Schedule> {
  const row = await client.shop.findUnique({
    where: { shop },
    select: { timezone: true, businessHours: true, holidays: true },
  });
  return parseSchedule(row?.timezone ?? "UTC", row?.businessHours ?? "{}", row?.holidays ?? "[]");
}

/** The derived columns of a ticket with these facts. */
function derivedColumns(
  schedule: Schedule,
  t: {
    priority: string;
    status: string;
    createdAt: Date;
    firstResponseDueAt: Date | null;
    resolutionDueAt: Date | null;
    firstRespondedAt: Date | null;
    resolvedAt: Date | null;
  },
) {
  return { priorityRank: priorityRank(t.priority), ...slaColumns(t, schedule) };
}

export async function createTicket(shop: string, data: NewTicket, client: Tx = db()) {
  const createdAt = data.createdAt ?? new Date();
  const derived = derivedColumns(await shopSchedule(shop, client), {
    priority: data.priority ?? "normal",
    status: "open",
    createdAt,
    firstResponseDueAt: data.firstResponseDueAt ?? null,
    resolutionDueAt: data.resolutionDueAt ?? null,
    firstRespondedAt: null,
    resolvedAt: null,
  });
  return client.ticket.create({ data: { shop, ...data, createdAt, ...derived } });
}

export async function findTicketByNumber(shop: string, number: number, client: Tx = db()) {
  return client.ticket.findFirst({ where: { shop, number } });
}

export async function findTicketForConversation(
  shop: string,
  conversationId: string,
  source: string,
  client: Tx = db(),
) {
  return client.ticket.findFirst({ where: { shop, conversationId, source } });
}

/** The shop's tickets among `ids` (ids of other shops are simply not found). */
export async function findTicketsByIds(shop: string, ids: string[], client: Tx = db()) {
  if (ids.length === 0) return [];
  return client.ticket.findMany({ where: { shop, id: { in: ids } } });
}

/** The columns a change may set; the derived ones follow. */
export interface TicketPatch {
  status?: string;
  priority?: string;
  assigneeId?: string | null;
  firstRespondedAt?: Date | null;
  resolvedAt?: Date | null;
  firstResponseDueAt?: Date | null;
  resolutionDueAt?: Date | null;
  slaBreachedAt?: Date | null;
}

/**
 * Writes `patch` over `before` (the row as the caller read it), guarded by its `updatedAt`: when the
 * ticket changed meanwhile, or is not this shop's, nothing is written and the answer is null.
 */
export async function updateTicket(
  shop: string,
  before: Ticket,
  patch: TicketPatch,
  client: Tx = db(),
): Promise<Ticket | null> {
  const merged = { ...before, ...patch };
  // strictly later than the version read, so the guard of a concurrent writer cannot match twice
  const updatedAt = new Date(Math.max(Date.now(), before.updatedAt.getTime() + 1));
  const data = { ...patch, ...derivedColumns(await shopSchedule(shop, client), merged), updatedAt };
  const result = await client.ticket.updateMany({
    where: { shop, id: before.id, updatedAt: before.updatedAt },
    data,
  });
  return result.count === 1 ? { ...merged, ...data } : null;
}

/**
 * The SLA rules' entry point: sets a ticket's deadlines (computed from the shop's targets and
 * business hours by the caller) and the derived columns with them. False when not found.
 */
export async function setTicketDueDates(
  shop: string,
  id: string,
  dates: { firstResponseDueAt: Date | null; resolutionDueAt: Date | null },
  client: Tx = db(),
): Promise<boolean> {
  const before = await client.ticket.findFirst({ where: { shop, id } });
  if (!before) return false;
  return (await updateTicket(shop, before, dates, client)) !== null;
}

export interface NewTicketComment {
  ticketId: string;
  authorType: "operator" | "requester" | "system";
  authorOperatorId: string | null;
  authorName: string | null;
  body: string;
}

/** Rows that hang off a ticket are written only under the ticket's own shop. */
async function requireOwnTicket(shop: string, ticketId: string, client: Tx): Promise<void> {
  if ((await client.ticket.count({ where: { shop, id: ticketId } })) !== 1)
    throw new Error("the ticket is not this shop's");
}

/** A public reply. `emailedAt` stays null until the email job sends it to the requester. */
export async function createTicketComment(shop: string, data: NewTicketComment, client: Tx = db()) {
  await requireOwnTicket(shop, data.ticketId, client);
  return client.ticketComment.create({ data: { shop, ...data, emailedAt: null } });
}

/** The ticket's public thread as the admin shows it, oldest first. */
export async function listTicketComments(shop: string, ticketId: string, client: Tx = db()) {
  return client.ticketComment.findMany({
    where: { shop, ticketId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
  });
}

/** The ticket's internal notes (operators only), oldest first. */
export async function listTicketNotes(shop: string, ticketId: string, client: Tx = db()) {
  return client.internalNote.findMany({
    where: { shop, ticketId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
  });
}

export interface NewTicketEvent {
  ticketId: string;
  type: string;
  actorType: "operator" | "requester" | "shopper" | "system";
  actorId: string | null;
  actorName: string | null;
  /** Never reply or note text. */
  data?: Record<string, unknown>;
}

export async function recordTicketEvent(shop: string, event: NewTicketEvent, client: Tx = db()) {
  await requireOwnTicket(shop, event.ticketId, client);
  const { data, ...rest } = event;
  return client.ticketEvent.create({ data: { shop, ...rest, data: data ? JSON.stringify(data) : null } });
}

/** The ticket's activity log, newest first (the latest 500 entries). */
export async function listTicketEvents(shop: string, ticketId: string, client: Tx = db()) {
  return client.ticketEvent.findMany({
    where: { shop, ticketId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
  });
}

/** The ticket's public thread (team and requester comments), oldest first; never system entries. */
export async function listPublicTicketComments(shop: string, ticketId: string, client: Tx = db()) {
  return client.ticketComment.findMany({
    where: { shop, ticketId, authorType: { in: ["operator", "requester"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { authorType: true, authorName: true, body: true, createdAt: true },
    take: 200,
  });
}
