/**
 * Pages of rows for the CSV exports (ADR 175): rows created in [start, end) of one shop, in
 * (createdAt, id) order, one keyset page at a time, so an export of any size holds one page in
 * memory. Internal notes are never exported.
 */
import { db, type Tx } from "../db.server";
import type { Period } from "./analytics.server";

export interface KeysetCursor {
  createdAt: Date;
  id: string;
}

function keyset(period: Period, after: KeysetCursor | null) {
  return {
    createdAt: { gte: period.start, lt: period.end },
    ...(after
      ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }
      : {}),
  };
}

const ORDER = [{ createdAt: "asc" as const }, { id: "asc" as const }];

export async function conversationExportPage(
  shop: string,
  period: Period,
  after: KeysetCursor | null,
  limit: number,
  client: Tx = db(),
) {
  return client.conversation.findMany({
    where: { shop, ...keyset(period, after) },
    orderBy: ORDER,
    take: limit,
    select: {
      id: true,
      createdAt: true,
      state: true,
      closeReason: true,
      customerId: true,
      contactEmail: true,
      contactName: true,
      locale: true,
      tags: true,
      rating: true,
      ratingComment: true,
      messageCount: true,
      aiCostMicros: true,
      queuedAt: true,
      firstHumanReplyAt: true,
      closedAt: true,
      assignee: { select: { name: true } },
    },
  });
}

export async function messageExportPage(
  shop: string,
  period: Period,
  after: KeysetCursor | null,
  limit: number,
  client: Tx = db(),
) {
  return client.message.findMany({
    where: { shop, ...keyset(period, after) },
    orderBy: ORDER,
    take: limit,
    select: { id: true, conversationId: true, createdAt: true, role: true, authorName: true, status: true, text: true },
  });
}

export async function ticketExportPage(
  shop: string,
  period: Period,
  after: KeysetCursor | null,
  limit: number,
  client: Tx = db(),
) {
  return client.ticket.findMany({
    where: { shop, ...keyset(period, after) },
    orderBy: ORDER,
    take: limit,
    select: {
      id: true,
      number: true,
      createdAt: true,
      subject: true,
      status: true,
      priority: true,
      source: true,
      requesterEmail: true,
      requesterName: true,
      customerId: true,
      conversationId: true,
      assigneeId: true,
      firstResponseDueAt: true,
      resolutionDueAt: true,
      firstRespondedAt: true,
      resolvedAt: true,
      slaBreachedAt: true,
    },
  });
}
