/**
 * The analytics page's aggregates (ADR 170, 171). Each function is one panel's query, computed by
 * the database over an index range of one shop (`start` inclusive, `end` exclusive); nothing loads
 * the period's rows into the process. Conversations belong to the period they started in; tickets
 * to the period their deadline falls in (SLA) or they were resolved in.
 */
import { db, type Tx } from "../db.server";
import { num, numOrNull, query } from "../db/raw-sql.server";

export interface Period {
  start: Date;
  end: Date;
}

/** The conversations started in the period (binds three values). */
const inPeriod = (q: ReturnType<typeof query>, shop: string, period: Period) =>
  `FROM "Conversation" WHERE "shop" = ${q.bind(shop)} AND "createdAt" >= ${q.bind(period.start)} AND "createdAt" < ${q.bind(period.end)}`;

/** Conversations started per UTC bucket of `bucketSeconds` (3600 or 900). */
export async function conversationBuckets(shop: string, period: Period, bucketSeconds: number, client: Tx = db()) {
  if (bucketSeconds !== 3600 && bucketSeconds !== 900) throw new Error("bucket width must be 3600 or 900 seconds");
  const q = query(client);
  const epoch = q.epoch('"createdAt"');
  const rows = await q.all<{ at: unknown; n: unknown }>(
    client,
    `SELECT (${epoch} - (${epoch} % ${bucketSeconds})) AS at, COUNT(*) AS n ${inPeriod(q, shop, period)} GROUP BY 1`,
  );
  return rows.map((r) => ({ at: num(r.at), count: num(r.n) }));
}

export interface Outcomes {
  conversations: number;
  closed: number;
  aiResolved: number;
  escalated: number;
  ratings: number;
  ratingSum: number;
}

/** Counts for the period: started, closed, closed by the AI alone, escalated, rated. */
export async function conversationOutcomes(shop: string, period: Period, client: Tx = db()): Promise<Outcomes> {
  const q = query(client);
  const [row] = await q.all<Record<string, unknown>>(
    client,
    `SELECT COUNT(*) AS conversations,
      SUM(CASE WHEN "state" = 'closed' THEN 1 ELSE 0 END) AS closed,
      SUM(CASE WHEN "state" = 'closed' AND "queuedAt" IS NULL AND COALESCE("closeReason", '') <> 'abandoned' THEN 1 ELSE 0 END) AS "aiResolved",
      SUM(CASE WHEN "queuedAt" IS NOT NULL THEN 1 ELSE 0 END) AS escalated,
      COUNT("rating") AS ratings, COALESCE(SUM("rating"), 0) AS "ratingSum"
    ${inPeriod(q, shop, period)}`,
  );
  return {
    conversations: num(row?.conversations),
    closed: num(row?.closed),
    aiResolved: num(row?.aiResolved),
    escalated: num(row?.escalated),
    ratings: num(row?.ratings),
    ratingSum: num(row?.ratingSum),
  };
}

export interface Median {
  seconds: number | null;
  count: number;
}

/**
 * Median seconds from the queue to the first human reply, and from start to close, of the
 * conversations started in the period.
 */
export async function responseMedians(
  shop: string,
  period: Period,
  client: Tx = db(),
): Promise<{ firstResponse: Median; resolution: Median }> {
  const a = query(client);
  const b = query(client);
  const [first, resolution] = await Promise.all([
    a.all<{ median: unknown; n: unknown }>(
      client,
      a.medianBy("1", a.seconds('"queuedAt"', '"firstHumanReplyAt"'), inPeriod(a, shop, period)),
    ),
    b.all<{ median: unknown; n: unknown }>(
      client,
      b.medianBy(
        "1",
        `CASE WHEN "state" = 'closed' THEN ${b.seconds('"createdAt"', '"closedAt"')} END`,
        inPeriod(b, shop, period),
      ),
    ),
  ]);
  const pick = (rows: { median: unknown; n: unknown }[]): Median => ({
    seconds: numOrNull(rows[0]?.median),
    count: num(rows[0]?.n),
  });
  return { firstResponse: pick(first), resolution: pick(resolution) };
}

export interface SlaCounts {
  due: number;
  breached: number;
}

/**
 * SLA compliance from recorded breaches (`sla.breached` events): of the tickets whose first-response
 * (resolution) deadline falls in the period, how many have a breach of that target recorded.
 */
export async function slaCounts(
  shop: string,
  period: Period,
  client: Tx = db(),
): Promise<{ firstResponse: SlaCounts; resolution: SlaCounts }> {
  const count = async (column: "firstResponseDueAt" | "resolutionDueAt", target: string): Promise<SlaCounts> => {
    const q = query(client);
    const [row] = await q.all<{ due: unknown; breached: unknown }>(
      client,
      // the period's breaches of this target as one set (a breach is recorded after its deadline, so
      // on or after the period's start), then each ticket looked up in it: one index range each
      `SELECT COUNT(*) AS due, SUM(CASE WHEN t."id" IN (
          SELECT e."ticketId" FROM "DomainEvent" e WHERE e."shop" = ${q.bind(shop)} AND e."type" = 'sla.breached'
            AND e."createdAt" >= ${q.bind(period.start)} AND ${q.jsonText('e."data"', "target")} = ${q.bind(target)}
            AND e."ticketId" IS NOT NULL
        ) THEN 1 ELSE 0 END) AS breached
      FROM "Ticket" t WHERE t."shop" = ${q.bind(shop)} AND t."${column}" >= ${q.bind(period.start)} AND t."${column}" < ${q.bind(period.end)}`,
    );
    return { due: num(row?.due), breached: num(row?.breached) };
  };
  const [firstResponse, resolution] = await Promise.all([
    count("firstResponseDueAt", "first_response"),
    count("resolutionDueAt", "resolution"),
  ]);
  return { firstResponse, resolution };
}

/** AI usage per UTC day from `fromDay` to `toDay` inclusive (AiUsageDaily keeps UTC days). */
export async function aiUsageByDay(shop: string, fromDay: string, toDay: string, client: Tx = db()) {
  return client.aiUsageDaily.findMany({
    where: { shop, day: { gte: fromDay, lte: toDay } },
    orderBy: { day: "asc" },
    select: { day: true, costMicros: true, tokensIn: true, tokensOut: true, requests: true },
  });
}

/** Conversations of the period per tag (a conversation with two tags counts for both). */
export async function tagCounts(shop: string, period: Period, client: Tx = db()) {
  const q = query(client);
  const rows = await q.all<{ tags: string; n: unknown }>(
    client,
    `SELECT "tags", COUNT(*) AS n ${inPeriod(q, shop, period)} AND "tags" <> '' GROUP BY "tags"`,
  );
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const tag of new Set(
      row.tags
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ))
      counts.set(tag, (counts.get(tag) ?? 0) + num(row.n));
  }
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((x, y) => y.count - x.count || (x.tag < y.tag ? -1 : 1));
}
