/**
 * Dates and times a person reads in the admin, formatted in the shop's IANA time zone. The server
 * renders a page and the browser hydrates it: both must produce the same text, whatever the time
 * zone of the server (UTC) or of the staff member's browser. So every format here names its time
 * zone, its locale and a 24-hour clock explicitly, and relative times are computed against a `now`
 * that the loader sends with the data.
 */
import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, INTL_LOCALE, type Locale } from "./i18n/core";
import { translator } from "./i18n/catalog";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  timeZone: string,
  kind: "dateTime" | "date" | "time" | "dayMonth",
  locale: Locale = DEFAULT_LOCALE,
): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}|${locale}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === "dateTime"
        ? { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
        : kind === "date"
          ? { day: "numeric", month: "short", year: "numeric" }
          : kind === "dayMonth"
            ? { day: "numeric", month: "short" }
            : { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    try {
      f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone });
    } catch {
      f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone: "UTC" });
    }
    formatters.set(key, f);
  }
  return f;
}

function toDate(value: string | Date | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/** "1 Dec 2026, 14:05" in the shop's time zone ("1 dic 2026, 14:05" in Italian). */
export function formatDateTime(value: string | Date | number, timeZone: string, locale?: Locale): string {
  return formatter(timeZone, "dateTime", locale).format(toDate(value));
}

/** "1 Dec 2026". */
export function formatDate(value: string | Date | number, timeZone: string, locale?: Locale): string {
  return formatter(timeZone, "date", locale).format(toDate(value));
}

/** "14:05". */
export function formatTime(value: string | Date | number, timeZone: string, locale?: Locale): string {
  return formatter(timeZone, "time", locale).format(toDate(value));
}

/** "just now", "5 min ago", "3 h ago", then the day ("28 Nov"), against the loader's `now`. */
export function timeAgo(value: string | Date | number, now: number, timeZone: string, locale?: Locale): string {
  const t = translator(locale ?? DEFAULT_LOCALE);
  const s = Math.max(0, Math.round((now - toDate(value).getTime()) / 1000));
  if (s < 60) return t("common.time.justNow");
  if (s < 3600) return t("common.time.minutesAgo", { count: Math.floor(s / 60) });
  if (s < 86_400) return t("common.time.hoursAgo", { count: Math.floor(s / 3600) });
  return formatter(timeZone, "dayMonth", locale).format(toDate(value));
}

/** The calendar day ("2026-12-01") of an instant in the shop's time zone. */
export function shopDay(value: string | Date | number, timeZone: string): string {
  const d = toDate(value);
  return new Date(d.getTime() + zoneOffsetMs(d, timeZone)).toISOString().slice(0, 10);
}

/** The shop's time zone, from the /app layout's loader (UTC until the shop has one). */
export function useShopTimeZone(): string {
  const data = useRouteLoaderData("routes/app") as { timeZone?: string } | undefined;
  return data?.timeZone ?? "UTC";
}

/** The offset of `timeZone` from UTC at `at`, in milliseconds (positive east of Greenwich). */
// Building an Intl.DateTimeFormat costs far more than using one (about 100 times more), and a page
// may ask for thousands of offsets (the analytics heat map): one formatter per time zone, kept.
const offsetFormats = new Map<string, Intl.DateTimeFormat | null>();

function offsetFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      format = null; // not a time zone this runtime knows
    }
    if (offsetFormats.size > 500) offsetFormats.clear();
    offsetFormats.set(timeZone, format);
  }
  return format;
}

export function zoneOffsetMs(at: Date, timeZone: string): number {
  const format = offsetFormat(timeZone);
  if (!format) return 0;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = format.formatToParts(at);
  } catch {
    return 0; // an invalid date
  }
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a calendar day ("2026-12-01") begins in the shop's time zone: the bound of a date
 * range a person picked. Null for something that is not a date.
 */
export function startOfDayInZone(day: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const check = new Date(utcMidnight);
  if (check.getUTCMonth() !== Number(m[2]) - 1 || check.getUTCDate() !== Number(m[3])) return null;
  // the offset at the guess, then again at the result (a DST change between the two)
  let at = utcMidnight - zoneOffsetMs(new Date(utcMidnight), timeZone);
  at = utcMidnight - zoneOffsetMs(new Date(at), timeZone);
  return new Date(at);
}

/** A price for a card ("€449.00"), or the amount and currency code when Intl does not know it. */
export function formatMoney(amount: string, currency: string, locale?: Locale): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return amount;
  try {
    return new Intl.NumberFormat(locale ? INTL_LOCALE[locale] : "en", { style: "currency", currency }).format(n);
  } catch {
    return `${amount} ${currency}`;
  }
}
