/**
 * Conversation persistence. Every function takes the shop first and scopes every query by it.
 * Version bumps are not here: they go through app/domain/versions.server.ts `visibleChange`.
 */
import { db, type Tx } from "../db.server";
import { visitorMayAccess } from "../domain/conversations/tokens.server";

export interface NewConversation {
  visitorTokenHash: string;
  customerId: string | null;
  locale: string | null;
  pageUrl: string | null;
  userAgent: string | null;
  contactName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
}

export async function createConversation(shop: string, data: NewConversation, client: Tx = db()) {
  return client.conversation.create({ data: { shop, ...data, version: 1 } });
}

export async function findConversation(shop: string, id: string, client: Tx = db()) {
  return client.conversation.findFirst({ where: { id, shop } });
}

/**
 * The conversation only when this visitor may access it (`visitorMayAccess`: the token and the signed
 * customer it was created with): the same null for every failure.
 */
export async function findConversationForVisitor(
  shop: string,
  id: string,
  visitor: { tokenHash: string; customerId: string | null },
  client: Tx = db(),
) {
  const row = await client.conversation.findFirst({ where: { id, shop } });
  return row && visitorMayAccess(row, visitor.tokenHash, visitor.customerId) ? row : null;
}

export async function findConversationWithOperator(shop: string, id: string, client: Tx = db()) {
  return client.conversation.findFirst({
    where: { id, shop },
    include: { assignee: { select: { id: true, name: true } } },
  });
}

export type ConversationPatch = Partial<{
  state: string;
  closeReason: string | null;
  assigneeId: string | null;
  contactEmail: string | null;
  contactName: string | null;
  contactPhone: string | null;
  offline: boolean;
  aiFailureStreak: number;
  handoffSummary: string | null;
  rating: number | null;
  ratingComment: string | null;
  queuedAt: Date | null;
  assignedAt: Date | null;
  firstHumanReplyAt: Date | null;
  lastShopperAt: Date | null;
  lastActivityAt: Date;
  closedAt: Date | null;
  messageCount: { increment: number };
  shopperMessageCount: { increment: number };
  aiTokensIn: { increment: number };
  aiTokensOut: { increment: number };
  aiCostMicros: { increment: number };
}>;

/** Updates a conversation of this shop; returns whether a row changed. */
export async function updateConversation(shop: string, id: string, data: ConversationPatch, client: Tx = db()) {
  const result = await client.conversation.updateMany({ where: { id, shop }, data });
  return result.count === 1;
}

/** How many queued chats of this shop have waited at least as long as one queued at `queuedAt`. */
export async function countQueuedAhead(shop: string, queuedAt: Date, client: Tx = db()) {
  return client.conversation.count({ where: { shop, state: "queued", queuedAt: { lte: queuedAt } } });
}

/** Recent real waits (queued → assigned), newest first. */
export async function listRecentWaits(shop: string, since: Date, limit = 50, client: Tx = db()) {
  return client.conversation.findMany({
    where: { shop, assignedAt: { gte: since }, queuedAt: { not: null } },
    select: { queuedAt: true, assignedAt: true },
    orderBy: { assignedAt: "desc" },
    take: limit,
  });
}

/** Open human chats per operator (assigned or waiting for the shopper). */
export async function countOpenChatsByOperator(shop: string, client: Tx = db()): Promise<Map<string, number>> {
  const rows = await client.conversation.groupBy({
    by: ["assigneeId"],
    where: { shop, state: { in: ["assigned", "waiting_shopper"] }, assigneeId: { not: null } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.assigneeId ?? "", r._count._all]));
}

export async function listQueued(shop: string, limit = 100, client: Tx = db()) {
  return client.conversation.findMany({ where: { shop, state: "queued" }, orderBy: { queuedAt: "asc" }, take: limit });
}

/** Open conversations of this shop in `states` whose `lastActivityAt` is before `before`. */
export async function listInactive(shop: string, states: string[], before: Date, limit = 500, client: Tx = db()) {
  return client.conversation.findMany({
    where: { shop, state: { in: states }, lastActivityAt: { lt: before } },
    select: { id: true, state: true, lastActivityAt: true, lastShopperAt: true, assignedAt: true },
    take: limit,
  });
}

export async function deleteConversation(shop: string, id: string, client: Tx = db()) {
  const result = await client.conversation.deleteMany({ where: { id, shop } });
  return result.count === 1;
}
