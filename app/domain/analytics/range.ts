/**
 * The period an analytics page or an export covers: whole calendar days in the shop's time zone,
 * `from` to `to` inclusive, and the period of the same length just before it (the comparison).
 * Pure; the bounds become instants with startOfDayInZone (app/lib/format.ts).
 */
import { z } from "zod";
import { shopDay, startOfDayInZone } from "../../lib/format";

export const PRESETS = ["7", "30", "90", "365"] as const;
export type Preset = (typeof PRESETS)[number];
export const MAX_RANGE_DAYS = 731;

export interface DayRange {
  /** First day, "YYYY-MM-DD" in the shop's time zone. */
  from: string;
  /** Last day, inclusive. */
  to: string;
  days: number;
  start: Date;
  /** Exclusive: the start of the day after `to`. */
  end: Date;
}

export interface RangeWithComparison extends DayRange {
  preset: Preset | "custom";
  previous: DayRange;
}

export type RangeResult = { ok: true; range: RangeWithComparison } | { ok: false; fields: Record<string, string> };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-12-01" plus `n` days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return new Date(t + n * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function dayRange(from: string, to: string, timeZone: string): DayRange | null {
  const start = startOfDayInZone(from, timeZone);
  const end = startOfDayInZone(addDays(to, 1), timeZone);
  if (!start || !end) return null;
  return { from, to, days: daysBetween(from, to), start, end };
}

const paramsSchema = z.object({
  range: z.enum([...PRESETS, "custom"]).catch("30"),
  from: z.string().optional(),
  to: z.string().optional(),
});

/**
 * Reads `?range=7|30|90|365` (ending today in the shop's time zone) or `?range=custom&from=…&to=…`.
 * A custom range that is not two valid days in order, at most MAX_RANGE_DAYS long, is refused with
 * a message per field.
 */
export function parseRange(params: URLSearchParams, now: Date, timeZone: string): RangeResult {
  const raw = paramsSchema.parse(Object.fromEntries(params));
  const today = shopDay(now, timeZone);
  let from: string;
  let to: string;
  const custom = raw.range === "custom" || Boolean(!params.has("range") && raw.from && raw.to);
  if (custom) {
    const fields: Record<string, string> = {};
    if (!raw.from || !DAY.test(raw.from) || !startOfDayInZone(raw.from, timeZone)) fields.from = "Enter a date.";
    if (!raw.to || !DAY.test(raw.to) || !startOfDayInZone(raw.to, timeZone)) fields.to = "Enter a date.";
    if (Object.keys(fields).length) return { ok: false, fields };
    from = raw.from!;
    to = raw.to!;
    if (from > to) return { ok: false, fields: { to: "The end date is before the start date." } };
    if (daysBetween(from, to) > MAX_RANGE_DAYS)
      return { ok: false, fields: { to: `Choose at most ${MAX_RANGE_DAYS} days.` } };
  } else {
    const days = Number(raw.range);
    to = today;
    from = addDays(today, 1 - days);
  }
  const current = dayRange(from, to, timeZone)!;
  const previous = dayRange(addDays(from, -current.days), addDays(from, -1), timeZone)!;
  return { ok: true, range: { ...current, preset: custom ? "custom" : (raw.range as Preset), previous } };
}

/** The default range (the last 30 days) when the one asked for is refused. */
export function defaultRange(now: Date, timeZone: string): RangeWithComparison {
  return (parseRange(new URLSearchParams({ range: "30" }), now, timeZone) as { ok: true; range: RangeWithComparison })
    .range;
}
