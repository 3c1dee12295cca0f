/**
 * Time counted in business hours (the shop's schedule: weekly hours in its time zone, holidays).
 * Pure. The one place that adds business minutes to an instant or measures them between two
 * instants; SLA due dates, warnings and the countdowns all come from here.
 *
 * The walk goes from open range to open range, re-reading the local time at every step, so
 * daylight-saving changes and holidays (local dates) are taken as the shop's clock shows them.
 */
import { localTime, openRanges, type Schedule } from "../conversations/business-hours";

const MINUTE = 60_000;
/** A schedule with no open minute in this many days has no business time at all. */
const HORIZON_DAYS = 400;

interface Step {
  /** Open now: business minutes left in the current range. Closed: wall minutes until the next range opens (or the day ends). */
  open: boolean;
  minutes: number;
}

function step(schedule: Schedule, at: Date): Step {
  const local = localTime(at, schedule.timezone);
  const ranges = openRanges(schedule, local);
  const current = ranges.find(([from, to]) => local.minute >= from && local.minute < to);
  if (current) return { open: true, minutes: current[1] - local.minute };
  const next = ranges.find(([from]) => from > local.minute);
  return { open: false, minutes: (next ? next[0] : 1440) - local.minute };
}

/** Drops seconds: schedules are in whole minutes. */
function floorMinute(at: Date): number {
  return Math.floor(at.getTime() / MINUTE) * MINUTE;
}

/**
 * The instant `minutes` business minutes after `start`. A start outside hours begins counting at
 * the next opening. Null when the schedule never opens (e.g. every day a holiday).
 */
export function addBusinessMinutes(schedule: Schedule, start: Date, minutes: number): Date | null {
  let remaining = Math.max(0, Math.round(minutes));
  let t = floorMinute(start);
  const limit = t + HORIZON_DAYS * 1440 * MINUTE;
  while (t < limit) {
    const s = step(schedule, new Date(t));
    if (s.open) {
      if (remaining <= s.minutes) return new Date(t + remaining * MINUTE);
      remaining -= s.minutes;
    }
    t += Math.max(1, s.minutes) * MINUTE;
  }
  return null;
}

/** Business minutes between `from` and `to` (0 when `to` is not later). */
export function businessMinutesBetween(schedule: Schedule, from: Date, to: Date): number {
  let t = floorMinute(from);
  const end = floorMinute(to);
  let total = 0;
  while (t < end) {
    const s = step(schedule, new Date(t));
    const span = Math.min(Math.max(1, s.minutes), (end - t) / MINUTE);
    if (s.open) total += span;
    t += span * MINUTE;
  }
  return total;
}
