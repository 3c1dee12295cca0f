/**
 * A ticket's SLA clock, from its due dates (Ticket.firstResponseDueAt / resolutionDueAt, set by the
 * SLA rules) and what happened (firstRespondedAt, resolvedAt, slaBreachedAt). Pure: the repository
 * stores `slaColumns` with every change (the list filters and sorts on them) and the pages show
 * `slaState` and `slaClock` against the loader's `now`, so server and browser render the same text.
 */
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
  warnAt: Date;
}

/** The earliest deadline still running, or null (resolved, closed, or no SLA). */
export function runningDeadline(t: SlaFacts): Deadline | null {
  if (!isActiveStatus(t.status)) return null;
  const candidates: { kind: Deadline["kind"]; dueAt: Date }[] = [];
  if (!t.firstRespondedAt && t.firstResponseDueAt)
    candidates.push({ kind: "first_response", dueAt: t.firstResponseDueAt });
  if (!t.resolvedAt && t.resolutionDueAt) candidates.push({ kind: "resolution", dueAt: t.resolutionDueAt });
  if (candidates.length === 0) return null;
  const next = candidates.reduce((a, b) => (b.dueAt.getTime() < a.dueAt.getTime() ? b : a));
  const start = t.createdAt.getTime();
  const warnAt = new Date(start + Math.round(SLA_WARNING_SHARE * (next.dueAt.getTime() - start)));
  return { ...next, warnAt };
}

/** The derived columns Ticket.slaDueAt / slaWarnAt (written with every change of the facts). */
export function slaColumns(t: SlaFacts): { slaDueAt: Date | null; slaWarnAt: Date | null } {
  const d = runningDeadline(t);
  return { slaDueAt: d?.dueAt ?? null, slaWarnAt: d?.warnAt ?? null };
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
