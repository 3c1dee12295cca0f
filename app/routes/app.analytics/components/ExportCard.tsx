/** CSV exports of the period (admins only): conversations, messages, tickets. */
import { useState } from "react";
import { Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { downloadFromApp } from "../../../lib/admin-api";
import { useT } from "../../../lib/i18n/react";

const KINDS = ["conversations", "messages", "tickets"] as const;

export function ExportCard({ from, to }: { from: string; to: string }) {
  const { t } = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("analytics.export.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("analytics.export.description", { from, to })}
        </Text>
        {error ? (
          <Banner tone="critical" onDismiss={() => setError(null)}>
            {error}
          </Banner>
        ) : null}
        <InlineStack gap="200">
          {KINDS.map((kind) => (
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
              {t(`analytics.export.${kind}`)}
            </Button>
          ))}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
