/**
 * The shopper's follow-ups to a chat, called by the widget API routes: contact details left while
 * nobody is online (a ticket with the transcript), a rating, and a ticket lookup.
 */
import { db } from "../../db.server";
import { updateConversation } from "../../repositories/conversations.server";
import { appendEvent } from "../events.server";
import { visibleChange } from "../versions.server";
import { createTicketFromConversation, publicTicketForShopper } from "../tickets.server";
import { formatTicketNumber, type PublicTicket } from "../ticket-public";
import { sqlOf } from "../../db/sql.server";
import { ConversationChange } from "./engine.server";
import { recordConversationEvent } from "./store.server";
import { domainError } from "./errors";
import { withinTicketLookupLimits } from "./rate-limits.server";
import { requireVisitor, viewOf } from "./service.server";
import type { Visitor } from "./tokens.server";
import type { ConversationView } from "./views";

export interface ContactInput {
  email: string;
  name?: string;
  phone?: string;
  message?: string;
}

/**
 * Offline path: the shopper leaves contact details; a ticket with the transcript is created once.
 * The details are in, so the conversation no longer asks for them (`offline` is cleared: the
 * widget stops showing the contact form, also after a reload).
 */
export async function submitContact(
  shop: string,
  id: string,
  visitor: Visitor,
  input: ContactInput,
): Promise<{ ticket: { number: string }; created: boolean }> {
  return visibleChange(async (tx, bump) => {
    const row = await requireVisitor(shop, id, visitor, tx);
    const change = new ConversationChange(tx, bump, row);
    const { ticket, created } = await createTicketFromConversation(shop, row, { ...input, source: "offline_chat" }, tx);
    if (created) {
      await change.patch({
        contactEmail: input.email,
        contactName: input.name ?? row.contactName,
        contactPhone: input.phone ?? row.contactPhone,
        offline: false,
        lastActivityAt: new Date(),
      });
      await change.record("ticket_created", { type: "shopper" }, { ticketNumber: ticket.number });
      await change.systemNotice("ticket_created", { number: formatTicketNumber(ticket.number) });
    } else if (row.offline) {
      // Asked again after the ticket existed: the same ticket answers, and the form goes away.
      await change.patch({ offline: false });
      await change.nextVersion();
    }
    return { ticket: { number: formatTicketNumber(ticket.number) }, created };
  });
}

export async function rateConversation(
  shop: string,
  id: string,
  visitor: Visitor,
  score: number,
  comment?: string,
): Promise<{ conversation: ConversationView }> {
  const conv = await db().$transaction(async (tx) => {
    const row = await requireVisitor(shop, id, visitor, tx);
    await updateConversation(shop, id, { rating: score, ratingComment: comment ?? null }, tx);
    await recordConversationEvent(sqlOf(tx), row, {
      type: "rated",
      fromState: row.state,
      toState: row.state,
      actor: { type: "shopper" },
      data: { score },
    });
    await appendEvent(tx, {
      shop,
      type: "rating.created",
      conversationId: id,
      data: { conversationId: id, state: row.state, score, comment: comment ?? null },
    });
    return row;
  });
  return { conversation: await viewOf(conv) };
}

/**
 * A shopper's ticket lookup (status and public replies), within the visitor's and the ticket's
 * lookup limits (rate-limits.server.ts).
 */
export async function lookupTicket(
  shop: string,
  number: number,
  email: string,
  ip: string,
): Promise<{ ticket: PublicTicket }> {
  const ticket = await withinTicketLookupLimits(shop, ip, number, () => publicTicketForShopper(shop, number, email));
  if (!ticket) throw domainError("not_found", "errors.ticket.lookupNotFound");
  return { ticket };
}
