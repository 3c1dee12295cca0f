/**
 * The analytics page's panels (app/routes/app.analytics/analytics.server.ts over
 * app/repositories/analytics.server.ts and staff.server.ts) on known data, with exact figures: a
 * shop in Europe/Rome, November 2026 against the 30 days before, conversations on both sides of
 * the shop's midnight, SLA breaches recorded as change-feed events, AI usage, presence intervals,
 * and another shop whose rows must never count. Real SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setDb } from "~/db.server";
import { appendEvent } from "~/domain/events.server";
import { parseRange, type RangeWithComparison } from "~/domain/analytics/range";
import { loadAnalytics, type AnalyticsData } from "~/routes/app.analytics/analytics.server";
import { recordOnline } from "~/repositories/staff.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

const TZ = "Europe/Rome";
const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000);

describe.each(databaseKinds)("analytics on %s", (kind) => {
  let t: TestDatabase;
  const SHOP = `analytics-${kind}.myshopify.com`;
  const OTHER = `analytics-other-${kind}.myshopify.com`;
  let range: RangeWithComparison;
  let data: AnalyticsData;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setDb(t.db);
    const db = t.db;
    await db.shop.createMany({ data: [{ shop: SHOP, timezone: TZ }, { shop: OTHER }] });
    ids.anna = (await db.operator.create({ data: { shop: SHOP, staffUserId: "1", name: "Anna", role: "admin" } })).id;
    ids.luca = (await db.operator.create({ data: { shop: SHOP, staffUserId: "2", name: "Luca" } })).id;
    ids.other = (await db.operator.create({ data: { shop: OTHER, staffUserId: "1", name: "Elsewhere" } })).id;
    let n = 0;
    const conv = (shop: string, created: string, extra: Record<string, unknown>) =>
      db.conversation.create({
        data: { shop, visitorTokenHash: `h-${kind}-${n++}`, createdAt: at(created), ...extra },
      });
    const c1 = "2026-11-10T08:30:00Z"; // Tue 09:30 in Rome
    const c2 = "2026-11-10T09:10:00Z"; // Tue 10:10
    const c3 = "2026-11-11T23:30:00Z"; // Thu 12 Nov 00:30 in Rome
    const c4 = "2026-11-12T10:00:00Z"; // Thu 11:00
    await conv(SHOP, c1, { state: "closed", closeReason: "resolved", closedAt: at(c1, 300), rating: 5 });
    await conv(SHOP, c2, {
      state: "closed",
      closeReason: "resolved",
      queuedAt: at(c2, 60),
      assigneeId: ids.anna,
      assignedAt: at(c2, 120),
      firstHumanReplyAt: at(c2, 180),
      closedAt: at(c2, 600),
      rating: 3,
      tags: "shipping,returns",
    });
    await conv(SHOP, c3, {
      state: "closed",
      closeReason: "resolved",
      queuedAt: at(c3, 60),
      assigneeId: ids.luca,
      assignedAt: at(c3, 120),
      firstHumanReplyAt: at(c3, 360),
      closedAt: at(c3, 1200),
      tags: "shipping",
    });
    await conv(SHOP, c4, { state: "closed", closeReason: "abandoned", closedAt: at(c4, 1800) });
    // the previous period, and 1 Dec 00:30 in Rome (30 Nov 23:30 UTC): outside the range
    await conv(SHOP, "2026-10-15T10:00:00Z", {
      state: "closed",
      closeReason: "resolved",
      closedAt: at("2026-10-15T10:05:00Z"),
    });
    await conv(SHOP, "2026-11-30T23:30:00Z", { state: "ai" });
    // another shop, inside the range, with everything that could count
    await conv(OTHER, c2, {
      state: "closed",
      queuedAt: at(c2, 10),
      assigneeId: ids.other,
      firstHumanReplyAt: at(c2, 20),
      closedAt: at(c2, 30),
      rating: 1,
      tags: "shipping",
    });

    const ticket = (shop: string, number: number, extra: Record<string, unknown>) =>
      db.ticket.create({ data: { shop, number, subject: `T${number}`, source: "operator", ...extra } });
    const t1 = await ticket(SHOP, 1001, {
      firstResponseDueAt: at("2026-11-05T10:00:00Z"),
      resolutionDueAt: at("2026-11-20T10:00:00Z"),
      assigneeId: ids.anna,
      resolvedAt: at("2026-11-21T10:00:00Z"),
    });
    const t2 = await ticket(SHOP, 1002, {
      firstResponseDueAt: at("2026-11-06T10:00:00Z"),
      resolutionDueAt: at("2026-12-05T10:00:00Z"),
    });
    await ticket(SHOP, 1003, { firstResponseDueAt: at("2026-10-20T10:00:00Z") });
    const o1 = await ticket(OTHER, 1001, {
      firstResponseDueAt: at("2026-11-05T10:00:00Z"),
      assigneeId: ids.other,
      resolvedAt: at("2026-11-21T10:00:00Z"),
    });
    await db.$transaction(async (tx) => {
      const breach = (shop: string, ticketId: string, target: string, dueAt: string) =>
        appendEvent(tx, { shop, type: "sla.breached", ticketId, data: { target, ticketId, dueAt } });
      await breach(SHOP, t1.id, "first_response", "2026-11-05T10:00:00Z");
      await breach(SHOP, t1.id, "first_response", "2026-11-05T10:00:00Z"); // recorded twice: one item
      await breach(SHOP, t2.id, "resolution", "2026-12-05T10:00:00Z"); // its deadline is after the range
      await breach(OTHER, o1.id, "first_response", "2026-11-05T10:00:00Z");
    });

    await db.aiUsageDaily.createMany({
      data: [
        { shop: SHOP, day: "2026-11-10", costMicros: 1500, tokensIn: 100 },
        { shop: SHOP, day: "2026-11-11", costMicros: 500 },
        { shop: SHOP, day: "2026-10-20", costMicros: 1000 },
        { shop: OTHER, day: "2026-11-10", costMicros: 99_999 },
      ],
    });
    // Anna: 60 s, then after a gap 30 s; Luca: an interval that began before the range (clipped to 30 min)
    for (const s of [0, 30, 60]) await recordOnline(SHOP, ids.anna, at("2026-11-10T08:00:00Z", s), 90_000);
    for (const s of [0, 30]) await recordOnline(SHOP, ids.anna, at("2026-11-10T09:00:00Z", s), 90_000);
    await db.presenceInterval.create({
      data: {
        shop: SHOP,
        operatorId: ids.luca,
        startedAt: at("2026-10-31T22:00:00Z"),
        endedAt: at("2026-10-31T23:30:00Z"),
      },
    });
    await recordOnline(OTHER, ids.other, at("2026-11-10T08:00:00Z"), 90_000);
    await recordOnline(OTHER, ids.other, at("2026-11-10T08:00:30Z"), 90_000);

    const parsed = parseRange(
      new URLSearchParams({ range: "custom", from: "2026-11-01", to: "2026-11-30" }),
      new Date(),
      TZ,
    );
    if (!parsed.ok) throw new Error("range refused");
    range = parsed.range;
    data = await loadAnalytics(SHOP, range, TZ);
  });
  afterAll(async () => {
    setDb(undefined);
    await t?.close();
  });

  test("the range is November in Rome, compared with the 30 days before", () => {
    expect(range.start.toISOString()).toBe("2026-10-31T23:00:00.000Z");
    expect(range.end.toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect([range.previous.from, range.previous.to]).toEqual(["2026-10-02", "2026-10-31"]);
  });

  test("conversations per day and the heat map count in the shop's time zone", () => {
    const days = Object.fromEntries(data.volume.perDay.filter((d) => d.count).map((d) => [d.day, d.count]));
    expect(data.volume.perDay).toHaveLength(30);
    expect(days).toEqual({ "2026-11-10": 2, "2026-11-12": 2 });
    expect(data.volume.previousPerDay.find((d) => d.count)).toEqual({ day: "2026-10-15", count: 1 });
    const cells = data.volume.heatMap
      .flatMap((row, d) => row.map((n, h) => (n ? `${d}:${h}=${n}` : null)))
      .filter(Boolean);
    expect(cells).toEqual(["1:9=1", "1:10=1", "3:0=1", "3:11=1"]); // Tue 09, Tue 10, Thu 00, Thu 11
  });

  test("outcomes: AI-resolved share, escalation rate and CSAT, with the previous period", () => {
    expect(data.outcomes.conversations).toEqual({ value: 4, previous: 1, change: 3 });
    expect(data.outcomes.aiResolvedShare.value).toBe(0.25); // 1 of 4 closed; the abandoned one is not
    expect(data.outcomes.aiResolvedShare.previous).toBe(1);
    expect(data.outcomes.escalationRate.value).toBe(0.5);
    expect(data.outcomes.csat.value).toBe(4);
    expect(data.outcomes.ratings).toBe(2);
    expect(data.outcomes.csat.previous).toBeNull();
  });

  test("medians of the first human reply and of the resolution time", () => {
    expect(data.response.firstResponse.value).toBeCloseTo(210, 3); // 120 s and 300 s
    expect(data.response.resolution.value).toBeCloseTo(900, 3); // 300, 600, 1200, 1800 s
    expect(data.response.resolution.previous).toBeCloseTo(300, 3);
    expect(data.response.firstResponse.previous).toBeNull();
  });

  test("SLA compliance: deadlines in the range without a recorded breach", () => {
    expect(data.sla.current).toEqual({ firstResponse: { due: 2, breached: 1 }, resolution: { due: 1, breached: 0 } });
    expect(data.sla.compliance.value).toBeCloseTo(2 / 3, 6);
    expect(data.sla.previous).toEqual({ firstResponse: { due: 1, breached: 0 }, resolution: { due: 0, breached: 0 } });
    expect(data.sla.compliance.previous).toBe(1);
  });

  test("AI cost per day and in total", () => {
    expect(data.aiCost.perDay).toEqual([
      { day: "2026-11-10", costMicros: 1500 },
      { day: "2026-11-11", costMicros: 500 },
    ]);
    expect(data.aiCost.total).toEqual({ value: 2000, previous: 1000, change: 1 });
  });

  test("conversations by tag", () => {
    expect(data.tags).toEqual([
      { tag: "shipping", count: 2 },
      { tag: "returns", count: 1 },
    ]);
  });

  test("staff statistics per operator, and nobody of another shop", () => {
    const byName = Object.fromEntries(data.staff.map((s) => [s.name, s]));
    expect(Object.keys(byName)).toEqual(["Anna", "Luca"]);
    expect(byName.Anna).toMatchObject({
      chats: 1,
      csat: 3,
      ratings: 1,
      ticketsResolved: 1,
      onlineSeconds: 90,
    });
    expect(byName.Anna!.medianFirstResponseSeconds).toBeCloseTo(120, 3);
    expect(byName.Anna!.medianHandlingSeconds).toBeCloseTo(480, 3);
    expect(byName.Luca).toMatchObject({ chats: 1, csat: null, ticketsResolved: 0, onlineSeconds: 1800 });
    expect(byName.Luca!.medianFirstResponseSeconds).toBeCloseTo(300, 3);
    expect(byName.Luca!.medianHandlingSeconds).toBeCloseTo(1080, 3);
  });

  test("an empty shop answers zeros and dashes, not errors", async () => {
    const empty = await loadAnalytics(`empty-${kind}.myshopify.com`, range, TZ);
    expect(empty.outcomes.conversations.value).toBe(0);
    expect(empty.outcomes.aiResolvedShare.value).toBeNull();
    expect(empty.response.firstResponse.value).toBeNull();
    expect(empty.sla.compliance.value).toBeNull();
    expect(empty.aiCost.total.value).toBe(0);
    expect(empty.staff).toEqual([]);
    expect(empty.volume.heatMap.flat().every((n) => n === 0)).toBe(true);
  });
});
