import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, IndexTable, InlineStack, Text } from "@shopify/polaris";
import type { IntegrationResult } from "../../../integrations/admin-actions.server";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import type { IntegrationsData } from "../route";
import { ResultBanner } from "./Result";
import { useT } from "../../../lib/i18n/react";

const TONE = { delivered: "success", dead: "critical", pending: "attention", sending: "info" } as const;

export function DeliveryLog({
  endpointId,
  deliveries,
}: {
  endpointId: string;
  deliveries: IntegrationsData["deliveries"];
}) {
  const fetcher = useFetcher<IntegrationResult>();
  const timeZone = useShopTimeZone();
  const busy = fetcher.state !== "idle";
  const { t, locale } = useT();
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("integrations.deliveryLog")}
          </Text>
          <Button
            disabled={busy}
            onClick={() => fetcher.submit({ intent: "replay-dead", id: endpointId }, { method: "post" })}
          >
            {t("integrations.replayDead")}
          </Button>
        </InlineStack>
        <ResultBanner result={fetcher.data} />
        <IndexTable
          resourceName={{ singular: t("integrations.delivery"), plural: t("integrations.deliveries") }}
          itemCount={deliveries.length}
          selectable={false}
          headings={[
            { title: t("integrations.event") },
            { title: t("integrations.status") },
            { title: t("integrations.attempts") },
            { title: t("integrations.response") },
            { title: t("integrations.lastAttempt") },
            { title: "" },
          ]}
        >
          {deliveries.map((d, i) => (
            <IndexTable.Row id={d.id} key={d.id} position={i}>
              <IndexTable.Cell>
                <BlockStack gap="050">
                  <Text as="span">{d.eventType}</Text>
                  <Text as="span" tone="subdued" variant="bodySm">
                    {d.eventId}
                  </Text>
                </BlockStack>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Badge tone={TONE[d.status as keyof typeof TONE]}>
                  {d.status in TONE ? t(`integrations.deliveryStatus.${d.status as keyof typeof TONE}`) : d.status}
                </Badge>
              </IndexTable.Cell>
              <IndexTable.Cell>{d.attempts}</IndexTable.Cell>
              <IndexTable.Cell>
                <BlockStack gap="050">
                  <Text as="span">
                    {d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? "—")}
                    {d.durationMs !== null ? ` · ${d.durationMs} ms` : ""}
                  </Text>
                  {d.responseExcerpt ? (
                    <Text as="span" tone="subdued" variant="bodySm" breakWord>
                      <bdi>{d.responseExcerpt.slice(0, 120)}</bdi>
                    </Text>
                  ) : null}
                </BlockStack>
              </IndexTable.Cell>
              <IndexTable.Cell>
                {d.lastAttemptAt ? formatDateTime(d.lastAttemptAt, timeZone, locale) : "—"}
                {d.nextAttemptAt && d.status === "pending"
                  ? t("integrations.next", { date: formatDateTime(d.nextAttemptAt, timeZone, locale) })
                  : ""}
              </IndexTable.Cell>
              <IndexTable.Cell>
                {d.status === "delivered" || d.status === "dead" ? (
                  <Button
                    size="slim"
                    disabled={busy}
                    onClick={() =>
                      fetcher.submit({ intent: "replay", id: endpointId, deliveryId: d.id }, { method: "post" })
                    }
                  >
                    {t("integrations.replay")}
                  </Button>
                ) : null}
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </BlockStack>
    </Card>
  );
}
