/** Staff statistics per operator, and conversations by tag. */
import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { formatDuration } from "../../../domain/analytics/series";
import { useT } from "../../../lib/i18n/react";

export interface StaffRow {
  id: string;
  name: string;
  active: boolean;
  chats: number;
  medianFirstResponseSeconds: number | null;
  medianHandlingSeconds: number | null;
  csat: number | null;
  ratings: number;
  ticketsResolved: number;
  onlineSeconds: number;
}

export function formatOnline(seconds: number): string {
  if (seconds === 0) return "—";
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return h ? `${h} h ${m} min` : `${m} min`;
}

export function StaffTable({ rows }: { rows: StaffRow[] }) {
  const { t } = useT();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("analytics.staff.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("analytics.staff.description")}
        </Text>
        <div data-testid="staff-table">
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]}
            headings={[
              t("analytics.staff.operator"),
              t("analytics.staff.chats"),
              t("analytics.staff.firstResponse"),
              t("analytics.staff.handling"),
              t("analytics.staff.csat"),
              t("analytics.staff.ticketsResolved"),
              t("analytics.staff.online"),
            ]}
            rows={rows.map((r) => [
              <bdi key="n">{r.active ? r.name : t("analytics.staff.deactivated", { name: r.name })}</bdi>,
              r.chats,
              formatDuration(r.medianFirstResponseSeconds),
              formatDuration(r.medianHandlingSeconds),
              r.csat === null ? "—" : `${r.csat.toFixed(1)} (${r.ratings})`,
              r.ticketsResolved,
              formatOnline(r.onlineSeconds),
            ])}
          />
        </div>
      </BlockStack>
    </Card>
  );
}

export function UnansweredList({ rows }: { rows: { id: string; question: string; count: number }[] }) {
  const { t } = useT();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("analytics.unanswered.title")}
        </Text>
        {rows.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("analytics.unanswered.none")}
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "numeric"]}
            headings={[t("analytics.unanswered.question"), t("analytics.unanswered.timesAsked")]}
            rows={rows.map((u) => [
              <span key="q" dir="auto" style={{ overflowWrap: "anywhere", whiteSpace: "normal" }}>
                {u.question}
              </span>,
              u.count,
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
