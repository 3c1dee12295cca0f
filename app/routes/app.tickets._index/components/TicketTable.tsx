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
import { TICKET_SOURCES, TICKET_STATUSES, type TicketSource, type TicketStatus } from "../../../domain/ticket-status";
import { PriorityBadge, SlaBadge, StatusBadge } from "./TicketBadges";
import { useT } from "../../../lib/i18n/react";

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
  const { t, locale } = useT();
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
      ? t(`tickets.status.${bulk.value as TicketStatus}`)
      : bulk?.value === "none"
        ? t("tickets.table.nobody")
        : operators.find((o) => o.id === bulk?.value)?.name;
  const tickets = t("tickets.table.tickets", { count });

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
        resourceName={{ singular: t("tickets.table.singular"), plural: t("tickets.table.plural") }}
        itemCount={rows.length}
        selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
        onSelectionChange={handleSelectionChange}
        promotedBulkActions={[
          { content: t("tickets.table.changeStatus"), onAction: () => setBulk({ kind: "status", value: "resolved" }) },
          {
            content: t("tickets.table.assign"),
            onAction: () => setBulk({ kind: "assign", value: operators[0]?.id ?? "none" }),
          },
        ]}
        headings={[
          { title: t("tickets.table.ticket") },
          { title: t("tickets.table.subject") },
          { title: t("tickets.table.status") },
          { title: t("tickets.table.priority") },
          { title: t("tickets.table.requester") },
          { title: t("tickets.table.assignee") },
          { title: t("tickets.table.sla") },
          { title: t("tickets.table.source") },
          { title: t("tickets.table.updated") },
        ]}
        emptyState={
          <Text as="p" tone="subdued" alignment="center">
            {t("tickets.table.empty")}
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
                  {t("tickets.table.unassigned")}
                </Text>
              )}
            </IndexTable.Cell>
            <IndexTable.Cell>
              <InlineStack gap="100" wrap={false} blockAlign="center">
                <SlaBadge state={row.sla} />
                {row.slaDueAt && row.sla !== "breached" ? (
                  <Text as="span" tone="subdued" variant="bodySm">
                    {formatCountdown(row.slaDueAt, now, locale)}
                  </Text>
                ) : null}
              </InlineStack>
            </IndexTable.Cell>
            <IndexTable.Cell>
              {(TICKET_SOURCES as readonly string[]).includes(row.source)
                ? t(`tickets.source.${row.source as TicketSource}`)
                : row.source}
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" tone="subdued">
                {timeAgo(row.updatedAt, now, timeZone, locale)}
              </Text>
            </IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
      <Modal
        open={bulk !== null}
        onClose={() => setBulk(null)}
        title={
          bulk?.kind === "status"
            ? t("tickets.table.statusTitle", { tickets })
            : t("tickets.table.assignTitle", { tickets })
        }
        primaryAction={{
          content:
            bulk?.kind === "status"
              ? t("tickets.table.setTo", { tickets, target: target ?? "" })
              : t("tickets.table.assignTitle", { tickets }),
          onAction: confirm,
          loading: fetcher.state !== "idle",
          disabled: count === 0,
        }}
        secondaryActions={[{ content: t("common.actions.cancel"), onAction: () => setBulk(null) }]}
      >
        <Modal.Section>
          <BlockStack gap="300">
            {bulk?.kind === "status" ? (
              <Select
                label={t("tickets.table.newStatus")}
                options={TICKET_STATUSES.map((s) => ({ label: t(`tickets.status.${s}`), value: s }))}
                value={bulk.value}
                onChange={(value) => setBulk({ kind: "status", value })}
              />
            ) : bulk ? (
              <Select
                label={t("tickets.table.assignTo")}
                options={[
                  ...operators.map((o) => ({ label: o.name, value: o.id })),
                  { label: t("tickets.table.nobodyOption"), value: "none" },
                ]}
                value={bulk.value}
                onChange={(value) => setBulk({ kind: "assign", value })}
              />
            ) : null}
            <Text as="p">
              {bulk?.kind === "status"
                ? t("tickets.table.willSet", { tickets, target: target ?? "" })
                : t("tickets.table.willAssign", { tickets, target: target ?? "" })}{" "}
              {t("tickets.table.logged")}
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
