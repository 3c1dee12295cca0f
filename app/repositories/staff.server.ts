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
  const q = query(client);
  const figures = q.figuresBy(
    '"assigneeId"',
    {
      rating: '"rating"',
      firstResponse: q.seconds('"queuedAt"', '"firstHumanReplyAt"'),
      handling: `CASE WHEN "state" = 'closed' THEN ${q.seconds('"assignedAt"', '"closedAt"')} END`,
    },
    where(q),
  );
  type FigureRow = Record<
    "g" | "rows" | "ratingCount" | "ratingSum" | "firstResponseMedian" | "handlingMedian",
    unknown
  >;
  // one pass over the period's conversations gives chats, ratings and both medians (ADR 238)
  const [chats, tickets, intervals] = await Promise.all([
    q.all<FigureRow>(client, figures),
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
    Object.assign(of(String(r.g)), {
      chats: num(r.rows),
      ratings: num(r.ratingCount),
      ratingSum: num(r.ratingSum),
      medianFirstResponseSeconds: numOrNull(r.firstResponseMedian),
      medianHandlingSeconds: numOrNull(r.handlingMedian),
    });
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
