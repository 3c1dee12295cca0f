/**
 * Reads and settings writes behind the admin shell pages (home, tickets, knowledge, analytics,
 * settings). Every function takes the shop first and scopes every query by it.
 */
import { db, textContains, type Tx } from "../db.server";
import { onlineOperatorsWhere } from "../domain/operators.server";
import type { Prisma } from "../generated/prisma/client";
import type { TicketSlaState } from "../domain/ticket-sla";
import {
  priorityRank,
  TICKET_COUNT_CAP,
  type TicketPriority,
  type TicketSort,
  type TicketSource,
  type TicketStatus,
} from "../domain/ticket-status";

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

export interface TicketListQuery {
  status?: TicketStatus;
  priority?: TicketPriority;
  /** An operator id, or "none" for unassigned tickets. */
  assignee?: string;
  source?: TicketSource;
  sla?: TicketSlaState;
  /** createdAt ≥ createdFrom and < createdTo (the caller turns the shop's calendar days into instants). */
  createdFrom?: Date;
  createdTo?: Date;
  search?: string;
  sort?: TicketSort;
  cursor?: string;
  limit?: number;
}

export const TICKET_PAGE_MAX = 100;

const TICKET_LIST_SELECT = {
  id: true,
  number: true,
  subject: true,
  status: true,
  priority: true,
  source: true,
  assigneeId: true,
  requesterEmail: true,
  requesterName: true,
  slaDueAt: true,
  slaWarnAt: true,
  slaBreachedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** Keyset position: the sort value(s) and the id of the last row shown; `none` = past the dated rows. */
interface TicketCursor {
  v: string;
  id: string;
  r?: number;
  none?: true;
}

function encodeTicketCursor(c: TicketCursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeTicketCursor(raw: string | undefined): TicketCursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<TicketCursor>;
    if (typeof c.v !== "string" || Number.isNaN(Date.parse(c.v)) || typeof c.id !== "string") return null;
    if (c.r !== undefined && !(Number.isInteger(c.r) && c.r >= 0 && c.r <= 3)) return null;
    return { v: c.v, id: c.id, ...(c.r !== undefined ? { r: c.r } : {}), ...(c.none ? { none: true } : {}) };
  } catch {
    return null; // an unreadable cursor starts from the first page
  }
}

const FULL_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A ticket number ("T-1001" or "1001": the unique index), a full email (the requester index), or
 * text in the subject, the requester's email or name and the public replies.
 */
function ticketSearch(client: Tx, shop: string, raw: string): Prisma.TicketWhereInput | null {
  const q = raw.trim().slice(0, 200);
  if (!q) return null;
  const numbered = /^(?:T-)?(\d{1,9})$/i.exec(q);
  if (numbered) return { number: Number(numbered[1]) };
  const text: Prisma.TicketWhereInput[] = [
    { subject: textContains(client, q) },
    { comments: { some: { shop, body: textContains(client, q) } } },
  ];
  if (FULL_EMAIL.test(q)) return { requesterEmail: { in: [...new Set([q, q.toLowerCase()])] } };
  if (q.includes("@")) return { requesterEmail: textContains(client, q.toLowerCase()) };
  return {
    OR: [...text, { requesterEmail: textContains(client, q) }, { requesterName: textContains(client, q) }],
  };
}

function slaFilter(sla: TicketSlaState, now: Date): Prisma.TicketWhereInput {
  if (sla === "breached") return { OR: [{ slaBreachedAt: { not: null } }, { slaDueAt: { lte: now } }] };
  if (sla === "due_soon") return { slaBreachedAt: null, slaWarnAt: { lte: now }, slaDueAt: { gt: now } };
  // on time: the warning point is ahead, so is the deadline (the bound starts the index range at now)
  return { slaBreachedAt: null, slaWarnAt: { gt: now }, slaDueAt: { gt: now } };
}

/** `col < v OR (col = v AND id < last)`, written so the first term bounds the index range. */
function after(col: "updatedAt" | "createdAt", v: Date, id: string): Prisma.TicketWhereInput[] {
  return [{ [col]: { lte: v } }, { OR: [{ [col]: { lt: v } }, { id: { lt: id } }] }];
}

function filters(shop: string, query: TicketListQuery, now: Date, client: Tx): Prisma.TicketWhereInput {
  const and: Prisma.TicketWhereInput[] = [];
  const where: Prisma.TicketWhereInput = { shop };
  if (query.status) where.status = query.status;
  if (query.priority) where.priorityRank = priorityRank(query.priority);
  if (query.assignee) where.assigneeId = query.assignee === "none" ? null : query.assignee;
  if (query.source) where.source = query.source;
  if (query.createdFrom || query.createdTo)
    where.createdAt = {
      ...(query.createdFrom ? { gte: query.createdFrom } : {}),
      ...(query.createdTo ? { lt: query.createdTo } : {}),
    };
  if (query.sla) and.push(slaFilter(query.sla, now));
  const search = query.search ? ticketSearch(client, shop, query.search) : null;
  if (search) and.push(search);
  if (and.length) where.AND = and;
  return where;
}

type TicketListRow = Prisma.TicketGetPayload<{ select: typeof TICKET_LIST_SELECT }>;

export interface TicketListPage {
  rows: (TicketListRow & { assignee: { id: string; name: string } | null })[];
  nextCursor: string | null;
}

