import { Badge, type BadgeProps } from "@shopify/polaris";
import type { TicketSlaState } from "../../../domain/ticket-sla";
import type { TicketPriority, TicketStatus } from "../../../domain/ticket-status";
import { useT } from "../../../lib/i18n/react";

const STATUS_TONE: Record<TicketStatus, BadgeProps["tone"]> = {
  open: "attention",
  pending: "info",
  resolved: "success",
  closed: undefined,
};
const PRIORITY_TONE: Record<TicketPriority, BadgeProps["tone"]> = {
  urgent: "critical",
  high: "warning",
  normal: undefined,
  low: undefined,
};
const SLA_TONE: Record<TicketSlaState, BadgeProps["tone"]> = {
  ok: "success",
  due_soon: "warning",
  breached: "critical",
};

export function StatusBadge({ status }: { status: string }) {
  const s = status as TicketStatus;
  const { t } = useT();
  return <Badge tone={STATUS_TONE[s]}>{s in STATUS_TONE ? t(`tickets.status.${s}`) : status}</Badge>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  const p = priority as TicketPriority;
  const { t } = useT();
  return <Badge tone={PRIORITY_TONE[p]}>{p in PRIORITY_TONE ? t(`tickets.priority.${p}`) : priority}</Badge>;
}

export function SlaBadge({ state }: { state: TicketSlaState | null }) {
  const { t } = useT();
  if (!state) return null;
  return <Badge tone={SLA_TONE[state]}>{t("tickets.slaBadge", { state: t(`tickets.sla.${state}`) })}</Badge>;
}
