/**
 * The operator inbox: views, search, filters and keyset pagination over a shop's conversations (the
 * tab counts and what the live endpoint polls are app/repositories/inbox-live.server.ts). Every view is an index range scan ordered by an indexed column plus the id, so a page
 * costs the same whether the shop has a hundred conversations or a hundred thousand (see bench/inbox.ts
 * and docs/decisions/062-inbox-keyset-pagination.md).
 */
import { db, type Tx } from "../db.server";
import { searchWhere } from "./inbox-search.server";
import type { Prisma } from "../generated/prisma/client";

import { parseSchedule } from "../domain/conversations/business-hours";
import { chatSla, type ChatSla } from "../domain/sla/chat-sla";
import { parseSlaTargets } from "../domain/sla/targets";
import {
  conversationDisplayName,
  parseTags,
  VIEW_STATES,
  type ConversationState,
  type InboxView,
} from "../domain/inbox";

export {
  CLOSED_COUNT_CAP,
  CONVERSATION_STATES,
  INBOX_VIEWS,
  type ConversationState,
  type InboxView,
} from "../domain/inbox";

export interface InboxQuery {
  view: InboxView;
  /** The operator asking (the "Mine" view). */
  operatorId: string;
  q?: string | undefined;
  state?: ConversationState | undefined;
  tag?: string | undefined;
  assigneeId?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export interface InboxRow {
  id: string;
  state: ConversationState;
  displayName: string;
  email: string | null;
  customerId: string | null;
  locale: string | null;
  tags: string[];
  assignee: { id: string; name: string } | null;
  messageCount: number;
  queuedAt: string | null;
  waitSeconds: number | null;
  /** The first-response clock while the chat waits for a person, or a breach the SLA sweep recorded. */
  sla: ChatSla | null;
  lastActivityAt: string;
  createdAt: string;
  closeReason: string | null;
  preview: { role: string; text: string } | null;
}

export interface InboxPage {
  rows: InboxRow[];
  nextCursor: string | null;
  /** The text search read only its most recent matches (SEARCH_MATCH_CAP): say so on the page. */
  searchCapped: boolean;
}

interface Cursor {
  /** The sort column's value (ISO date). */
  v: string;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (
      parsed &&
      typeof parsed === "object" &&
      typeof (parsed as Cursor).v === "string" &&
      typeof (parsed as Cursor).id === "string" &&
      !Number.isNaN(Date.parse((parsed as Cursor).v))
    ) {
      return parsed as Cursor;
    }
  } catch {
    // an unreadable cursor starts from the first page
  }
  return null;
}

/** Tags are stored comma-separated ("vip,returns"); this matches one whole tag. */
function tagFilter(tag: string): Prisma.ConversationWhereInput {
  return {
    OR: [
      { tags: tag },
      { tags: { startsWith: `${tag},` } },
      { tags: { endsWith: `,${tag}` } },
      { tags: { contains: `,${tag},` } },
    ],
  };
}

function sortColumn(view: InboxView): "queuedAt" | "lastActivityAt" {
  return view === "queue" ? "queuedAt" : "lastActivityAt";
}

function direction(view: InboxView): "asc" | "desc" {
  return view === "queue" ? "asc" : "desc";
}

/** The states a query shows: its view's, narrowed by the state filter. */
function statesOf(query: InboxQuery): ConversationState[] {
  const viewStates = VIEW_STATES[query.view];
  return query.state ? viewStates.filter((s) => s === query.state) : viewStates;
}

function whereFor(
  shop: string,
  query: InboxQuery,
  search: Prisma.ConversationWhereInput | null,
): Prisma.ConversationWhereInput {
  const states = statesOf(query);
  const and: Prisma.ConversationWhereInput[] = [];
  const where: Prisma.ConversationWhereInput = {
    shop,
    state: states.length === 1 ? (states[0] as string) : { in: states },
  };
  if (query.view === "mine") where.assigneeId = query.operatorId;
  else if (query.assigneeId) where.assigneeId = query.assigneeId;
  if (query.view === "queue") where.queuedAt = { not: null };
  if (query.tag) and.push(tagFilter(query.tag));
  if (search) and.push(search);
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    const col = sortColumn(query.view);
    const v = new Date(cursor.v);
    const asc = direction(query.view) === "asc";
    // After (v, last) in the sort order, written `col <= v AND NOT (col = v AND id >= last)` (desc).
    // The equivalent `col <= v AND (col < v OR id < last)` let SQLite answer the OR with a second
    // index on id, scanning every older row: 120 ms per page at 100,000 conversations, against 2 ms.
    and.push({ [col]: { [asc ? "gte" : "lte"]: v } }, { NOT: { [col]: v, id: { [asc ? "lte" : "gte"]: cursor.id } } });
  }
  if (and.length) where.AND = and;
  return where;
}

