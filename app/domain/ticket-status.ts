/** Ticket statuses, priorities, sources and list options (shared by the admin UI and the server). Pure. */
export const TICKET_STATUSES = ["open", "pending", "resolved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_SOURCES = ["offline_chat", "escalation", "operator", "widget_form"] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** Statuses whose SLA clocks run (resolved and closed tickets wait for nobody). */
export const ACTIVE_TICKET_STATUSES = ["open", "pending"] as const satisfies readonly TicketStatus[];

/** The priority as a sortable number (Ticket.priorityRank): low 0, normal 1, high 2, urgent 3. */
export function priorityRank(priority: string): number {
  const rank = (TICKET_PRIORITIES as readonly string[]).indexOf(priority);
  return rank === -1 ? 1 : rank;
}

export function isActiveStatus(status: string): boolean {
  return (ACTIVE_TICKET_STATUSES as readonly string[]).includes(status);
}

/** Resolved and closed tickets are counted up to this many ("10,000+"): exact counts of history cost a scan. */
export const TICKET_COUNT_CAP = 10_000;

/** Sorts of the ticket list: each is one index range (docs/decisions/110-ticket-list-keyset-pagination.md). */
export const TICKET_SORTS = ["updated", "created", "priority", "due"] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export const TICKET_STATUS_LABEL: Record<TicketStatus, string> = {
  open: "Open",
  pending: "Pending",
  resolved: "Resolved",
  closed: "Closed",
};
export const TICKET_PRIORITY_LABEL: Record<TicketPriority, string> = {
  low: "Low",
  normal: "Normal",
  high: "High",
  urgent: "Urgent",
};
export const TICKET_SOURCE_LABEL: Record<TicketSource, string> = {
  offline_chat: "Offline chat",
  escalation: "Escalation",
  operator: "Operator",
  widget_form: "Widget form",
};
export const TICKET_SORT_LABEL: Record<TicketSort, string> = {
  updated: "Last updated",
  created: "Newest",
  priority: "Priority",
  due: "SLA due soonest",
};
