import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { BlockStack, Card, InlineStack, Link, List, Select, Text } from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import { formatCountdown, type TicketSlaState } from "../../../domain/ticket-sla";
import {
  TICKET_PRIORITIES,
  TICKET_PRIORITY_LABEL,
  TICKET_SOURCE_LABEL,
  TICKET_STATUS_LABEL,
  TICKET_STATUSES,
  type TicketSource,
} from "../../../domain/ticket-status";
import type { CustomerContext } from "../../../integrations/shopify/admin-customer-context.server";
import { CustomerOrders } from "../../app.conversations.$id/components/ShopperContext";
import { SlaBadge } from "../../app.tickets._index/components/TicketBadges";
import { Feedback, type ActionData } from "./Feedback";

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
  const fetcher = useFetcher<ActionData>();
  const save = (fields: Record<string, string>) => fetcher.submit(fields, { method: "post" });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Details
        </Text>
        <Select
          label="Status"
          options={TICKET_STATUSES.map((s) => ({ label: TICKET_STATUS_LABEL[s], value: s }))}
          value={ticket.status}
          disabled={fetcher.state !== "idle"}
          onChange={(status) => save({ intent: "status", status })}
        />
        <Select
          label="Priority"
          options={TICKET_PRIORITIES.map((p) => ({ label: TICKET_PRIORITY_LABEL[p], value: p }))}
          value={ticket.priority}
          disabled={fetcher.state !== "idle"}
          onChange={(priority) => save({ intent: "priority", priority })}
        />
        <Select
          label="Assignee"
          options={[{ label: "Unassigned", value: "none" }, ...operators.map((o) => ({ label: o.name, value: o.id }))]}
          value={ticket.assigneeId ?? "none"}
          disabled={fetcher.state !== "idle"}
          onChange={(assigneeId) => save({ intent: "assign", assigneeId })}
        />
        <Feedback data={fetcher.data} />
        <List type="bullet">
          <List.Item>Source: {TICKET_SOURCE_LABEL[ticket.source as TicketSource] ?? ticket.source}</List.Item>
          <List.Item>Created: {formatDateTime(ticket.createdAt, timeZone)}</List.Item>
          <List.Item>Updated: {formatDateTime(ticket.updatedAt, timeZone)}</List.Item>
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
  if (!dueAt)
    return (
      <Text as="p">
        {label}:{" "}
        <Text as="span" tone="subdued">
          no target
        </Text>
      </Text>
    );
  const late = metAt ? Date.parse(metAt) > Date.parse(dueAt) : Date.parse(dueAt) <= now;
  return (
    <BlockStack gap="050">
      <Text as="p">
        {label}: due {formatDateTime(dueAt, timeZone)}
      </Text>
      <Text as="p" variant="bodySm" tone={late ? "critical" : metAt ? "success" : "subdued"}>
        {metAt
          ? `${metLabel} ${formatDateTime(metAt, timeZone)}${late ? " (late)" : ""}`
          : late
            ? `Overdue by ${formatCountdown(dueAt, now).replace(/ ago$/, "")}`
            : `Due ${formatCountdown(dueAt, now)}`}
      </Text>
    </BlockStack>
  );
}

export function SlaCard({ ticket, now: serverNow }: { ticket: TicketInfo; now: number }) {
  const timeZone = useShopTimeZone();
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
          label="First response"
          dueAt={ticket.firstResponseDueAt}
          metAt={ticket.firstRespondedAt}
          metLabel="Answered"
          now={now}
        />
        <Deadline
          label="Resolution"
          dueAt={ticket.resolutionDueAt}
          metAt={ticket.resolvedAt}
          metLabel="Resolved"
          now={now}
        />
        {ticket.slaBreachedAt ? (
          <Text as="p" tone="critical">
            Breach recorded {formatDateTime(ticket.slaBreachedAt, timeZone)}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export function RequesterCard({
  ticket,
  customer,
  conversation,
}: {
  ticket: TicketInfo;
  customer: CustomerContext | { error: string } | null;
  conversation: { id: string; state: string } | null;
}) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Requester
        </Text>
        <Text as="p" fontWeight="semibold" breakWord>
          <bdi dir="auto">
            {ticket.requesterName ?? (customer && "orders" in customer && customer.name) ?? "Name not given"}
          </bdi>
        </Text>
        <List type="bullet">
          <List.Item>
            Email:{" "}
            {ticket.requesterEmail ? (
              <Link url={`mailto:${ticket.requesterEmail}`}>{ticket.requesterEmail}</Link>
            ) : (
              "none: the requester cannot be contacted"
            )}
          </List.Item>
          {ticket.requesterPhone ? <List.Item>Phone: {ticket.requesterPhone}</List.Item> : null}
          <List.Item>
            {ticket.customerId ? `Signed-in customer ${ticket.customerId}` : "Guest (not signed in)"}
          </List.Item>
          {conversation ? (
            <List.Item>
              <Link url={`/app/conversations/${conversation.id}`}>Open the chat</Link> (
              {conversation.state.replace("_", " ")})
            </List.Item>
          ) : null}
        </List>
        {customer && "error" in customer ? (
          <Text as="p" tone="subdued">
            {customer.error}
          </Text>
        ) : null}
        {customer && "orders" in customer ? <CustomerOrders orders={customer.orders} /> : null}
      </BlockStack>
    </Card>
  );
}
