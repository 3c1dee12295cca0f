import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { BlockStack, Card, InlineStack, Link, List, Select, Text } from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import { formatDeadline, type TicketSlaState } from "../../../domain/ticket-sla";
import { TICKET_PRIORITIES, TICKET_SOURCES, TICKET_STATUSES, type TicketSource } from "../../../domain/ticket-status";
import type { CustomerContext } from "../../../integrations/shopify/admin-customer-context.server";
import { CustomerCard } from "../../../components/CustomerCard";
import { SlaBadge } from "../../app.tickets._index/components/TicketBadges";
import { Feedback, type ActionData } from "../../../components/Feedback";
import { useT } from "../../../lib/i18n/react";

export interface TicketInfo {
  status: string;
  priority: string;
  source: string;
  assigneeId: string | null;
  requesterEmail: string | null;
  requesterName: string | null;
  requesterPhone: string | null;
  customerId: string | null;
  createdAt: string;
  updatedAt: string;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  slaBreachedAt: string | null;
  sla: TicketSlaState | null;
  runningDeadline: { kind: string; dueAt: string } | null;
}

/** Status, priority and assignee: each choice is saved at once and logged. */
export function DetailsCard({ ticket, operators }: { ticket: TicketInfo; operators: { id: string; name: string }[] }) {
  const timeZone = useShopTimeZone();
  const { t, locale } = useT();
  const fetcher = useFetcher<ActionData>();
  const save = (fields: Record<string, string>) => fetcher.submit(fields, { method: "post" });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("tickets.page.details")}
        </Text>
        <Select
          label={t("tickets.page.status")}
          options={TICKET_STATUSES.map((s) => ({ label: t(`tickets.status.${s}`), value: s }))}
          value={ticket.status}
          disabled={fetcher.state !== "idle"}
          onChange={(status) => save({ intent: "status", status })}
        />
        <Select
          label={t("tickets.page.priority")}
          options={TICKET_PRIORITIES.map((p) => ({ label: t(`tickets.priority.${p}`), value: p }))}
          value={ticket.priority}
          disabled={fetcher.state !== "idle"}
          onChange={(priority) => save({ intent: "priority", priority })}
        />
        <Select
          label={t("tickets.page.assignee")}
          options={[
            { label: t("tickets.page.unassigned"), value: "none" },
            ...operators.map((o) => ({ label: o.name, value: o.id })),
          ]}
          value={ticket.assigneeId ?? "none"}
          disabled={fetcher.state !== "idle"}
          onChange={(assigneeId) => save({ intent: "assign", assigneeId })}
        />
        <Feedback data={fetcher.data} />
        <List type="bullet">
          <List.Item>
            {t("tickets.page.sourceLine", {
              value: (TICKET_SOURCES as readonly string[]).includes(ticket.source)
                ? t(`tickets.source.${ticket.source as TicketSource}`)
                : ticket.source,
            })}
          </List.Item>
          <List.Item>
            {t("tickets.page.created", { value: formatDateTime(ticket.createdAt, timeZone, locale) })}
          </List.Item>
          <List.Item>
            {t("tickets.page.updated", { value: formatDateTime(ticket.updatedAt, timeZone, locale) })}
          </List.Item>
        </List>
      </BlockStack>
    </Card>
  );
}

/** The loader's `now`, then the browser's clock every 30 s: the first render matches the server's. */
function useTickingNow(serverNow: number): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [serverNow]);
  return now;
}

function Deadline({
  label,
  dueAt,
  metAt,
  metLabel,
  now,
}: {
  label: string;
  dueAt: string | null;
  metAt: string | null;
  metLabel: string;
  now: number;
}) {
  const timeZone = useShopTimeZone();
  const { t, locale } = useT();
  if (!dueAt)
    return (
      <Text as="p">
        {label}:{" "}
        <Text as="span" tone="subdued">
          {t("tickets.page.noTarget")}
        </Text>
      </Text>
    );
  const late = metAt ? Date.parse(metAt) > Date.parse(dueAt) : Date.parse(dueAt) <= now;
  return (
    <BlockStack gap="050">
      <Text as="p">{t("tickets.page.due", { label, date: formatDateTime(dueAt, timeZone, locale) })}</Text>
      <Text as="p" variant="bodySm" tone={late ? "critical" : metAt ? "success" : "subdued"}>
        {metAt
          ? `${metLabel.replace("{date}", formatDateTime(metAt, timeZone, locale))}${late ? t("tickets.page.late") : ""}`
          : formatDeadline(dueAt, now, locale)}
      </Text>
    </BlockStack>
  );
}

export function SlaCard({ ticket, now: serverNow }: { ticket: TicketInfo; now: number }) {
  const timeZone = useShopTimeZone();
  const { t, locale } = useT();
  const now = useTickingNow(serverNow);
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            SLA
          </Text>
          <SlaBadge state={ticket.sla} />
        </InlineStack>
        <Deadline
          label={t("tickets.page.firstResponse")}
          dueAt={ticket.firstResponseDueAt}
          metAt={ticket.firstRespondedAt}
          metLabel={t("tickets.page.answered")}
          now={now}
        />
        <Deadline
          label={t("tickets.page.resolution")}
          dueAt={ticket.resolutionDueAt}
          metAt={ticket.resolvedAt}
          metLabel={t("tickets.page.resolved")}
          now={now}
        />
        {ticket.slaBreachedAt ? (
          <Text as="p" tone="critical">
            {t("tickets.page.breach", { date: formatDateTime(ticket.slaBreachedAt, timeZone, locale) })}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

/** The requester: who they are, how to reach them, the chat the ticket came from. */
export function RequesterCard({
  ticket,
  customer,
  conversation,
}: {
  ticket: TicketInfo;
  customer: CustomerContext | { error: string } | null;
  conversation: { id: string; state: string } | null;
}) {
  const { t } = useT();
  return (
    <CustomerCard
      title={t("tickets.page.requester")}
      contact={{
        name: ticket.requesterName,
        email: ticket.requesterEmail,
        phone: ticket.requesterPhone,
        customerId: ticket.customerId,
      }}
      customer={customer}
      noEmail={t("tickets.page.noEmail")}
    >
      {conversation ? (
        <List.Item>
          <Link url={`/app/conversations/${conversation.id}`}>{t("tickets.page.openChat")}</Link> (
          {["ai", "queued", "assigned", "waiting_shopper", "closed"].includes(conversation.state)
            ? t(`common.conversationState.${conversation.state as "ai"}`)
            : conversation.state}
          )
        </List.Item>
      ) : null}
    </CustomerCard>
  );
}
