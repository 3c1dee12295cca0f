import { describe, expect, test } from "vitest";
import { isWithinBusinessHours, parseSchedule } from "../../app/domain/conversations/business-hours";
import { chooseOperator } from "../../app/domain/conversations/routing.server";
import { etaFor } from "../../app/domain/conversations/availability.server";
import { cleanText } from "../../app/domain/conversations/input";

const hours = JSON.stringify({ mon: ["09:00", "18:00"], sat: ["10:00", "14:00"], sun: null });
const rome = parseSchedule("Europe/Rome", hours, JSON.stringify(["2026-12-25"]));

describe("business hours", () => {
  test("open on Monday 09:00–18:00 in the shop's time zone, not in UTC", () => {
    // Monday 2026-11-30: 08:30 UTC is 09:30 in Rome (UTC+1).
    expect(isWithinBusinessHours(rome, new Date("2026-11-30T08:30:00Z"))).toBe(true);
    expect(isWithinBusinessHours(rome, new Date("2026-11-30T07:30:00Z"))).toBe(false);
    expect(isWithinBusinessHours(rome, new Date("2026-11-30T17:00:00Z"))).toBe(false);
  });
  test("closed on a day without hours and on holidays", () => {
    expect(isWithinBusinessHours(rome, new Date("2026-11-29T10:00:00Z"))).toBe(false); // Sunday
    expect(isWithinBusinessHours(rome, new Date("2026-11-24T10:00:00Z"))).toBe(false); // Tuesday: not listed
    const friday = parseSchedule(
      "Europe/Rome",
      JSON.stringify({ fri: ["00:00", "24:00"] }),
      JSON.stringify(["2026-12-25"]),
    );
    expect(isWithinBusinessHours(friday, new Date("2026-12-25T10:00:00Z"))).toBe(false);
    expect(isWithinBusinessHours(friday, new Date("2026-12-18T10:00:00Z"))).toBe(true);
  });
  test("a holiday follows the local date (23:30 UTC on the 24th is the 25th in Rome)", () => {
    const always = parseSchedule("Europe/Rome", "{}", JSON.stringify(["2026-12-25"]));
    expect(isWithinBusinessHours(always, new Date("2026-12-24T23:30:00Z"))).toBe(false);
    expect(isWithinBusinessHours(always, new Date("2026-12-24T22:30:00Z"))).toBe(true);
  });
  test("empty hours mean always open; malformed settings fall back to always open", () => {
    expect(isWithinBusinessHours(parseSchedule("UTC", "{}", "[]"))).toBe(true);
    expect(isWithinBusinessHours(parseSchedule("Nowhere/Invalid", "not json", "{"))).toBe(true);
  });
});

describe("routing and estimates", () => {
  test("the operator with the fewest open chats under capacity is chosen", () => {
    expect(
      chooseOperator([
        { id: "a", name: "A", capacity: 5, open: 3 },
        { id: "b", name: "B", capacity: 2, open: 2 },
        { id: "c", name: "C", capacity: 5, open: 1 },
      ])?.id,
    ).toBe("c");
    expect(chooseOperator([{ id: "b", name: "B", capacity: 2, open: 2 }])).toBeNull();
  });
  test("the wait estimate is the median recent wait times the queue position", () => {
    expect(etaFor(1, 120)).toBe(120);
    expect(etaFor(3, 45)).toBe(140);
    expect(etaFor(1, null)).toBe(120);
  });
  test("text loses control characters and outer whitespace but keeps newlines", () => {
    expect(cleanText("  a\u0000b\r\nc\u202E  ")).toBe("ab\nc");
  });
});
