/**
 * SLA targets (PRODUCT.md F2): per ticket priority a first response and a resolution target, and a
 * first-response target for queued chats, all in business minutes. Stored as Shop.slaTargets JSON;
 * what is missing or malformed falls back to the defaults below. Pure.
 */
import { z } from "zod";
import { addBusinessMinutes } from "./business-time";
import type { Schedule } from "../conversations/business-hours";
import { TICKET_PRIORITIES, type TicketPriority } from "../ticket-status";

export type SlaTarget = "first_response" | "resolution";

/** Minutes, at most 90 business days (0 = no target). */
const minutes = z.coerce
  .number()
  .int()
  .min(0)
  .max(90 * 1440);
const prioritySchema = z.object({ firstResponseMinutes: minutes, resolutionMinutes: minutes });
export const slaTargetsSchema = z.object({
  low: prioritySchema,
  normal: prioritySchema,
  high: prioritySchema,
  urgent: prioritySchema,
  chat: z.object({ firstResponseMinutes: minutes }),
});
export type SlaTargets = z.infer<typeof slaTargetsSchema>;

export const DEFAULT_SLA_TARGETS: SlaTargets = {
  low: { firstResponseMinutes: 1440, resolutionMinutes: 4800 },
  normal: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
  high: { firstResponseMinutes: 120, resolutionMinutes: 960 },
  urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  chat: { firstResponseMinutes: 5 },
};

export function parseSlaTargets(json: string | null | undefined): SlaTargets {
  let raw: unknown = {};
  try {
    raw = JSON.parse(json || "{}");
  } catch {
    raw = {};
  }
  const obj = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const out = { ...DEFAULT_SLA_TARGETS } as Record<string, unknown>;
  for (const key of [...TICKET_PRIORITIES, "chat"] as const) {
    const part = slaTargetsSchema.shape[key].safeParse(obj[key]);
    if (part.success) out[key] = part.data;
  }
  return out as SlaTargets;
}

export interface DueDates {
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

/** A ticket's deadlines from its creation instant and priority. */
export function ticketDueDates(targets: SlaTargets, schedule: Schedule, priority: string, createdAt: Date): DueDates {
  const t =
    targets[(TICKET_PRIORITIES as readonly string[]).includes(priority) ? (priority as TicketPriority) : "normal"];
  const due = (m: number) => (m > 0 ? addBusinessMinutes(schedule, createdAt, m) : null);
  return { firstResponseDueAt: due(t.firstResponseMinutes), resolutionDueAt: due(t.resolutionMinutes) };
}
