/**
 * What every ticket write shares: the actor as the activity log records it, the log entry itself,
 * and the optimistic transaction (a write guarded by the row's updatedAt, retried when another
 * change committed between our read and our write).
 */
import { db, type Tx } from "../db.server";
import {
  findTicketsByIds,
  recordTicketEvent,
  updateTicket,
  type NewTicketEvent,
  type Ticket,
} from "../repositories/tickets.server";
import { domainError, type DomainError } from "./conversations/errors";

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

export async function logEvent(
  tx: Tx,
  shop: string,
  ticketId: string,
  type: string,
  actor: TicketActor,
  data?: Record<string, unknown>,
) {
  await recordTicketEvent(shop, { ticketId, type, ...actorColumns(actor), ...(data ? { data } : {}) }, tx);
}

/** Another change committed between our read and our write (PostgreSQL): the transaction is retried. */
export class TicketChangedMeanwhile extends Error {}

export async function inTicketTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(fn);
    } catch (error) {
      if (!(error instanceof TicketChangedMeanwhile)) throw error;
      if (attempt >= 3) throw domainError("conflict", "errors.ticket.changedMeanwhile");
    }
  }
}

export function ticketNotFound(): DomainError {
  return domainError("not_found", "errors.ticket.notFound");
}

export async function loadTicket(tx: Tx, shop: string, ticketId: string): Promise<Ticket> {
  const [ticket] = await findTicketsByIds(shop, [ticketId], tx);
  if (!ticket) throw ticketNotFound();
  return ticket;
}

export async function save(tx: Tx, shop: string, before: Ticket, patch: Parameters<typeof updateTicket>[2]) {
  const after = await updateTicket(shop, before, patch, tx);
  if (!after) throw new TicketChangedMeanwhile();
  return after;
}
