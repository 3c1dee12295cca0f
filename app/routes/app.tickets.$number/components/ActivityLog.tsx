import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import {
  TICKET_PRIORITIES,
  TICKET_SOURCES,
  TICKET_STATUSES,
  type TicketPriority,
  type TicketSource,
  type TicketStatus,
} from "../../../domain/ticket-status";
import { translator, type Translate } from "../../../lib/i18n/catalog";
import { useT } from "../../../lib/i18n/react";

export interface EventView {
  id: string;
  type: string;
  actorType: string;
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

const known = (list: readonly string[], v: unknown): v is string => typeof v === "string" && list.includes(v);

function actorOf(e: EventView, t: Translate): string {
  if (e.actorType === "operator") return e.actorName ?? t("tickets.activity.anOperator");
  if (e.actorType === "shopper") return t("tickets.activity.theShopper");
  if (e.actorType === "requester") return e.actorName ?? t("tickets.activity.theRequester");
  return "Tandem";
}

/** One sentence per change: who did what, in the staff member's language. */
export function describeTicketEvent(e: EventView, t: Translate = translator("en")): string {
  const status = (v: unknown) => (known(TICKET_STATUSES, v) ? t(`tickets.status.${v as TicketStatus}`) : String(v));
  const priority = (v: unknown) =>
    known(TICKET_PRIORITIES, v) ? t(`tickets.priority.${v as TicketPriority}`) : String(v);
  const person = (v: unknown) =>
    v && typeof v === "object" && "name" in v ? String((v as { name: unknown }).name) : t("tickets.activity.nobody");
  const who = actorOf(e, t);
  const bulk = e.data.bulk ? t("tickets.activity.bulk") : "";
  switch (e.type) {
    case "created":
      return known(TICKET_SOURCES, e.data.source)
        ? t("tickets.activity.createdFrom", {
            who,
            source: t(`tickets.source.${e.data.source as TicketSource}`).toLowerCase(),
          })
        : t("tickets.activity.created", { who });
    case "status_changed":
      return t("tickets.activity.status", { who, from: status(e.data.from), to: status(e.data.to), bulk });
    case "priority_changed":
      return t("tickets.activity.priority", { who, from: priority(e.data.from), to: priority(e.data.to), bulk });
    case "assignee_changed":
      return e.data.to
        ? t("tickets.activity.assigned", { who, to: person(e.data.to), bulk })
        : t("tickets.activity.unassigned", { who, from: person(e.data.from), bulk });
    case "replied":
      if (e.actorType === "requester")
        return e.data.via === "email"
          ? t("tickets.activity.repliedByEmail", { who })
          : t("tickets.activity.replied", { who });
      return t("tickets.activity.repliedToRequester", { who });
    case "sla_warning":
      return e.data.target === "first_response"
        ? t("tickets.activity.firstResponseSoon")
        : t("tickets.activity.resolutionSoon");
    case "sla_breached":
      return e.data.target === "first_response"
        ? t("tickets.activity.firstResponseBreached")
        : t("tickets.activity.resolutionBreached");
    case "note_added":
      return t("tickets.activity.note", { who });
    default:
      return t("tickets.activity.generic", { who, what: e.type.replace(/_/g, " ") });
  }
}

/** The ticket's activity log, newest first. */
export function ActivityLog({ events }: { events: EventView[] }) {
  const timeZone = useShopTimeZone();
  const { t, locale } = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("tickets.activity.title")}
        </Text>
        {events.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("tickets.activity.empty")}
          </Text>
        ) : (
          <ol aria-label={t("tickets.activity.log")} style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {events.map((e) => (
              <li key={e.id} style={{ padding: "var(--p-space-100) 0" }}>
                <InlineStack align="space-between" gap="200" wrap={false}>
                  <Text as="span">{describeTicketEvent(e, t)}</Text>
                  <Text as="span" tone="subdued" variant="bodySm">
                    <time dateTime={e.createdAt}>{formatDateTime(e.createdAt, timeZone, locale)}</time>
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
