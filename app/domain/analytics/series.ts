/**
 * Pure shaping of the aggregates the analytics queries return: counts per UTC bucket become counts
 * per day and a weekday × hour heat map in the shop's time zone; ratios and medians become the
 * figures a page shows, with "no data" kept apart from zero. Shared by the server and the browser.
 */
import { zoneOffsetMs } from "../../lib/format";
import { addDays, type DayRange } from "./range";

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/**
 * The width of the UTC buckets the database counts in: an hour, unless the shop's offset from UTC
 * is not a whole number of hours somewhere in the range (India, Nepal, parts of Australia), where
 * 15 minutes keep every bucket inside one local hour.
 */
export function bucketSeconds(range: Pick<DayRange, "start" | "end">, timeZone: string): number {
  const probes = [
    range.start,
    new Date(range.end.getTime() - 1),
    new Date((range.start.getTime() + range.end.getTime()) / 2),
  ];
  return probes.every((at) => zoneOffsetMs(at, timeZone) % 3_600_000 === 0) ? 3600 : 900;
}

export interface Bucket {
  /** The bucket's first second since the epoch. */
  at: number;
  count: number;
}

export interface DayCount {
  day: string;
  count: number;
}

/** Local day, weekday (0 = Monday) and hour of an instant. */
function localParts(epochSeconds: number, timeZone: string): { day: string; weekday: number; hour: number } {
  const at = new Date(epochSeconds * 1000);
  const local = new Date(at.getTime() + zoneOffsetMs(at, timeZone));
  return { day: local.toISOString().slice(0, 10), weekday: (local.getUTCDay() + 6) % 7, hour: local.getUTCHours() };
}

/** Counts per day of the range (every day present, zero when nothing happened). */
export function perDay(buckets: Bucket[], range: Pick<DayRange, "from" | "days">, timeZone: string): DayCount[] {
  const days = new Map<string, number>();
  for (let i = 0; i < range.days; i++) days.set(addDays(range.from, i), 0);
  for (const b of buckets) {
    const { day } = localParts(b.at, timeZone);
    if (days.has(day)) days.set(day, days.get(day)! + b.count);
  }
  return [...days].map(([day, count]) => ({ day, count }));
}

/** 7 rows (Monday first) of 24 hourly counts in the shop's time zone. */
export function heatMap(buckets: Bucket[], timeZone: string): number[][] {
  const grid = WEEKDAYS.map(() => new Array<number>(24).fill(0));
  for (const b of buckets) {
    const { weekday, hour } = localParts(b.at, timeZone);
    grid[weekday]![hour]! += b.count;
  }
  return grid;
}

export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** A figure and the same figure for the previous period; `change` is relative (0.1 = 10% more). */
export interface Compared {
  value: number | null;
  previous: number | null;
  change: number | null;
}

export function compare(value: number | null, previous: number | null): Compared {
  const change = value === null || previous === null || previous === 0 ? null : (value - previous) / previous;
  return { value, previous, change };
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function formatPercent(value: number | null): string {
  return value === null ? "—" : `${Math.round(value * 100)}%`;
}

export function formatCost(micros: number | null): string {
  return micros === null ? "—" : `$${(micros / 1_000_000).toFixed(2)}`;
}

export function formatChange(change: number | null): string {
  if (change === null) return "no comparison";
  const pct = Math.round(change * 100);
  return pct === 0 ? "no change" : `${pct > 0 ? "+" : "−"}${Math.abs(pct)}% vs previous period`;
}
