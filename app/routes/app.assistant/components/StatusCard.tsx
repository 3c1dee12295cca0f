import { Badge, BlockStack, Card, DataTable, InlineStack, ProgressBar, Text } from "@shopify/polaris";

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
  const circuitTone = c.state === "closed" ? "success" : c.state === "open" ? "critical" : "attention";
  const circuitLabel =
    c.state === "closed"
      ? "Provider healthy"
      : c.state === "open"
        ? `Provider paused after failures (${c.lastErrorKind ?? "error"}); retrying in ${Math.ceil((c.retryInMs ?? 0) / 1000)} s`
        : "Provider being retried";
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" align="space-between">
          <Text as="h2" variant="headingMd">
            Status
          </Text>
          <InlineStack gap="200">
            <Badge tone={overview.effective.mode === "provider" ? "success" : "info"}>
              {overview.effective.mode === "provider" ? `AI: ${overview.effective.model}` : "Built-in responder"}
            </Badge>
            {overview.effective.mode === "provider" ? <Badge tone={circuitTone}>{circuitLabel}</Badge> : null}
            {today.exhausted ? (
              <Badge tone="warning">Daily cap reached: built-in responder until midnight UTC</Badge>
            ) : null}
          </InlineStack>
        </InlineStack>
        <Text as="p" variant="bodySm" tone="subdued">
          Today: {today.used.toLocaleString("en")} tokens{today.cap > 0 ? ` of ${today.cap.toLocaleString("en")}` : ""}{" "}
          · {today.requests} requests · estimated {dollars(today.costMicros)}
        </Text>
        {today.cap > 0 ? <ProgressBar progress={Math.min(100, (today.used / today.cap) * 100)} size="small" /> : null}
        {days.length > 0 ? (
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
            headings={["Day (UTC)", "Tokens in", "Tokens out", "Requests", "Est. cost"]}
            rows={days.map((d) => [d.day, d.tokensIn, d.tokensOut, d.requests, dollars(d.costMicros)])}
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}
