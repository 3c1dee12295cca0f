import { Badge, IndexTable, InlineStack, Link, Text, useBreakpoints, type BadgeProps } from "@shopify/polaris";
import type { InboxRow } from "../../../repositories/inbox.server";
import { timeAgo, useShopTimeZone } from "../../../lib/format";
import { formatDeadline } from "../../../domain/ticket-sla";
import { formatWait } from "./live";

const STATE_LABEL: Record<InboxRow["state"], { label: string; tone: BadgeProps["tone"] }> = {
  ai: { label: "With AI", tone: "info" },
  queued: { label: "Queued", tone: "attention" },
  assigned: { label: "Assigned", tone: "success" },
  waiting_shopper: { label: "Waiting for shopper", tone: undefined },
  closed: { label: "Closed", tone: undefined },
};

const SLA_TONE: Record<"ok" | "warning" | "breached", BadgeProps["tone"]> = {
  ok: "success",
  warning: "warning",
  breached: "critical",
};

const PREVIEW_PREFIX: Record<string, string> = { ai: "AI: ", operator: "Operator: " };

const SLA_LABEL = { ok: "On time", warning: "SLA soon", breached: "SLA breached" } as const;

/** "Due in 3 min" / "Overdue by 2 min": the first-response countdown of a waiting chat. */
function SlaClock({ sla, now }: { sla: NonNullable<InboxRow["sla"]>; now: number }) {
  if (!sla.dueAt) return null;
  const overdue = new Date(sla.dueAt).getTime() <= now;
  return (
    <Text as="p" variant="bodySm" tone={overdue ? "critical" : "subdued"} numeric>
      {formatDeadline(sla.dueAt, now)}
    </Text>
  );
}

export function InboxTable({ rows, view, now }: { rows: InboxRow[]; view: string; now: number }) {
  const timeZone = useShopTimeZone();
  // Phone width (Shopify mobile): one stacked card per chat instead of a table to scroll sideways.
  const condensed = useBreakpoints().smDown;
  const headings =
    view === "queue"
      ? ([
          { title: "Shopper" },
          { title: "Waiting" },
          { title: "SLA" },
          { title: "Last message" },
          { title: "Tags" },
        ] as const)
      : ([
          { title: "Shopper" },
          { title: "State" },
          { title: "Operator" },
          { title: "Last message" },
          { title: "Activity" },
        ] as const);
  return (
    <IndexTable
      condensed={condensed}
      resourceName={{ singular: "conversation", plural: "conversations" }}
      itemCount={rows.length}
      headings={headings as unknown as [{ title: string }, ...{ title: string }[]]}
      selectable={false}
      emptyState={
        <Text as="p" tone="subdued" alignment="center">
          No conversations here.
        </Text>
      }
    >
      {rows.map((row, index) => (
        <IndexTable.Row id={row.id} key={row.id} position={index}>
          <IndexTable.Cell>
            <Link url={`/app/conversations/${row.id}`} removeUnderline monochrome dataPrimaryLink>
              <Text as="span" fontWeight="semibold">
                <bdi style={{ overflowWrap: "anywhere" }}>{row.displayName}</bdi>
              </Text>
            </Link>
            {row.email && row.email !== row.displayName ? (
              <Text as="p" tone="subdued" variant="bodySm">
                <bdi style={{ overflowWrap: "anywhere" }}>{row.email}</bdi>
              </Text>
            ) : null}
          </IndexTable.Cell>
          {view === "queue" ? (
            <>
              <IndexTable.Cell>
                <Text as="span" numeric>
                  {formatWait(row.waitSeconds)}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                {row.sla ? (
                  <>
                    <Badge tone={SLA_TONE[row.sla.status]}>{SLA_LABEL[row.sla.status]}</Badge>
                    <SlaClock sla={row.sla} now={now} />
                  </>
                ) : null}
              </IndexTable.Cell>
            </>
          ) : (
            <>
              <IndexTable.Cell>
                <InlineStack gap="100" wrap={false}>
                  <Badge tone={STATE_LABEL[row.state].tone}>{STATE_LABEL[row.state].label}</Badge>
                  {row.sla && row.sla.status !== "ok" ? (
                    <Badge tone={SLA_TONE[row.sla.status]}>{SLA_LABEL[row.sla.status]}</Badge>
                  ) : null}
                </InlineStack>
              </IndexTable.Cell>
              <IndexTable.Cell>
                {row.assignee?.name ?? (
                  <Text as="span" tone="subdued">
                    —
                  </Text>
                )}
              </IndexTable.Cell>
            </>
          )}
          <IndexTable.Cell>
            <div
              style={
                condensed
                  ? { overflow: "hidden", overflowWrap: "anywhere", maxHeight: "2.6em", width: "100%" }
                  : { maxWidth: 420, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }
              }
            >
              <Text as="span" tone="subdued">
                {row.preview ? (PREVIEW_PREFIX[row.preview.role] ?? "") : ""}
                {/* a shopper's words may be right-to-left or one long word: isolate them */}
                {row.preview ? <bdi dir="auto">{row.preview.text}</bdi> : null}
              </Text>
            </div>
          </IndexTable.Cell>
          {view === "queue" ? (
            <IndexTable.Cell>
              <InlineStack gap="100">
                {row.tags.map((t) => (
                  <Badge key={t}>{t}</Badge>
                ))}
              </InlineStack>
            </IndexTable.Cell>
          ) : (
            <IndexTable.Cell>
              <Text as="span" tone="subdued">
                {timeAgo(row.lastActivityAt, now, timeZone)}
              </Text>
            </IndexTable.Cell>
          )}
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
