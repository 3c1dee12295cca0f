/**
 * A customer's other conversations and their tickets, for the conversation view: matched by the
 * Shopify customer id or by the contact email, scoped by shop, newest first, bounded.
 */
import { db, type Tx } from "../db.server";
import { customerKeys } from "../lib/customer-keys";

const LIMIT = 10;

export interface CustomerHistory {
  conversations: {
    id: string;
    state: string;
    closeReason: string | null;
    rating: number | null;
    createdAt: string;
    messageCount: number;
  }[];
  tickets: { id: string; number: number; subject: string; status: string; createdAt: string }[];
}

export async function customerHistory(
  shop: string,
  current: { conversationId: string; customerId: string | null; email: string | null },
  client: Tx = db(),
): Promise<CustomerHistory> {
  const keys = customerKeys({ id: current.customerId, email: current.email });
  if (keys.ids.length === 0 && keys.emails.length === 0) return { conversations: [], tickets: [] };
  const [conversations, tickets] = await Promise.all([
    client.conversation.findMany({
      where: {
        shop,
        id: { not: current.conversationId },
        OR: [
          ...(keys.ids.length ? [{ customerId: { in: keys.ids } }] : []),
          ...(keys.emails.length ? [{ contactEmail: { in: keys.emails } }] : []),
        ],
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LIMIT,
      select: { id: true, state: true, closeReason: true, rating: true, createdAt: true, messageCount: true },
    }),
    client.ticket.findMany({
      where: {
        shop,
        OR: [
          ...(keys.ids.length ? [{ customerId: { in: keys.ids } }] : []),
          ...(keys.emails.length ? [{ requesterEmail: { in: keys.emails } }] : []),
          { conversationId: current.conversationId },
        ],
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LIMIT,
      select: { id: true, number: true, subject: true, status: true, createdAt: true },
    }),
  ]);
  return {
    conversations: conversations.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    tickets: tickets.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() })),
  };
}
