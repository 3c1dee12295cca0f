/**
 * A customer's personal data across the shop's tables, for the compliance webhooks
 * (customers/data_request, customers/redact). Every function takes the shop first and scopes
 * every query by it. A customer is matched by Shopify customer id (numeric or GID form) or by
 * email (as given and lower-cased) on conversations and tickets, plus the tickets of matched
 * conversations and the conversations of matched tickets.
 */
import { db, type Tx } from "../db.server";
import { customerKeys, type CustomerKeys, type CustomerRef } from "../lib/customer-keys";

export type { CustomerRef };

async function matchIds(shop: string, keys: CustomerKeys, client: Tx) {
  if (keys.ids.length === 0 && keys.emails.length === 0) return { conversationIds: [], ticketIds: [] };
  const conversations = await client.conversation.findMany({
    where: {
      shop,
      OR: [
        ...(keys.ids.length ? [{ customerId: { in: keys.ids } }] : []),
        ...(keys.emails.length ? [{ contactEmail: { in: keys.emails } }] : []),
      ],
    },
    select: { id: true },
  });
  const tickets = await client.ticket.findMany({
    where: {
      shop,
      OR: [
        ...(keys.ids.length ? [{ customerId: { in: keys.ids } }] : []),
        ...(keys.emails.length ? [{ requesterEmail: { in: keys.emails } }] : []),
        ...(conversations.length ? [{ conversationId: { in: conversations.map((c) => c.id) } }] : []),
      ],
    },
    select: { id: true, conversationId: true },
  });
  const conversationIds = new Set(conversations.map((c) => c.id));
  const fromTickets = tickets
    .map((t) => t.conversationId)
    .filter((id): id is string => !!id && !conversationIds.has(id));
  if (fromTickets.length) {
    const linked = await client.conversation.findMany({
      where: { shop, id: { in: fromTickets } },
      select: { id: true },
    });
    for (const c of linked) conversationIds.add(c.id);
  }
  return { conversationIds: [...conversationIds], ticketIds: tickets.map((t) => t.id) };
}

/**
 * Everything stored about one customer that the shopper can see: conversations with messages,
 * tickets with public replies, and the questions of theirs the assistant could not answer.
 */
export async function findCustomerData(shop: string, customer: CustomerRef, client: Tx = db()) {
  const { conversationIds, ticketIds } = await matchIds(shop, customerKeys(customer), client);
  const [conversations, tickets, unansweredQuestions] = await Promise.all([
    client.conversation.findMany({
      where: { shop, id: { in: conversationIds } },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        state: true,
        closeReason: true,
        customerId: true,
        contactEmail: true,
        contactName: true,
        contactPhone: true,
        locale: true,
        pageUrl: true,
        userAgent: true,
        rating: true,
        ratingComment: true,
        createdAt: true,
        closedAt: true,
        messages: {
          orderBy: { version: "asc" },
          select: { id: true, role: true, text: true, authorName: true, createdAt: true },
        },
      },
    }),
    client.ticket.findMany({
      where: { shop, id: { in: ticketIds } },
      orderBy: { number: "asc" },
      select: {
        id: true,
        number: true,
        subject: true,
        description: true,
        status: true,
        priority: true,
        source: true,
        requesterEmail: true,
        requesterName: true,
        requesterPhone: true,
        customerId: true,
        conversationId: true,
        createdAt: true,
        resolvedAt: true,
        comments: {
          where: { authorType: { in: ["operator", "requester"] } },
          orderBy: { createdAt: "asc" },
          select: { authorType: true, authorName: true, body: true, createdAt: true },
        },
      },
    }),
    client.unansweredQuestion.findMany({
      where: { shop, conversationId: { in: conversationIds } },
      orderBy: { createdAt: "asc" },
      select: { question: true, conversationId: true, createdAt: true, lastAskedAt: true },
    }),
  ]);
  return { conversations, tickets, unansweredQuestions };
}

export interface CustomerDeletion {
  conversations: number;
  tickets: number;
  unansweredQuestions: number;
}

/**
 * Deletes one customer's conversations (with their messages, notes and events), tickets (with
 * comments and notes) and the unanswered-question entries asked in those conversations (an entry
 * keeps the text of the conversation it links to, the last one that asked it).
 */
export async function deleteCustomerData(
  shop: string,
  customer: CustomerRef,
  client: Tx = db(),
): Promise<CustomerDeletion> {
  const { conversationIds, ticketIds } = await matchIds(shop, customerKeys(customer), client);
  const unansweredQuestions = conversationIds.length
    ? (await client.unansweredQuestion.deleteMany({ where: { shop, conversationId: { in: conversationIds } } })).count
    : 0;
  const tickets = ticketIds.length
    ? (await client.ticket.deleteMany({ where: { shop, id: { in: ticketIds } } })).count
    : 0;
  const conversations = conversationIds.length
    ? (await client.conversation.deleteMany({ where: { shop, id: { in: conversationIds } } })).count
    : 0;
  // The change feed's rows and workflow answers of those conversations and tickets go with them.
  if (conversationIds.length)
    await client.workflowAnswer.deleteMany({ where: { shop, conversationId: { in: conversationIds } } });
  if (conversationIds.length || ticketIds.length)
    await client.domainEvent.deleteMany({
      where: { shop, OR: [{ conversationId: { in: conversationIds } }, { ticketId: { in: ticketIds } }] },
    });
  return { conversations, tickets, unansweredQuestions };
}
