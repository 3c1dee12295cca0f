import { Badge, Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { KnowledgeView } from "../../../domain/knowledge/entry";
import type { useAdminApi } from "../../../lib/admin-api";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";

/** A policy entry: Shopify's text as the assistant quotes it, with its on/off switch. */
export function PolicyCard({ entry, api }: { entry: KnowledgeView; api: ReturnType<typeof useAdminApi<unknown>> }) {
  const timeZone = useShopTimeZone();
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Badge tone={entry.enabled ? "success" : undefined}>{entry.enabled ? "Live" : "Off"}</Badge>
          <Text as="span" tone="subdued">
            {`From Shopify, refreshed ${formatDateTime(entry.updatedAt, timeZone)}`}
          </Text>
        </InlineStack>
        <Text as="p" tone="subdued">
          Policies come from your store&apos;s policy settings in Shopify. Change them there, then use “Refresh policies
          from Shopify” on the Knowledge page.
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
            {entry.enabled ? "Turn off for the assistant" : "Turn on for the assistant"}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
