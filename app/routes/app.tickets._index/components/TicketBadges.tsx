import { Badge, type BadgeProps } from "@shopify/polaris";
import { TICKET_SLA_LABEL, type TicketSlaState } from "../../../domain/ticket-sla";
import {
  TICKET_PRIORITY_LABEL,
  TICKET_STATUS_LABEL,
  type TicketPriority,
  type TicketStatus,
} from "../../../domain/ticket-status";

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
  return <Badge tone={STATUS_TONE[s]}>{TICKET_STATUS_LABEL[s] ?? status}</Badge>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  const p = priority as TicketPriority;
  return <Badge tone={PRIORITY_TONE[p]}>{TICKET_PRIORITY_LABEL[p] ?? priority}</Badge>;
}

export function SlaBadge({ state }: { state: TicketSlaState | null }) {
  if (!state) return null;
  return <Badge tone={SLA_TONE[state]}>{`SLA: ${TICKET_SLA_LABEL[state]}`}</Badge>;
}
