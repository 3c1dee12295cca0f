import { describe, expect, test } from "vitest";
import { parseRange } from "~/domain/analytics/range";
import { bucketSeconds, compare, formatChange, heatMap, perDay } from "~/domain/analytics/series";

const now = new Date("2026-12-01T12:00:00Z");
const params = (p: Record<string, string>) => new URLSearchParams(p);

describe("analytics ranges", () => {
  test("a preset ends today in the shop's time zone and is compared with the days just before", () => {
    // 23:30 UTC on 30 Nov is already 1 Dec in Tokyo
    const r = parseRange(params({ range: "7" }), new Date("2026-11-30T23:30:00Z"), "Asia/Tokyo");
    expect(r.ok && [r.range.from, r.range.to, r.range.previous.from, r.range.previous.to]).toEqual([
      "2026-11-25",
      "2026-12-01",
      "2026-11-18",
      "2026-11-24",
    ]);
    expect(r.ok && r.range.start.toISOString()).toBe("2026-11-24T15:00:00.000Z");
  });

  test("a custom range is refused with a message per field when it is not two days in order", () => {
    expect(parseRange(params({ range: "custom", from: "2026-13-01", to: "" }), now, "UTC")).toEqual({
      ok: false,
      fields: { from: "Enter a date.", to: "Enter a date." },
    });
    expect(parseRange(params({ range: "custom", from: "2026-11-05", to: "2026-11-01" }), now, "UTC")).toEqual({
      ok: false,
      fields: { to: "The end date is before the start date." },
    });
    expect(parseRange(params({ range: "custom", from: "2020-01-01", to: "2026-11-01" }), now, "UTC").ok).toBe(false);
    expect(parseRange(params({ range: "bogus" }), now, "UTC")).toMatchObject({ ok: true, range: { days: 30 } });
  });

  test("a day across a daylight-saving change is 23 hours long and still one day", () => {
    const r = parseRange(params({ range: "custom", from: "2026-03-29", to: "2026-03-29" }), now, "Europe/Rome");
    expect(r.ok && (r.range.end.getTime() - r.range.start.getTime()) / 3_600_000).toBe(23);
  });
});

describe("analytics series", () => {
  test("buckets are hours unless the zone's offset has half hours", () => {
    const r = { start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") };
    expect(bucketSeconds(r, "Europe/Rome")).toBe(3600);
    expect(bucketSeconds(r, "Asia/Kolkata")).toBe(900);
  });

  test("UTC buckets become local days and weekday × hour cells", () => {
    const at = (iso: string) => Date.parse(iso) / 1000;
    const buckets = [
      { at: at("2026-11-30T18:30:00Z"), count: 2 }, // Tue 1 Dec 00:00 in Kolkata
      { at: at("2026-11-30T18:15:00Z"), count: 1 }, // Mon 30 Nov 23:45
    ];
    expect(perDay(buckets, { from: "2026-11-30", days: 2 }, "Asia/Kolkata")).toEqual([
      { day: "2026-11-30", count: 1 },
      { day: "2026-12-01", count: 2 },
    ]);
    const grid = heatMap(buckets, "Asia/Kolkata");
    expect([grid[1]![0], grid[0]![23]]).toEqual([2, 1]);
  });

  test("a comparison with nothing before it says so", () => {
    expect(formatChange(compare(5, 0).change)).toBe("no comparison");
    expect(formatChange(compare(6, 4).change)).toBe("+50% vs previous period");
    expect(formatChange(compare(3, 4).change)).toBe("−25% vs previous period");
  });
});
