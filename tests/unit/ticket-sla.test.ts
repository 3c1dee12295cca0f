/** The ticket SLA clock, priority ranks and the shop-time-zone day bounds used by the ticket list. */
import { describe, expect, test } from "vitest";
import { parseSchedule } from "~/domain/conversations/business-hours";
import { addBusinessMinutes } from "~/domain/sla/business-time";
import { formatCountdown, runningDeadline, slaColumns, slaState } from "~/domain/ticket-sla";
import { priorityRank } from "~/domain/ticket-status";
import { startOfDayInZone } from "~/lib/format";

const H = 3_600_000;
const created = new Date("2026-12-01T08:00:00Z");
const always = parseSchedule("UTC", "{}", "[]");
const facts = (over: Partial<Parameters<typeof slaColumns>[0]> = {}) => ({
  status: "open",
  createdAt: created,
  firstResponseDueAt: new Date(created.getTime() + 4 * H),
  resolutionDueAt: new Date(created.getTime() + 48 * H),
  firstRespondedAt: null,
  resolvedAt: null,
  ...over,
});

describe("the running deadline", () => {
  test("is the first response until it is given, then the resolution; 80% of its window warns", () => {
    expect(runningDeadline(facts())).toEqual({ kind: "first_response", dueAt: new Date(created.getTime() + 4 * H) });
    expect(slaColumns(facts(), always).slaWarnAt).toEqual(new Date(created.getTime() + 3.2 * H));
    const answered = facts({ firstRespondedAt: new Date(created.getTime() + H) });
    expect(runningDeadline(answered)?.kind).toBe("resolution");
    expect(slaColumns(answered, always).slaWarnAt).toEqual(new Date(created.getTime() + 38.4 * H));
  });

  test("the warning point is 80% of the business time to the deadline, as the SLA job counts it", () => {
    const rome = parseSchedule(
      "Europe/Rome",
      JSON.stringify(Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, ["09:00", "18:00"]]))),
      JSON.stringify(["2026-12-08"]),
    );
    const friday = new Date("2026-12-04T15:00:00Z"); // 16:00 in Rome
    // 700 business minutes: 120 on Friday, 540 on Monday, 40 on Wednesday (Tuesday is a holiday)
    const dueAt = addBusinessMinutes(rome, friday, 700)!;
    expect(dueAt.toISOString()).toBe("2026-12-09T08:40:00.000Z");
    const cols = slaColumns(facts({ createdAt: friday, firstResponseDueAt: dueAt, resolutionDueAt: null }), rome);
    // 560 business minutes: 120 on Friday and 440 on Monday → Monday 16:20 in Rome, not the
    // wall-clock 80% point (Monday 10:56 in Rome)
    expect(cols.slaWarnAt?.toISOString()).toBe("2026-12-07T15:20:00.000Z");
    // a due date set inside closed hours (Saturday 10:00 → 12:00): 80% of the wall-clock window
    const saturday = new Date("2026-12-05T09:00:00Z");
    const byHand = slaColumns(
      facts({ createdAt: saturday, firstResponseDueAt: new Date(saturday.getTime() + 2 * H), resolutionDueAt: null }),
      rome,
    );
    expect(byHand.slaWarnAt).toEqual(new Date(saturday.getTime() + 1.6 * H));
  });

  test("is the earlier of two pending deadlines, and none when resolved, closed or without targets", () => {
    expect(runningDeadline(facts({ firstResponseDueAt: new Date(created.getTime() + 60 * H) }))?.kind).toBe(
      "resolution",
    );
    expect(slaColumns(facts({ status: "resolved", resolvedAt: created }), always)).toEqual({
      slaDueAt: null,
      slaWarnAt: null,
    });
    expect(slaColumns(facts({ status: "closed" }), always)).toEqual({ slaDueAt: null, slaWarnAt: null });
    expect(slaColumns(facts({ firstResponseDueAt: null, resolutionDueAt: null }), always)).toEqual({
      slaDueAt: null,
      slaWarnAt: null,
    });
    expect(slaColumns(facts({ status: "pending" }), always).slaDueAt).not.toBeNull();
  });
});

describe("the SLA state", () => {
  const cols = slaColumns(facts(), always);
  const at = (hours: number) => created.getTime() + hours * H;
  test("on time, due soon from 80%, breached at the deadline or once a breach is recorded", () => {
    expect(slaState({ ...cols, slaBreachedAt: null }, at(3))).toBe("ok");
    expect(slaState({ ...cols, slaBreachedAt: null }, at(3.2))).toBe("due_soon");
    expect(slaState({ ...cols, slaBreachedAt: null }, at(4))).toBe("breached");
    expect(slaState({ ...cols, slaBreachedAt: new Date(at(1)) }, at(1))).toBe("breached");
    expect(slaState({ slaDueAt: null, slaWarnAt: null, slaBreachedAt: null }, at(1))).toBeNull();
  });

  test("the countdown reads in minutes, hours or days, ahead or past", () => {
    const due = new Date(at(4));
    expect(formatCountdown(due, at(4) - 30_000)).toBe("in less than a minute");
    expect(formatCountdown(due, at(3.5))).toBe("in 30 min");
    expect(formatCountdown(due, at(0.5))).toBe("in 3 h 30 min");
    expect(formatCountdown(due, at(-46))).toBe("in 2 d 2 h");
    expect(formatCountdown(due, at(5.25))).toBe("1 h 15 min ago");
  });
});

test("priority ranks sort urgent above high above normal above low; unknown counts as normal", () => {
  expect(["low", "normal", "high", "urgent", "whatever"].map(priorityRank)).toEqual([0, 1, 2, 3, 1]);
});

describe("calendar days in the shop's time zone", () => {
  test("a day begins at local midnight, across daylight saving changes", () => {
    expect(startOfDayInZone("2026-12-01", "America/New_York")?.toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(startOfDayInZone("2026-07-01", "America/New_York")?.toISOString()).toBe("2026-07-01T04:00:00.000Z");
    expect(startOfDayInZone("2026-12-01", "Asia/Tokyo")?.toISOString()).toBe("2026-11-30T15:00:00.000Z");
    expect(startOfDayInZone("2026-03-29", "Europe/Rome")?.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDayInZone("2026-03-30", "Europe/Rome")?.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfDayInZone("2026-12-01", "UTC")?.toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });

  test("what is not a date is null; an unknown zone counts as UTC", () => {
    expect(startOfDayInZone("2026-02-30", "UTC")).toBeNull();
    expect(startOfDayInZone("yesterday", "UTC")).toBeNull();
    expect(startOfDayInZone("2026-12-01", "Mars/Olympus")?.toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });
});