const PAGE_MAX = 100;

/** One page of an inbox view, newest activity first (the queue: longest waiting first). */
export async function listInbox(
  shop: string,
  query: InboxQuery,
  now: Date = new Date(),
  client: Tx = db(),
): Promise<InboxPage> {
  const limit = Math.min(Math.max(query.limit ?? 25, 1), PAGE_MAX);
  const col = sortColumn(query.view);
  const dir = direction(query.view);
  const search = query.q
    ? await searchWhere(client, shop, query.q, {
        states: statesOf(query),
        assigneeId: query.view === "mine" ? query.operatorId : query.assigneeId,
        orderBy: col,
        direction: dir,
      })
    : null;
  const [rows, shopRow] = await Promise.all([
    client.conversation.findMany({
      where: whereFor(shop, query, search?.where ?? null),
      orderBy: [{ [col]: dir }, { id: dir }],
      take: limit + 1,
      select: {
        id: true,
        state: true,
        contactName: true,
        contactEmail: true,
        customerId: true,
        locale: true,
        tags: true,
        messageCount: true,
        queuedAt: true,
        firstHumanReplyAt: true,
        lastActivityAt: true,
        createdAt: true,
        closeReason: true,
        assigneeId: true,
      },
    }),
    client.shop.findUnique({
      where: { shop },
      select: { slaTargets: true, timezone: true, businessHours: true, holidays: true },
    }),
  ]);
  const page = rows.slice(0, limit);
  const schedule = parseSchedule(shopRow?.timezone ?? "UTC", shopRow?.businessHours ?? "{}", shopRow?.holidays ?? "[]");
  const targets = parseSlaTargets(shopRow?.slaTargets);
  const assigneeIds = [...new Set(page.map((r) => r.assigneeId).filter((v): v is string => v !== null))];
  const [previews, assignees, breaches] = await Promise.all([
    latestMessages(
      shop,
      page.map((r) => r.id),
      client,
    ),
    assigneeIds.length
      ? client.operator.findMany({ where: { shop, id: { in: assigneeIds } }, select: { id: true, name: true } })
      : Promise.resolve([]),
    page.length
      ? client.slaAlert.findMany({
          where: {
            shop,
            subjectType: "conversation",
            level: "breached",
            subjectId: { in: page.map((r) => r.id) },
          },
          select: { subjectId: true, dueAt: true },
        })
      : Promise.resolve([]),
  ]);
  const breachDue = new Map(breaches.map((b) => [b.subjectId, b.dueAt]));
  const assigneeById = new Map(assignees.map((a) => [a.id, a]));
  const out: InboxRow[] = page.map((r) => {
    const waiting =
      r.queuedAt && !r.firstHumanReplyAt && (r.state === "queued" || r.state === "assigned")
        ? Math.max(0, Math.round((now.getTime() - r.queuedAt.getTime()) / 1000))
        : null;
    return {
      id: r.id,
      state: r.state as ConversationState,
      displayName: conversationDisplayName(r),
      email: r.contactEmail,
      customerId: r.customerId,
      locale: r.locale,
      tags: parseTags(r.tags),
      assignee: (r.assigneeId && assigneeById.get(r.assigneeId)) || null,
      messageCount: r.messageCount,
      queuedAt: r.queuedAt?.toISOString() ?? null,
      waitSeconds: waiting,
      sla: chatSla(schedule, targets, waiting === null ? null : r.queuedAt, breachDue.get(r.id) ?? null, now),
      lastActivityAt: r.lastActivityAt.toISOString(),
      createdAt: r.createdAt.toISOString(),
      closeReason: r.closeReason,
      preview: previews.get(r.id) ?? null,
    };
  });
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({
          v: (col === "queuedAt" ? (last.queuedAt as Date) : last.lastActivityAt).toISOString(),
          id: last.id,
        })
      : null;
  return { rows: out, nextCursor, searchCapped: search?.capped ?? false };
}

/** The latest message of each conversation on the page (one query for the whole page). */
async function latestMessages(
  shop: string,
  ids: string[],
  client: Tx,
): Promise<Map<string, { role: string; text: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await client.message.findMany({
    where: { shop, conversationId: { in: ids } },
    select: { conversationId: true, version: true, role: true, text: true },
  });
  const latest = new Map<string, { version: number; role: string; text: string }>();
  for (const m of rows) {
    // the latest message, preferring what a person or the AI wrote over system notices
    const seen = latest.get(m.conversationId);
    const rank = (x: { role: string }) => (x.role === "system" ? 0 : 1);
    if (!seen || rank(m) > rank(seen) || (rank(m) === rank(seen) && m.version > seen.version))
      latest.set(m.conversationId, m);
  }
  return new Map([...latest].map(([id, m]) => [id, { role: m.role, text: m.text.slice(0, 140) }]));
}