/**
 * One page of the ticket list: filters, a sort and keyset pagination. Every sort is one index range
 * (docs/decisions/110-ticket-list-keyset-pagination.md); "due" lists running deadlines first
 * (soonest first), then the tickets without one by last update.
 */
export async function listTicketsForAdmin(
  shop: string,
  query: TicketListQuery = {},
  now: Date = new Date(),
  client: Tx = db(),
): Promise<TicketListPage> {
  const limit = Math.min(Math.max(query.limit ?? 25, 1), TICKET_PAGE_MAX);
  const sort = query.sort ?? "updated";
  const cursor = decodeTicketCursor(query.cursor);
  const base = filters(shop, query, now, client);
  const page = (extra: Prisma.TicketWhereInput[], orderBy: Prisma.TicketOrderByWithRelationInput[], take: number) =>
    client.ticket.findMany({
      where: extra.length ? { ...base, AND: [...((base.AND as Prisma.TicketWhereInput[]) ?? []), ...extra] } : base,
      orderBy,
      take,
      select: TICKET_LIST_SELECT,
    });
  const byUpdated: Prisma.TicketOrderByWithRelationInput[] = [{ updatedAt: "desc" }, { id: "desc" }];

  let rows: TicketListRow[];
  let next: TicketCursor | null = null;
  if (sort === "due") {
    rows = [];
    if (!cursor?.none) {
      const keyset: Prisma.TicketWhereInput[] = cursor
        ? [
            { slaDueAt: { gte: new Date(cursor.v) } },
            { OR: [{ slaDueAt: { gt: new Date(cursor.v) } }, { id: { gt: cursor.id } }] },
          ]
        : [{ slaDueAt: { not: null } }];
      rows = await page(keyset, [{ slaDueAt: "asc" }, { id: "asc" }], limit + 1);
      if (rows.length > limit) {
        rows = rows.slice(0, limit);
        const last = rows[limit - 1]!;
        next = { v: (last.slaDueAt as Date).toISOString(), id: last.id };
      }
    }
    if (!next && rows.length < limit) {
      const keyset: Prisma.TicketWhereInput[] = [{ slaDueAt: null }];
      if (cursor?.none) keyset.push(...after("updatedAt", new Date(cursor.v), cursor.id));
      const rest = await page(keyset, byUpdated, limit - rows.length + 1);
      const room = limit - rows.length;
      if (rest.length > room) {
        const last = rest[room - 1]!;
        next = { v: last.updatedAt.toISOString(), id: last.id, none: true };
      }
      rows = rows.concat(rest.slice(0, room));
    }
  } else if (sort === "priority") {
    const keyset: Prisma.TicketWhereInput[] = cursor
      ? [
          { priorityRank: { lte: cursor.r ?? 3 } },
          {
            OR: [
              { priorityRank: { lt: cursor.r ?? 3 } },
              { AND: [{ priorityRank: cursor.r ?? 3 }, ...after("updatedAt", new Date(cursor.v), cursor.id)] },
            ],
          },
        ]
      : [];
    rows = await page(keyset, [{ priorityRank: "desc" }, { updatedAt: "desc" }, { id: "desc" }], limit + 1);
    if (rows.length > limit) {
      rows = rows.slice(0, limit);
      const last = rows[limit - 1]!;
      next = { v: last.updatedAt.toISOString(), id: last.id, r: priorityRank(last.priority) };
    }
  } else {
    const col = sort === "created" ? "createdAt" : "updatedAt";
    rows = await page(
      cursor ? after(col, new Date(cursor.v), cursor.id) : [],
      [{ [col]: "desc" }, { id: "desc" }],
      limit + 1,
    );
    if (rows.length > limit) {
      rows = rows.slice(0, limit);
      const last = rows[limit - 1]!;
      next = { v: last[col].toISOString(), id: last.id };
    }
  }

  const assigneeIds = [...new Set(rows.map((r) => r.assigneeId).filter((v): v is string => v !== null))];
  const assignees = assigneeIds.length
    ? await client.operator.findMany({ where: { shop, id: { in: assigneeIds } }, select: { id: true, name: true } })
    : [];
  const byId = new Map(assignees.map((a) => [a.id, a]));
  return {
    rows: rows.map((r) => ({ ...r, assignee: (r.assigneeId && byId.get(r.assigneeId)) || null })),
    nextCursor: next ? encodeTicketCursor(next) : null,
  };
}

/** Tickets per status (the list's tabs); each is an index range count, history capped. */
export async function ticketStatusCounts(shop: string, client: Tx = db()): Promise<Record<TicketStatus, number>> {
  const capped = (status: "resolved" | "closed") => client.$queryRaw<{ n: number | bigint }[]>`
    SELECT COUNT(*) AS "n" FROM (
      SELECT 1 FROM "Ticket" WHERE "shop" = ${shop} AND "status" = ${status} LIMIT ${TICKET_COUNT_CAP}
    ) AS "capped"`;
  const [active, resolved, closed] = await Promise.all([
    client.$queryRaw<{ status: string; n: number | bigint }[]>`
      SELECT "status", COUNT(*) AS "n" FROM "Ticket"
      WHERE "shop" = ${shop} AND "status" IN ('open', 'pending') GROUP BY "status"`,
    capped("resolved"),
    capped("closed"),
  ]);
  const n = (status: string) => Number(active.find((r) => r.status === status)?.n ?? 0);
  return {
    open: n("open"),
    pending: n("pending"),
    resolved: Number(resolved[0]?.n ?? 0),
    closed: Number(closed[0]?.n ?? 0),
  };
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
