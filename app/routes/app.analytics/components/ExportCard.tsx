/** CSV exports of the period (admins only): conversations, messages, tickets. */
import { useState } from "react";
import { Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { downloadFromApp } from "../../../lib/admin-api";

const KINDS = [
  { kind: "conversations", label: "Conversations" },
  { kind: "messages", label: "Messages" },
  { kind: "tickets", label: "Tickets" },
] as const;

export function ExportCard({ from, to }: { from: string; to: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Export
        </Text>
        <Text as="p" tone="subdued">
          {`CSV files of everything created from ${from} to ${to}. Exports contain customer data and are recorded in the audit log.`}
        </Text>
        {error ? (
          <Banner tone="critical" onDismiss={() => setError(null)}>
            {error}
          </Banner>
        ) : null}
        <InlineStack gap="200">
          {KINDS.map(({ kind, label }) => (
            <Button
              key={kind}
              loading={busy === kind}
              disabled={busy !== null && busy !== kind}
              onClick={async () => {
                setBusy(kind);
                const query = new URLSearchParams({ from, to }).toString();
                setError(await downloadFromApp(`/app/api/exports/${kind}?${query}`, `${kind}-${from}-${to}.csv`));
                setBusy(null);
              }}
            >
              {`${label} (CSV)`}
            </Button>
          ))}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
