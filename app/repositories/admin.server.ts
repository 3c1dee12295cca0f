/**
 * Reads and settings writes behind the admin shell pages (home, knowledge, analytics, settings;
 * the ticket list is app/repositories/ticket-list.server.ts). Every function takes the shop first
 * and scopes every query by it.
 */
import { db, type Tx } from "../db.server";
import { onlineOperatorsWhere } from "../domain/operators.server";

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
    // online as every page shows it: a fresh heartbeat, not set away, still on the team
    client.operator.count({ where: onlineOperatorsWhere(shop) }),
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
  transferTimeoutSeconds: true,
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
  transferTimeoutSeconds: number;
  retentionDays: number;
  notifyEmail: string | null;
}

/** Saves the general settings; returns false when the shop has no row (not installed). */
export async function updateShopSettings(shop: string, data: GeneralSettings, client: Tx = db()): Promise<boolean> {
  const result = await client.shop.updateMany({ where: { shop }, data });
  return result.count > 0;
}
