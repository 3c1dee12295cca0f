import { Badge, IndexTable, InlineStack, Link, Text, useBreakpoints, type BadgeProps } from "@shopify/polaris";
import type { InboxRow } from "../../../repositories/inbox.server";
import { timeAgo, useShopTimeZone } from "../../../lib/format";
import { formatDeadline } from "../../../domain/ticket-sla";
import { formatWait } from "./live";
import { useT } from "../../../lib/i18n/react";

const STATE_TONE: Record<InboxRow["state"], BadgeProps["tone"]> = {
  ai: "info",
  queued: "attention",
  assigned: "success",
  waiting_shopper: undefined,
  closed: undefined,
};

const SLA_TONE: Record<"ok" | "warning" | "breached", BadgeProps["tone"]> = {
  ok: "success",
  warning: "warning",
  breached: "critical",
};

const PREVIEW_PREFIX = { ai: "inbox.table.aiPrefix", operator: "inbox.table.operatorPrefix" } as const;

const SLA_LABEL = {
  ok: "inbox.table.slaOk",
  warning: "inbox.table.slaWarning",
  breached: "inbox.table.slaBreached",
} as const;

/** "Due in 3 min" / "Overdue by 2 min": the first-response countdown of a waiting chat. */
function SlaClock({ sla, now }: { sla: NonNullable<InboxRow["sla"]>; now: number }) {
  const { locale } = useT();
  if (!sla.dueAt) return null;
  const overdue = new Date(sla.dueAt).getTime() <= now;
  return (
    <Text as="p" variant="bodySm" tone={overdue ? "critical" : "subdued"} numeric>
      {formatDeadline(sla.dueAt, now, locale)}
    </Text>
  );
}

export function InboxTable({ rows, view, now }: { rows: InboxRow[]; view: string; now: number }) {
  const timeZone = useShopTimeZone();
  const { t, locale } = useT();
  // Phone width (Shopify mobile): one stacked card per chat instead of a table to scroll sideways.
  const condensed = useBreakpoints().smDown;
  const headings =
    view === "queue"
      ? ([
          { title: t("inbox.table.shopper") },
          { title: t("inbox.table.waiting") },
          { title: t("inbox.table.sla") },
          { title: t("inbox.table.lastMessage") },
          { title: t("inbox.table.tags") },
        ] as const)
      : ([
          { title: t("inbox.table.shopper") },
          { title: t("inbox.table.state") },
          { title: t("inbox.table.operator") },
          { title: t("inbox.table.lastMessage") },
          { title: t("inbox.table.activity") },
        ] as const);
  return (
    <IndexTable
      condensed={condensed}
      resourceName={{ singular: t("inbox.table.conversation"), plural: t("inbox.table.conversations") }}
      itemCount={rows.length}
      headings={headings as unknown as [{ title: string }, ...{ title: string }[]]}
      selectable={false}
      emptyState={
        <Text as="p" tone="subdued" alignment="center">
          {t("inbox.table.empty")}
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
                    <Badge tone={SLA_TONE[row.sla.status]}>{t(SLA_LABEL[row.sla.status])}</Badge>
                    <SlaClock sla={row.sla} now={now} />
                  </>
                ) : null}
              </IndexTable.Cell>
            </>
          ) : (
            <>
              <IndexTable.Cell>
                <InlineStack gap="100" wrap={false}>
                  <Badge tone={STATE_TONE[row.state]}>{t(`common.conversationState.${row.state}`)}</Badge>
                  {row.sla && row.sla.status !== "ok" ? (
                    <Badge tone={SLA_TONE[row.sla.status]}>{t(SLA_LABEL[row.sla.status])}</Badge>
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
                {row.preview && (row.preview.role === "ai" || row.preview.role === "operator")
                  ? t(PREVIEW_PREFIX[row.preview.role])
                  : ""}
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
                {timeAgo(row.lastActivityAt, now, timeZone, locale)}
              </Text>
            </IndexTable.Cell>
          )}
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
