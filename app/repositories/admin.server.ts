/**
 * Reads and settings writes behind the admin shell pages (home, tickets, knowledge, analytics,
 * settings). Every function takes the shop first and scopes every query by it.
 */
import { db, type Tx } from "../db.server";
import type { TicketStatus } from "../domain/ticket-status";

export const OPEN_STATES = ["ai", "queued", "assigned", "waiting_shopper"] as const;

export interface HomeCounts {
  openConversations: number;
  queued: number;
  withAi: number;
  openTickets: number;
  knowledgeEntries: number;
  operatorsOnline: number;
}

export async function homeCounts(shop: string, client: Tx = db()): Promise<HomeCounts> {
  const [byState, openTickets, knowledgeEntries, operatorsOnline] = await Promise.all([
    client.conversation.groupBy({
      by: ["state"],
      where: { shop, state: { in: [...OPEN_STATES] } },
      _count: { _all: true },
    }),
    client.ticket.count({ where: { shop, status: { in: ["open", "pending"] } } }),
    client.knowledgeEntry.count({ where: { shop, enabled: true } }),
    client.operator.count({ where: { shop, presence: "online" } }),
  ]);
  const count = (state: string) => byState.find((row) => row.state === state)?._count._all ?? 0;
  return {
    openConversations: byState.reduce((sum, row) => sum + row._count._all, 0),
    queued: count("queued"),
    withAi: count("ai"),
    openTickets,
    knowledgeEntries,
    operatorsOnline,
  };
}

/** Install state: the Shop row and whether an offline session exists. */
export async function installState(shop: string, client: Tx = db()) {
  const [row, offline] = await Promise.all([
    client.shop.findUnique({
      where: { shop },
      select: {
        installedAt: true,
        uninstalledAt: true,
        aiMode: true,
        aiApiKeyEnc: true,
        aiBaseUrl: true,
        workflowUrl: true,
      },
    }),
    client.session.count({ where: { shop, isOnline: false } }),
  ]);
  return { shop: row, hasOfflineSession: offline > 0 };
}

export interface TicketListQuery {
  status?: TicketStatus;
  search?: string;
  limit?: number;
}

export async function listTicketsForAdmin(shop: string, query: TicketListQuery = {}, client: Tx = db()) {
  const search = query.search?.trim();
  const number = search ? Number(search.replace(/^T-/i, "")) : NaN;
  return client.ticket.findMany({
    where: {
      shop,
      ...(query.status ? { status: query.status } : {}),
      ...(search
        ? {
            OR: [
              { subject: { contains: search } },
              { requesterEmail: { contains: search } },
              ...(Number.isInteger(number) ? [{ number }] : []),
            ],
          }
        : {}),
    },
    orderBy: { updatedAt: "desc" },
    take: query.limit ?? 100,
    select: {
      id: true,
      number: true,
      subject: true,
      status: true,
      priority: true,
      source: true,
      requesterEmail: true,
      requesterName: true,
      resolutionDueAt: true,
      slaBreachedAt: true,
      updatedAt: true,
    },
  });
}

export async function ticketStatusCounts(shop: string, client: Tx = db()): Promise<Record<TicketStatus, number>> {
  const rows = await client.ticket.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } });
  const counts = { open: 0, pending: 0, resolved: 0, closed: 0 };
  for (const row of rows) if (row.status in counts) counts[row.status as TicketStatus] = row._count._all;
  return counts;
}

export async function listKnowledgeForAdmin(shop: string, kind: "faq" | "policy" | undefined, client: Tx = db()) {
  return client.knowledgeEntry.findMany({
    where: { shop, ...(kind ? { kind } : {}) },
    orderBy: [{ kind: "asc" }, { locale: "asc" }, { question: "asc" }],
    select: {
      id: true,
      kind: true,
      externalId: true,
      question: true,
      phrasings: true,
      answer: true,
      tags: true,
      locale: true,
      enabled: true,
      updatedAt: true,
    },
  });
}

export async function topUnansweredQuestions(shop: string, limit = 10, client: Tx = db()) {
  return client.unansweredQuestion.findMany({
    where: { shop, status: "open" },
    orderBy: [{ count: "desc" }, { lastAskedAt: "desc" }],
    take: limit,
    select: { id: true, question: true, count: true, lastAskedAt: true },
  });
}

/** The conversation facts analytics needs, for conversations started since `since`. */
export async function conversationsForAnalytics(shop: string, since: Date, client: Tx = db()) {
  return client.conversation.findMany({
    where: { shop, createdAt: { gte: since } },
    select: {
      state: true,
      closeReason: true,
      createdAt: true,
      queuedAt: true,
      firstHumanReplyAt: true,
      closedAt: true,
      rating: true,
      aiCostMicros: true,
      assigneeId: true,
    },
  });
}

export async function ticketsForAnalytics(shop: string, since: Date, client: Tx = db()) {
  return client.ticket.findMany({
    where: { shop, createdAt: { gte: since } },
    select: { createdAt: true, resolvedAt: true, slaBreachedAt: true, status: true },
  });
}

export const SETTINGS_SELECT = {
  shop: true,
  name: true,
  timezone: true,
  businessHours: true,
  holidays: true,
  greeting: true,
  routingMode: true,
  handoffEnabled: true,
  inactivityAwayMinutes: true,
  inactivityCloseMinutes: true,
  retentionDays: true,
  notifyEmail: true,
} as const;

export async function getShopSettings(shop: string, client: Tx = db()) {
  return client.shop.findUnique({ where: { shop }, select: SETTINGS_SELECT });
}

export interface GeneralSettings {
  timezone: string;
  businessHours: string;
  holidays: string;
  greeting: string | null;
  routingMode: "auto" | "manual";
  handoffEnabled: boolean;
  inactivityAwayMinutes: number;
  inactivityCloseMinutes: number;
  retentionDays: number;
  notifyEmail: string | null;
}

/** Saves the general settings; returns false when the shop has no row (not installed). */
export async function updateShopSettings(shop: string, data: GeneralSettings, client: Tx = db()): Promise<boolean> {
  const result = await client.shop.updateMany({ where: { shop }, data });
  return result.count > 0;
}
