/**
 * Staff statistics per operator (ADR 172): chats handled, median first response, median handling
 * time, CSAT, tickets resolved and time online, over one period. A chat counts for the operator who
 * holds it (or last held it) and for the period it started in. Every query is scoped by the shop.
 */
import { db, type Tx } from "../db.server";
import { num, numOrNull, query } from "../db/raw-sql.server";
import type { Period } from "./analytics.server";

export interface OperatorFigures {
  chats: number;
  ratings: number;
  ratingSum: number;
  medianFirstResponseSeconds: number | null;
  medianHandlingSeconds: number | null;
  ticketsResolved: number;
  onlineSeconds: number;
}

const empty = (): OperatorFigures => ({
  chats: 0,
  ratings: 0,
  ratingSum: 0,
  medianFirstResponseSeconds: null,
  medianHandlingSeconds: null,
  ticketsResolved: 0,
  onlineSeconds: 0,
});

/** Figures per operator id (operators with nothing in the period are absent). */
export async function staffFigures(
  shop: string,
  period: Period,
  client: Tx = db(),
): Promise<Map<string, OperatorFigures>> {
  const where = (q: ReturnType<typeof query>) =>
    `FROM "Conversation" WHERE "shop" = ${q.bind(shop)} AND "createdAt" >= ${q.bind(period.start)} AND "createdAt" < ${q.bind(period.end)} AND "assigneeId" IS NOT NULL`;
  const [q1, q2, q3] = [query(client), query(client), query(client)];
  const [chats, firstResponse, handling, tickets, intervals] = await Promise.all([
    q1.all<{ g: string; n: unknown; ratings: unknown; ratingSum: unknown }>(
      client,
      `SELECT "assigneeId" AS g, COUNT(*) AS n, COUNT("rating") AS ratings, COALESCE(SUM("rating"), 0) AS "ratingSum" ${where(q1)} GROUP BY "assigneeId"`,
    ),
    q2.all<{ g: string; median: unknown }>(
      client,
      q2.medianBy('"assigneeId"', q2.seconds('"queuedAt"', '"firstHumanReplyAt"'), where(q2)),
    ),
    q3.all<{ g: string; median: unknown }>(
      client,
      q3.medianBy(
        '"assigneeId"',
        `CASE WHEN "state" = 'closed' THEN ${q3.seconds('"assignedAt"', '"closedAt"')} END`,
        where(q3),
      ),
    ),
    client.ticket.groupBy({
      by: ["assigneeId"],
      where: { shop, assigneeId: { not: null }, resolvedAt: { gte: period.start, lt: period.end } },
      _count: { _all: true },
    }),
    client.presenceInterval.findMany({
      where: { shop, endedAt: { gt: period.start }, startedAt: { lt: period.end } },
      select: { operatorId: true, startedAt: true, endedAt: true },
    }),
  ]);
  const out = new Map<string, OperatorFigures>();
  const of = (id: string) => {
    let f = out.get(id);
    if (!f) out.set(id, (f = empty()));
    return f;
  };
  for (const r of chats)
    Object.assign(of(r.g), { chats: num(r.n), ratings: num(r.ratings), ratingSum: num(r.ratingSum) });
  for (const r of firstResponse) of(r.g).medianFirstResponseSeconds = numOrNull(r.median);
  for (const r of handling) of(r.g).medianHandlingSeconds = numOrNull(r.median);
  for (const r of tickets) of(r.assigneeId as string).ticketsResolved = r._count._all;
  for (const r of intervals) {
    const from = Math.max(r.startedAt.getTime(), period.start.getTime());
    const to = Math.min(r.endedAt.getTime(), period.end.getTime());
    if (to > from) of(r.operatorId).onlineSeconds += (to - from) / 1000;
  }
  return out;
}

/**
 * Records an "online" heartbeat: extends the operator's latest interval when it ended less than
 * `maxGapMs` ago, otherwise starts a new one.
 */
export async function recordOnline(
  shop: string,
  operatorId: string,
  now: Date,
  maxGapMs: number,
  client: Tx = db(),
): Promise<void> {
  const latest = await client.presenceInterval.findFirst({
    where: { shop, operatorId, endedAt: { gte: new Date(now.getTime() - maxGapMs) } },
    orderBy: { endedAt: "desc" },
    select: { id: true, endedAt: true },
  });
  if (latest) {
    if (latest.endedAt < now)
      await client.presenceInterval.updateMany({ where: { shop, id: latest.id }, data: { endedAt: now } });
    return;
  }
  await client.presenceInterval.create({ data: { shop, operatorId, startedAt: now, endedAt: now } });
}
