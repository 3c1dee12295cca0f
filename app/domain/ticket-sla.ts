/**
 * A ticket's SLA clock, from its due dates (Ticket.firstResponseDueAt / resolutionDueAt, set by the
 * SLA rules) and what happened (firstRespondedAt, resolvedAt, slaBreachedAt). Pure: the repository
 * stores `slaColumns` with every change (the list filters and sorts on them) and the pages show
 * `slaState` and `formatCountdown` against the loader's `now`, so server and browser render the same
 * text. The warning point is counted in business time (the shop's hours, time zone and holidays),
 * as the scheduled SLA job counts it, so "due soon" in the list is when the warning is recorded.
 */
import type { Schedule } from "./conversations/business-hours";
import { addBusinessMinutes, businessMinutesBetween } from "./sla/business-time";
import { isActiveStatus } from "./ticket-status";
import { DEFAULT_LOCALE, type Locale } from "../lib/i18n/core";
import { translator } from "../lib/i18n/catalog";

export const TICKET_SLA_STATES = ["ok", "due_soon", "breached"] as const;
export type TicketSlaState = (typeof TICKET_SLA_STATES)[number];
export const TICKET_SLA_LABEL: Record<TicketSlaState, string> = {
  ok: "On time",
  due_soon: "Due soon",
  breached: "Breached",
};

/** The share of the time to a deadline after which it is "due soon" (PRODUCT.md F2: warnings at 80%). */
export const SLA_WARNING_SHARE = 0.8;

export interface SlaFacts {
  status: string;
  createdAt: Date;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
}

export interface Deadline {
  kind: "first_response" | "resolution";
  dueAt: Date;
}

/**
 * The instant at which SLA_WARNING_SHARE of the business time from `start` to `dueAt` has passed
 * (the warning of every SLA clock: tickets and queued chats), never after `dueAt`. A window with no
 * business time in it (a due date set by hand inside closed hours) warns at the same share of its
 * wall-clock time.
 */
export function warningPoint(schedule: Schedule, start: Date, dueAt: Date): Date {
  const total = businessMinutesBetween(schedule, start, dueAt);
  const point =
    total > 0
      ? addBusinessMinutes(schedule, start, Math.ceil(total * SLA_WARNING_SHARE))
      : new Date(start.getTime() + Math.round(SLA_WARNING_SHARE * (dueAt.getTime() - start.getTime())));
  return point && point.getTime() < dueAt.getTime() ? point : dueAt;
}

/** The earliest deadline still running, or null (resolved, closed, or no SLA). */
export function runningDeadline(t: SlaFacts): Deadline | null {
  if (!isActiveStatus(t.status)) return null;
  const candidates: { kind: Deadline["kind"]; dueAt: Date }[] = [];
  if (!t.firstRespondedAt && t.firstResponseDueAt)
    candidates.push({ kind: "first_response", dueAt: t.firstResponseDueAt });
  if (!t.resolvedAt && t.resolutionDueAt) candidates.push({ kind: "resolution", dueAt: t.resolutionDueAt });
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => (b.dueAt.getTime() < a.dueAt.getTime() ? b : a));
}

/**
 * The derived columns Ticket.slaDueAt / slaWarnAt (written with every change of the facts), the
 * warning point in the shop's business time.
 */
export function slaColumns(t: SlaFacts, schedule: Schedule): { slaDueAt: Date | null; slaWarnAt: Date | null } {
  const d = runningDeadline(t);
  if (!d) return { slaDueAt: null, slaWarnAt: null };
  return { slaDueAt: d.dueAt, slaWarnAt: warningPoint(schedule, t.createdAt, d.dueAt) };
}

/** The list's SLA state: a recorded breach or a passed deadline is breached; null when no clock runs. */
export function slaState(
  t: { slaDueAt: Date | string | null; slaWarnAt: Date | string | null; slaBreachedAt: Date | string | null },
  now: number,
): TicketSlaState | null {
  if (t.slaBreachedAt) return "breached";
  if (!t.slaDueAt) return null;
  if (new Date(t.slaDueAt).getTime() <= now) return "breached";
  if (t.slaWarnAt && new Date(t.slaWarnAt).getTime() <= now) return "due_soon";
  return "ok";
}

/** "in 3 h 20 min", "12 min ago", "in 2 d 4 h": a countdown to (or time past) a deadline. */
export function formatCountdown(dueAt: Date | string, now: number, locale: Locale = DEFAULT_LOCALE): string {
  const t = translator(locale);
  const past = new Date(dueAt).getTime() - now < 0;
  const text = formatDuration(dueAt, now, locale);
  return past ? t("tickets.countdown.ago", { time: text }) : t("tickets.countdown.in", { time: text });
}

/** The length of time to (or past) a deadline, without "in"/"ago": "1 h 15 min". */
export function formatDuration(dueAt: Date | string, now: number, locale: Locale = DEFAULT_LOCALE): string {
  const t = translator(locale);
  const minutes = Math.floor(Math.abs(new Date(dueAt).getTime() - now) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return d > 0
    ? t("tickets.countdown.days", { d, h })
    : h > 0
      ? t("tickets.countdown.hours", { h, m })
      : minutes > 0
        ? t("tickets.countdown.minutes", { m })
        : t("tickets.countdown.lessThanMinute");
}

/** "Due in 3 h 20 min" / "Overdue by 12 min": a deadline as the ticket page and the inbox show it. */
export function formatDeadline(dueAt: Date | string, now: number, locale: Locale = DEFAULT_LOCALE): string {
  const t = translator(locale);
  return new Date(dueAt).getTime() <= now
    ? t("tickets.page.overdueBy", { time: formatDuration(dueAt, now, locale) })
    : t("tickets.page.dueIn", { time: formatCountdown(dueAt, now, locale) });
}
