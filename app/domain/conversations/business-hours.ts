/**
 * Business hours per weekday in the shop's time zone, with holidays. Pure.
 * Format (Shop.businessHours JSON): `{mon: ["09:00","18:00"] | null, ...}`; a day may also hold
 * several ranges `[["09:00","12:00"],["14:00","18:00"]]`. An empty object means always open.
 * Holidays (Shop.holidays JSON): `["2026-12-25", ...]` as local dates in the shop's time zone.
 */
import { z } from "zod";

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
type Day = (typeof DAYS)[number];

const time = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/);
const range = z.tuple([time, time]);
const daySchema = z.union([z.null(), range, z.array(range)]);
export const businessHoursSchema = z.record(z.enum(DAYS), daySchema);
export const holidaysSchema = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/));

export type BusinessHours = z.infer<typeof businessHoursSchema>;

export interface Schedule {
  timezone: string;
  hours: BusinessHours;
  holidays: string[];
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** The local date, weekday and minute of day of `now` in `timezone`. */
export function localTime(now: Date, timezone: string): { date: string; day: Day; minute: number } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatter(timezone).formatToParts(now);
  } catch {
    parts = formatter("UTC").formatToParts(now);
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = get("weekday").slice(0, 3).toLowerCase() as Day;
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    day,
    minute: Number(get("hour")) * 60 + Number(get("minute")),
  };
}

/** Parses the shop's stored JSON; malformed settings fall back to "always open". */
export function parseSchedule(timezone: string, hoursJson: string, holidaysJson: string): Schedule {
  const safe = <T>(json: string, schema: z.ZodType<T>, fallback: T): T => {
    try {
      const parsed = schema.safeParse(JSON.parse(json));
      return parsed.success ? parsed.data : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    timezone: timezone || "UTC",
    hours: safe(hoursJson, businessHoursSchema, {}),
    holidays: safe(holidaysJson, holidaysSchema, []),
  };
}

/** The open ranges of a local day as minutes of the day [from, to), in order; none on a holiday. */
export function openRanges(schedule: Schedule, local: { date: string; day: Day }): [number, number][] {
  if (schedule.holidays.includes(local.date)) return [];
  if (Object.keys(schedule.hours).length === 0) return [[0, 1440]];
  const day = schedule.hours[local.day];
  if (!day) return [];
  const ranges = (Array.isArray(day[0]) ? day : [day]) as [string, string][];
  return ranges.map(([from, to]) => [minutes(from), minutes(to)] as [number, number]).sort((a, b) => a[0] - b[0]);
}

export function isWithinBusinessHours(schedule: Schedule, now: Date = new Date()): boolean {
  const local = localTime(now, schedule.timezone);
  return openRanges(schedule, local).some(([from, to]) => local.minute >= from && local.minute < to);
}
