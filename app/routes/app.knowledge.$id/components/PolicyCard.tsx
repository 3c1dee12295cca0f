import { Badge, Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { KnowledgeView } from "../../../domain/knowledge/entry";
import type { useAdminApi } from "../../../lib/admin-api";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import { useT } from "../../../lib/i18n/react";

/** A policy entry: Shopify's text as the assistant quotes it, with its on/off switch. */
export function PolicyCard({ entry, api }: { entry: KnowledgeView; api: ReturnType<typeof useAdminApi<unknown>> }) {
  const { t, locale } = useT();
  const timeZone = useShopTimeZone();
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Badge tone={entry.enabled ? "success" : undefined}>
            {t(entry.enabled ? "knowledge.live" : "knowledge.off")}
          </Badge>
          <Text as="span" tone="subdued">
            {t("knowledge.policy.fromShopify", { when: formatDateTime(entry.updatedAt, timeZone, locale) })}
          </Text>
        </InlineStack>
        <Text as="p" tone="subdued">
          {t("knowledge.policy.note")}
        </Text>
        <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          <Text as="p">
            <bdi dir="auto">{entry.answer}</bdi>
          </Text>
        </div>
        {api.result && !api.result.ok ? <Banner tone="critical">{api.result.error.message}</Banner> : null}
        <InlineStack>
          <Button
            loading={api.busy}
            onClick={() =>
              void api.call(`/app/api/knowledge/${entry.id}`, { method: "PATCH", json: { enabled: !entry.enabled } })
            }
          >
            {t(entry.enabled ? "knowledge.policy.turnOff" : "knowledge.policy.turnOn")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
