import { Badge, BlockStack, Card, DataTable, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { useT } from "../../../lib/i18n/react";

interface Overview {
  effective: { mode: string; baseUrl: string; model: string };
  usage: {
    today: { used: number; cap: number; exhausted: boolean; costMicros: number; requests: number };
    days: { day: string; tokensIn: number; tokensOut: number; costMicros: number; requests: number }[];
  };
  circuit: { state: string; failures: number; retryInMs: number | null; lastErrorKind: string | null };
}

const dollars = (micros: number) => `$${(micros / 1_000_000).toFixed(4)}`;

/** Which responder answers right now, today's usage against the cap, and the circuit breaker. */
export function StatusCard({ overview }: { overview: Overview }) {
  const { today, days } = overview.usage;
  const c = overview.circuit;
  const { t } = useT();
  const circuitTone = c.state === "closed" ? "success" : c.state === "open" ? "critical" : "attention";
  const circuitLabel =
    c.state === "closed"
      ? t("assistant.status.healthy")
      : c.state === "open"
        ? t("assistant.status.paused", {
            kind: c.lastErrorKind ?? "error",
            seconds: Math.ceil((c.retryInMs ?? 0) / 1000),
          })
        : t("assistant.status.retrying");
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" align="space-between">
          <Text as="h2" variant="headingMd">
            {t("assistant.status.title")}
          </Text>
          <InlineStack gap="200">
            <Badge tone={overview.effective.mode === "provider" ? "success" : "info"}>
              {overview.effective.mode === "provider"
                ? t("assistant.status.ai", { model: overview.effective.model })
                : t("assistant.status.builtin")}
            </Badge>
            {overview.effective.mode === "provider" ? <Badge tone={circuitTone}>{circuitLabel}</Badge> : null}
            {today.exhausted ? <Badge tone="warning">{t("assistant.status.capReached")}</Badge> : null}
          </InlineStack>
        </InlineStack>
        <Text as="p" variant="bodySm" tone="subdued">
          {t("assistant.status.today", { used: today.used })}
          {today.cap > 0 ? t("assistant.status.ofCap", { cap: today.cap }) : ""}{" "}
          {t("assistant.status.requests", { count: today.requests, cost: dollars(today.costMicros) })}
        </Text>
        {today.cap > 0 ? <ProgressBar progress={Math.min(100, (today.used / today.cap) * 100)} size="small" /> : null}
        {days.length > 0 ? (
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
            headings={[
              t("assistant.status.day"),
              t("assistant.status.tokensIn"),
              t("assistant.status.tokensOut"),
              t("assistant.status.requestsColumn"),
              t("assistant.status.cost"),
            ]}
            rows={days.map((d) => [d.day, d.tokensIn, d.tokensOut, d.requests, dollars(d.costMicros)])}
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}
