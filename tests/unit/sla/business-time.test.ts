import { describe, expect, test } from "vitest";
import { parseSchedule } from "../../../app/domain/conversations/business-hours";
import { addBusinessMinutes, businessMinutesBetween } from "../../../app/domain/sla/business-time";
import { DEFAULT_SLA_TARGETS, parseSlaTargets, ticketDueDates } from "../../../app/domain/sla/targets";
import { warningPoint } from "../../../app/domain/ticket-sla";

// Rome, Monday–Friday 09:00–18:00; 8 December 2026 (a Tuesday) is a holiday.
const weekdays = Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, ["09:00", "18:00"]]));
const rome = parseSchedule("Europe/Rome", JSON.stringify(weekdays), JSON.stringify(["2026-12-08"]));

describe("business time", () => {
  test("four business hours from Friday 16:00 end on Monday 11:00, across the weekend", () => {
    const friday = new Date("2026-12-04T15:00:00Z"); // 16:00 in Rome
    expect(addBusinessMinutes(rome, friday, 240)?.toISOString()).toBe("2026-12-07T10:00:00.000Z");
  });
  test("a holiday is skipped: Monday 17:00 + 2 h ends on Wednesday 10:00", () => {
    const monday = new Date("2026-12-07T16:00:00Z");
    expect(addBusinessMinutes(rome, monday, 120)?.toISOString()).toBe("2026-12-09T09:00:00.000Z");
  });
  test("a start outside hours counts from the next opening", () => {
    const saturday = new Date("2026-12-05T12:00:00Z");
    expect(addBusinessMinutes(rome, saturday, 30)?.toISOString()).toBe("2026-12-07T08:30:00.000Z");
  });
  test("minutes between two instants count only open time", () => {
    expect(businessMinutesBetween(rome, new Date("2026-12-04T15:00:00Z"), new Date("2026-12-09T09:00:00Z"))).toBe(
      120 + 540 + 60,
    );
    expect(businessMinutesBetween(rome, new Date("2026-12-09T09:00:00Z"), new Date("2026-12-04T15:00:00Z"))).toBe(0);
  });
  test("daylight saving: 1 h before and after the March change is 2 business hours of an always-open shop", () => {
    const always = parseSchedule("Europe/Rome", "{}", "[]");
    const start = new Date("2027-03-28T00:30:00Z");
    expect(addBusinessMinutes(always, start, 120)?.toISOString()).toBe("2027-03-28T02:30:00.000Z");
  });
  test("a schedule that never opens has no due date", () => {
    const closed = parseSchedule("UTC", JSON.stringify({ mon: null }), "[]");
    expect(addBusinessMinutes(closed, new Date("2026-12-04T15:00:00Z"), 10)).toBeNull();
  });
  test("the warning comes at 80% of the business time, not of the wall-clock time", () => {
    const friday = new Date("2026-12-04T15:00:00Z");
    // 240 min × 0.8 = 192 min: 120 on Friday, 72 on Monday → Monday 10:12 in Rome
    const due = addBusinessMinutes(rome, friday, 240)!;
    expect(warningPoint(rome, friday, due)?.toISOString()).toBe("2026-12-07T09:12:00.000Z");
  });
  test("targets: missing or malformed parts fall back to the defaults; due dates follow the priority", () => {
    const targets = parseSlaTargets(
      JSON.stringify({ urgent: { firstResponseMinutes: 60, resolutionMinutes: 0 }, low: "x" }),
    );
    expect(targets.urgent).toEqual({ firstResponseMinutes: 60, resolutionMinutes: 0 });
    expect(targets.low).toEqual(DEFAULT_SLA_TARGETS.low);
    const due = ticketDueDates(targets, rome, "urgent", new Date("2026-12-04T16:30:00Z"));
    expect(due.firstResponseDueAt?.toISOString()).toBe("2026-12-07T08:30:00.000Z");
    expect(due.resolutionDueAt).toBeNull();
  });
});
