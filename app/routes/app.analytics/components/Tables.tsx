/** Staff statistics per operator, and conversations by tag. */
import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { formatDuration } from "../../../domain/analytics/series";

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
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Staff
        </Text>
        <Text as="p" tone="subdued">
          Chats started in the period, counted for the operator who handled them.
        </Text>
        <div data-testid="staff-table">
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]}
            headings={[
              "Operator",
              "Chats",
              "First response",
              "Handling time",
              "CSAT",
              "Tickets resolved",
              "Time online",
            ]}
            rows={rows.map((r) => [
              <bdi key="n">{r.active ? r.name : `${r.name} (deactivated)`}</bdi>,
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
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Top unanswered questions
        </Text>
        {rows.length === 0 ? (
          <Text as="p" tone="subdued">
            The assistant had an answer for everything so far.
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "numeric"]}
            headings={["Question", "Times asked"]}
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
