/**
 * A queued chat's first-response SLA clock (PRODUCT.md F2): due `targets.chat.firstResponseMinutes`
 * business minutes after the chat was queued, "due soon" from the same 80% point as tickets, and
 * breached when the due date has passed or a breach was recorded by the SLA sweep
 * (app/domain/sla/jobs.server.ts). Pure: the inbox and the sweep compute the same dates.
 */
import type { Schedule } from "../conversations/business-hours";
import { warningPoint } from "../ticket-sla";
import { addBusinessMinutes } from "./business-time";
import type { SlaTargets } from "./targets";

export type ChatSlaStatus = "ok" | "warning" | "breached";

export interface ChatSla {
  status: ChatSlaStatus;
  /** The first-response due date (ISO), or null when only a recorded breach is known. */
  dueAt: string | null;
  /** The SLA sweep recorded the breach (an SlaAlert row). */
  breachRecorded: boolean;
}

/** A waiting chat's first-response due date, from when it was queued (null: no target). */
export function chatDueAt(schedule: Schedule, targets: SlaTargets, queuedAt: Date): Date | null {
  const m = targets.chat.firstResponseMinutes;
  return m > 0 ? addBusinessMinutes(schedule, queuedAt, m) : null;
}

/**
 * The clock of one inbox row. `queuedAt` is set while the chat waits for its first human reply
 * (null otherwise); `recordedBreachDueAt` is the due date of a recorded breach, if any. Null when
 * neither applies.
 */
export function chatSla(
  schedule: Schedule,
  targets: SlaTargets,
  queuedAt: Date | null,
  recordedBreachDueAt: Date | null,
  now: Date,
): ChatSla | null {
  const dueAt = queuedAt ? chatDueAt(schedule, targets, queuedAt) : null;
  if (recordedBreachDueAt)
    return { status: "breached", dueAt: (dueAt ?? recordedBreachDueAt).toISOString(), breachRecorded: true };
  if (!queuedAt || !dueAt) return null;
  const warnAt = warningPoint(schedule, queuedAt, dueAt);
  const status: ChatSlaStatus =
    dueAt.getTime() <= now.getTime() ? "breached" : warnAt && warnAt.getTime() <= now.getTime() ? "warning" : "ok";
  return { status, dueAt: dueAt.toISOString(), breachRecorded: false };
}
