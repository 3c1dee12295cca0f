import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import {
  TICKET_PRIORITY_LABEL,
  TICKET_SOURCE_LABEL,
  TICKET_STATUS_LABEL,
  type TicketPriority,
  type TicketSource,
  type TicketStatus,
} from "../../../domain/ticket-status";

export interface EventView {
  id: string;
  type: string;
  actorType: string;
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

const status = (v: unknown) => TICKET_STATUS_LABEL[v as TicketStatus] ?? String(v);
const priority = (v: unknown) => TICKET_PRIORITY_LABEL[v as TicketPriority] ?? String(v);
const person = (v: unknown) =>
  v && typeof v === "object" && "name" in v ? String((v as { name: unknown }).name) : "nobody";

function actorOf(e: EventView): string {
  if (e.actorType === "operator") return e.actorName ?? "An operator";
  if (e.actorType === "shopper") return "The shopper";
  if (e.actorType === "requester") return e.actorName ?? "The requester";
  return "Tandem";
}

/** One sentence per change: who did what. */
export function describeTicketEvent(e: EventView): string {
  const who = actorOf(e);
  const bulk = e.data.bulk ? " (bulk change)" : "";
  switch (e.type) {
    case "created": {
      const source = TICKET_SOURCE_LABEL[e.data.source as TicketSource];
      return `${who} created the ticket${source ? ` (${source.toLowerCase()})` : ""}`;
    }
    case "status_changed":
      return `${who} changed the status from ${status(e.data.from)} to ${status(e.data.to)}${bulk}`;
    case "priority_changed":
      return `${who} changed the priority from ${priority(e.data.from)} to ${priority(e.data.to)}${bulk}`;
    case "assignee_changed":
      return e.data.to
        ? `${who} assigned the ticket to ${person(e.data.to)}${bulk}`
        : `${who} unassigned ${person(e.data.from)}${bulk}`;
    case "replied":
      if (e.actorType === "requester") return `${who} replied${e.data.via === "email" ? " by email" : ""}`;
      return `${who} replied to the requester`;
    case "sla_warning":
    case "sla_breached": {
      const what = e.data.target === "first_response" ? "first response" : "resolution";
      return e.type === "sla_warning"
        ? `The ${what} is due soon (80% of the target)`
        : `The ${what} target was breached`;
    }
    case "note_added":
      return `${who} added an internal note`;
    default:
      return `${who}: ${e.type.replace(/_/g, " ")}`;
  }
}

/** The ticket's activity log, newest first. */
export function ActivityLog({ events }: { events: EventView[] }) {
  const timeZone = useShopTimeZone();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Activity
        </Text>
        {events.length === 0 ? (
          <Text as="p" tone="subdued">
            Nothing has changed yet.
          </Text>
        ) : (
          <ol aria-label="Activity log" style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {events.map((e) => (
              <li key={e.id} style={{ padding: "var(--p-space-100) 0" }}>
                <InlineStack align="space-between" gap="200" wrap={false}>
                  <Text as="span">{describeTicketEvent(e)}</Text>
                  <Text as="span" tone="subdued" variant="bodySm">
                    <time dateTime={e.createdAt}>{formatDateTime(e.createdAt, timeZone)}</time>
                  </Text>
                </InlineStack>
              </li>
            ))}
          </ol>
        )}
      </BlockStack>
    </Card>
  );
}
