/** Ticket persistence. Every function takes the shop first and scopes by it. */
import { db, type Tx } from "../db.server";

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
  customerId: string | null;
  conversationId: string | null;
  transcript: string | null;
}

export async function createTicket(shop: string, data: NewTicket, client: Tx = db()) {
  return client.ticket.create({ data: { shop, ...data } });
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

export async function updateTicketStatus(shop: string, id: string, status: string, client: Tx = db()) {
  const result = await client.ticket.updateMany({ where: { shop, id }, data: { status } });
  return result.count === 1;
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
