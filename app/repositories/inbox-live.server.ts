/**
 * The inbox's tab counts, tag filter choices, and what the live endpoint compares between polls:
 * cheap index-only reads of a shop's conversations. Every function takes the shop first.
 */
import { db, type Tx } from "../db.server";
import {
  CLOSED_COUNT_CAP,
  conversationDisplayName,
  parseTags,
  VIEW_STATES,
  type ConversationState,
  type InboxView,
} from "../domain/inbox";

export type InboxCounts = Record<InboxView, number>;

/** Conversations per view (the tab counts). Each is an index range count. */
export async function inboxCounts(shop: string, operatorId: string, client: Tx = db()): Promise<InboxCounts> {
  // Raw SQL: Prisma's count({take}) reads the rows instead of counting an index range.
  const [byState, closedRows, mine] = await Promise.all([
    client.$queryRaw<{ state: string; n: number | bigint }[]>`
      SELECT "state", COUNT(*) AS "n" FROM "Conversation"
      WHERE "shop" = ${shop} AND "state" IN ('queued', 'assigned', 'waiting_shopper', 'ai')
      GROUP BY "state"`,
    client.$queryRaw<{ n: number | bigint }[]>`
      SELECT COUNT(*) AS "n" FROM (
        SELECT 1 FROM "Conversation" WHERE "shop" = ${shop} AND "state" = 'closed' LIMIT ${CLOSED_COUNT_CAP}
      ) AS "capped"`,
    client.conversation.count({ where: { shop, assigneeId: operatorId, state: { in: VIEW_STATES.mine } } }),
  ]);
  const n = (s: ConversationState) => Number(byState.find((r) => r.state === s)?.n ?? 0);
  return {
    queue: n("queued"),
    mine,
    open: n("queued") + n("assigned") + n("waiting_shopper"),
    ai: n("ai"),
    closed: Number(closedRows[0]?.n ?? 0),
  };
}

/** The tags in use among a shop's open conversations (for the tag filter), most recent first. */
export async function recentTags(shop: string, client: Tx = db()): Promise<string[]> {
  const rows = await client.conversation.findMany({
    where: { shop, tags: { not: "" }, state: { in: VIEW_STATES.open.concat("ai") } },
    orderBy: { lastActivityAt: "desc" },
    take: 200,
    select: { tags: true },
  });
  return [...new Set(rows.flatMap((r) => parseTags(r.tags)))].slice(0, 50);
}

export interface InboxPulse {
  /** The latest change to any of the shop's conversations. */
  lastChangeAt: string | null;
  counts: InboxCounts;
}

/** What the live endpoint compares between polls: cheap, index-only reads. */
export async function inboxPulse(shop: string, operatorId: string, client: Tx = db()): Promise<InboxPulse> {
  const [latest, counts] = await Promise.all([
    client.conversation.findFirst({ where: { shop }, orderBy: { updatedAt: "desc" }, select: { updatedAt: true } }),
    inboxCounts(shop, operatorId, client),
  ]);
  return { lastChangeAt: latest?.updatedAt.toISOString() ?? null, counts };
}

/** Chats queued after `since` (to announce them with a sound and the document title). */
export async function queuedSince(shop: string, since: Date, client: Tx = db()) {
  const rows = await client.conversation.findMany({
    where: { shop, state: "queued", queuedAt: { gt: since } },
    orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
    take: 20,
    select: { id: true, contactName: true, contactEmail: true, customerId: true, queuedAt: true },
  });
  return rows.map((r) => ({
    id: r.id,
    displayName: conversationDisplayName(r),
    queuedAt: (r.queuedAt as Date).toISOString(),
  }));
}
