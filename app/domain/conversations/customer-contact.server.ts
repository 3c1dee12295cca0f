/**
 * A signed-in customer's name and email, as Shopify knows them, become the conversation's contact
 * when the chat has none: the inbox then shows "Emma Schmidt" instead of "Customer 7001", and the
 * search (whose document includes the contact) and the compliance webhooks find the chat by email.
 * What the shopper typed themselves (a contact form) is never overwritten.
 */
import { db } from "../../db.server";
import { appendEvent } from "../events.server";

export interface KnownContact {
  name: string | null;
  email: string | null;
}

/** Fills the missing contact fields in one transaction with its event; true when something changed. */
export async function rememberCustomerContact(shop: string, conversationId: string, known: KnownContact) {
  return db().$transaction(async (tx) => {
    const conv = await tx.conversation.findFirst({
      where: { shop, id: conversationId },
      select: { contactName: true, contactEmail: true, customerId: true },
    });
    if (!conv || !conv.customerId) return false;
    const data: { contactName?: string; contactEmail?: string } = {};
    const name = known.name?.trim();
    const email = known.email?.trim().toLowerCase();
    if (!conv.contactName && name) data.contactName = name.slice(0, 200);
    if (!conv.contactEmail && email) data.contactEmail = email.slice(0, 254);
    const fields = Object.keys(data);
    if (fields.length === 0) return false;
    await tx.conversation.update({ where: { id: conversationId }, data });
    await appendEvent(tx, { shop, type: "conversation.updated", conversationId, data: { fields } });
    return true;
  });
}
