import { useEffect, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  IndexTable,
  InlineStack,
  Link,
  Modal,
  Select,
  Text,
  useIndexResourceState,
} from "@shopify/polaris";
import { timeAgo, useShopTimeZone } from "../../../lib/format";
import { formatCountdown, type TicketSlaState } from "../../../domain/ticket-sla";
import {
  TICKET_SOURCE_LABEL,
  TICKET_STATUS_LABEL,
  TICKET_STATUSES,
  type TicketSource,
} from "../../../domain/ticket-status";
import { PriorityBadge, SlaBadge, StatusBadge } from "./TicketBadges";

export interface TicketRow {
  id: string;
  number: string;
  subject: string;
  status: string;
  priority: string;
  source: string;
  requester: string | null;
  requesterEmail: string | null;
  assignee: { id: string; name: string } | null;
  sla: TicketSlaState | null;
  slaDueAt: string | null;
  updatedAt: string;
}

type Bulk = { kind: "status" | "assign"; value: string } | null;
type ActionData = { ok: boolean; message?: string; error?: { message: string } };

/** The list with row selection; bulk status and assignee changes are confirmed in a modal first. */
export function TicketTable({
  rows,
  operators,
  now,
}: {
  rows: TicketRow[];
  operators: { id: string; name: string }[];
  now: number;
}) {
  const timeZone = useShopTimeZone();
  const fetcher = useFetcher<ActionData>();
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(
    rows.map((r) => ({ id: r.id })),
  );
  const [bulk, setBulk] = useState<Bulk>(null);
  const selected = allResourcesSelected ? rows.map((r) => r.id) : selectedResources;
  const count = selected.length;
  // a successful change closes the modal and clears the selection, once per answer
  const handled = useRef<unknown>(undefined);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data?.ok || handled.current === fetcher.data) return;
    handled.current = fetcher.data;
    setBulk(null);
    clearSelection();
  }, [fetcher.state, fetcher.data, clearSelection]);

  const confirm = () => {
    if (!bulk) return;
    fetcher.submit(
      bulk.kind === "status"
        ? { intent: "bulk_status", ids: selected.join(","), status: bulk.value }
        : { intent: "bulk_assign", ids: selected.join(","), assigneeId: bulk.value },
      { method: "post" },
    );
  };
  const target =
    bulk?.kind === "status"
      ? TICKET_STATUS_LABEL[bulk.value as keyof typeof TICKET_STATUS_LABEL]
      : bulk?.value === "none"
        ? "nobody (unassigned)"
        : operators.find((o) => o.id === bulk?.value)?.name;
  const tickets = count === 1 ? "1 ticket" : `${count} tickets`;

  return (
    <>
      {fetcher.data ? (
        <div style={{ padding: "0 var(--p-space-300) var(--p-space-300)" }}>
          <Banner tone={fetcher.data.ok ? "success" : "critical"}>
            <p role={fetcher.data.ok ? "status" : "alert"}>
              {fetcher.data.ok ? fetcher.data.message : fetcher.data.error?.message}
            </p>
          </Banner>
        </div>
      ) : null}
      <IndexTable
        resourceName={{ singular: "ticket", plural: "tickets" }}
        itemCount={rows.length}
        selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
        onSelectionChange={handleSelectionChange}
        promotedBulkActions={[
          { content: "Change status", onAction: () => setBulk({ kind: "status", value: "resolved" }) },
          { content: "Assign", onAction: () => setBulk({ kind: "assign", value: operators[0]?.id ?? "none" }) },
        ]}
        headings={[
          { title: "Ticket" },
          { title: "Subject" },
          { title: "Status" },
          { title: "Priority" },
          { title: "Requester" },
          { title: "Assignee" },
          { title: "SLA" },
          { title: "Source" },
          { title: "Updated" },
        ]}
        emptyState={
          <Text as="p" tone="subdued" alignment="center">
            No tickets match. Tickets are created when a shopper asks for a person while nobody is available, or by an
            operator from a chat.
          </Text>
        }
      >
        {rows.map((row, index) => (
          <IndexTable.Row id={row.id} key={row.id} position={index} selected={selected.includes(row.id)}>
            <IndexTable.Cell>
              <Link url={`/app/tickets/${row.number}`} removeUnderline dataPrimaryLink>
                <Text as="span" fontWeight="semibold">
                  {row.number}
                </Text>
              </Link>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <div style={{ maxWidth: 320, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
                <bdi dir="auto">{row.subject}</bdi>
              </div>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <StatusBadge status={row.status} />
            </IndexTable.Cell>
            <IndexTable.Cell>
              <PriorityBadge priority={row.priority} />
            </IndexTable.Cell>
            <IndexTable.Cell>
              <div style={{ maxWidth: 220, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
                <bdi dir="auto">{row.requester ?? "—"}</bdi>
              </div>
            </IndexTable.Cell>
            <IndexTable.Cell>
              {row.assignee?.name ?? (
                <Text as="span" tone="subdued">
                  Unassigned
                </Text>
              )}
            </IndexTable.Cell>
            <IndexTable.Cell>
              <InlineStack gap="100" wrap={false} blockAlign="center">
                <SlaBadge state={row.sla} />
                {row.slaDueAt && row.sla !== "breached" ? (
                  <Text as="span" tone="subdued" variant="bodySm">
                    {formatCountdown(row.slaDueAt, now)}
                  </Text>
                ) : null}
              </InlineStack>
            </IndexTable.Cell>
            <IndexTable.Cell>{TICKET_SOURCE_LABEL[row.source as TicketSource] ?? row.source}</IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" tone="subdued">
                {timeAgo(row.updatedAt, now, timeZone)}
              </Text>
            </IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
      <Modal
        open={bulk !== null}
        onClose={() => setBulk(null)}
        title={bulk?.kind === "status" ? `Change the status of ${tickets}` : `Assign ${tickets}`}
        primaryAction={{
          content: bulk?.kind === "status" ? `Set ${tickets} to ${target ?? ""}` : `Assign ${tickets}`,
          onAction: confirm,
          loading: fetcher.state !== "idle",
          disabled: count === 0,
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setBulk(null) }]}
      >
        <Modal.Section>
          <BlockStack gap="300">
            {bulk?.kind === "status" ? (
              <Select
                label="New status"
                options={TICKET_STATUSES.map((s) => ({ label: TICKET_STATUS_LABEL[s], value: s }))}
                value={bulk.value}
                onChange={(value) => setBulk({ kind: "status", value })}
              />
            ) : bulk ? (
              <Select
                label="Assign to"
                options={[
                  ...operators.map((o) => ({ label: o.name, value: o.id })),
                  { label: "Nobody (unassigned)", value: "none" },
                ]}
                value={bulk.value}
                onChange={(value) => setBulk({ kind: "assign", value })}
              />
            ) : null}
            <Text as="p">
              {bulk?.kind === "status"
                ? `The ${tickets} selected will be set to ${target ?? ""}.`
                : `The ${tickets} selected will be assigned to ${target ?? ""}.`}{" "}
              Each change is recorded in the ticket&apos;s activity log with your name.
            </Text>
            {fetcher.data && !fetcher.data.ok ? (
              <Text as="p" tone="critical">
                {fetcher.data.error?.message}
              </Text>
            ) : null}
          </BlockStack>
        </Modal.Section>
      </Modal>
    </>
  );
}
