/**
 * The analytics page's data: every panel for the chosen period and the period before it, each
 * panel one query (app/repositories/analytics.server.ts, staff.server.ts), shaped by the pure
 * functions in app/domain/analytics. `loadPanel` is what the benchmark times, panel by panel.
 */
import { getShopSettings, topUnansweredQuestions } from "../../repositories/admin.server";
import {
  aiUsageByDay,
  conversationBuckets,
  conversationOutcomes,
  responseMedians,
  slaCounts,
  tagCounts,
  type Period,
} from "../../repositories/analytics.server";
import { staffFigures } from "../../repositories/staff.server";
import { listOperators } from "../../repositories/operators.server";
import { bucketSeconds, compare, heatMap, perDay, ratio } from "../../domain/analytics/series";
import type { DayRange, RangeWithComparison } from "../../domain/analytics/range";

export const PANELS = ["volume", "outcomes", "response", "sla", "aiCost", "unanswered", "staff", "tags"] as const;
export type Panel = (typeof PANELS)[number];

const period = (r: DayRange): Period => ({ start: r.start, end: r.end });
const utcDay = (d: Date) => d.toISOString().slice(0, 10);

async function volume(shop: string, range: RangeWithComparison, timeZone: string) {
  const [now, before] = await Promise.all(
    [range, range.previous].map((r) => conversationBuckets(shop, period(r), bucketSeconds(r, timeZone))),
  );
  return {
    perDay: perDay(now!, range, timeZone),
    previousPerDay: perDay(before!, range.previous, timeZone),
    heatMap: heatMap(now!, timeZone),
  };
}

async function outcomes(shop: string, range: RangeWithComparison) {
  const [now, before] = await Promise.all([range, range.previous].map((r) => conversationOutcomes(shop, period(r))));
  const csat = (o: typeof now) => (o!.ratings ? o!.ratingSum / o!.ratings : null);
  return {
    conversations: compare(now!.conversations, before!.conversations),
    aiResolvedShare: compare(ratio(now!.aiResolved, now!.closed), ratio(before!.aiResolved, before!.closed)),
    escalationRate: compare(ratio(now!.escalated, now!.conversations), ratio(before!.escalated, before!.conversations)),
    csat: compare(csat(now), csat(before)),
    ratings: now!.ratings,
  };
}

async function response(shop: string, range: RangeWithComparison) {
  const [now, before] = await Promise.all([range, range.previous].map((r) => responseMedians(shop, period(r))));
  return {
    firstResponse: compare(now!.firstResponse.seconds, before!.firstResponse.seconds),
    resolution: compare(now!.resolution.seconds, before!.resolution.seconds),
  };
}

async function sla(shop: string, range: RangeWithComparison) {
  const [now, before] = await Promise.all([range, range.previous].map((r) => slaCounts(shop, period(r))));
  const met = (c: typeof now) =>
    ratio(
      c!.firstResponse.due - c!.firstResponse.breached + c!.resolution.due - c!.resolution.breached,
      c!.firstResponse.due + c!.resolution.due,
    );
  return { compliance: compare(met(now), met(before)), current: now!, previous: before! };
}

async function aiCost(shop: string, range: RangeWithComparison) {
  const [now, before] = await Promise.all(
    [range, range.previous].map((r) => aiUsageByDay(shop, utcDay(r.start), utcDay(new Date(r.end.getTime() - 1)))),
  );
  const total = (rows: typeof now) => rows!.reduce((sum, r) => sum + r.costMicros, 0);
  return {
    perDay: now!.map((r) => ({ day: r.day, costMicros: r.costMicros })),
    total: compare(total(now), total(before)),
  };
}

async function staff(shop: string, range: RangeWithComparison) {
  const [figures, operators] = await Promise.all([staffFigures(shop, period(range)), listOperators(shop)]);
  return operators.map((o) => {
    const f = figures.get(o.id);
    return {
      id: o.id,
      name: o.name,
      active: !o.deactivatedAt,
      chats: f?.chats ?? 0,
      medianFirstResponseSeconds: f?.medianFirstResponseSeconds ?? null,
      medianHandlingSeconds: f?.medianHandlingSeconds ?? null,
      csat: f && f.ratings ? f.ratingSum / f.ratings : null,
      ratings: f?.ratings ?? 0,
      ticketsResolved: f?.ticketsResolved ?? 0,
      onlineSeconds: f?.onlineSeconds ?? 0,
    };
  });
}

export function loadPanel(shop: string, panel: Panel, range: RangeWithComparison, timeZone: string) {
  switch (panel) {
    case "volume":
      return volume(shop, range, timeZone);
    case "outcomes":
      return outcomes(shop, range);
    case "response":
      return response(shop, range);
    case "sla":
      return sla(shop, range);
    case "aiCost":
      return aiCost(shop, range);
    case "unanswered":
      return topUnansweredQuestions(shop, 10);
    case "staff":
      return staff(shop, range);
    case "tags":
      return tagCounts(shop, period(range)).then((rows) => rows.slice(0, 20));
  }
}

export async function shopTimeZone(shop: string): Promise<string> {
  return (await getShopSettings(shop))?.timezone ?? "UTC";
}

export async function loadAnalytics(shop: string, range: RangeWithComparison, timeZone: string) {
  const [v, o, r, s, c, u, st, t] = await Promise.all(PANELS.map((p) => loadPanel(shop, p, range, timeZone)));
  return {
    volume: v as Awaited<ReturnType<typeof volume>>,
    outcomes: o as Awaited<ReturnType<typeof outcomes>>,
    response: r as Awaited<ReturnType<typeof response>>,
    sla: s as Awaited<ReturnType<typeof sla>>,
    aiCost: c as Awaited<ReturnType<typeof aiCost>>,
    unanswered: u as Awaited<ReturnType<typeof topUnansweredQuestions>>,
    staff: st as Awaited<ReturnType<typeof staff>>,
    tags: t as Awaited<ReturnType<typeof tagCounts>>,
  };
}
export type AnalyticsData = Awaited<ReturnType<typeof loadAnalytics>>;
