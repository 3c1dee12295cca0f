import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { BlockStack, Box, Card, InlineGrid, InlineStack, Layout, Page, Select, Text } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { formatDuration, formatPercent, summarize } from "../domain/analytics";
import {
  conversationsForAnalytics,
  getShopSettings,
  ticketsForAnalytics,
  topUnansweredQuestions,
} from "../repositories/admin.server";

const RANGES = ["7", "30", "90"] as const;
const querySchema = z.object({ days: z.enum(RANGES).catch("30") });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { days } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const now = new Date();
  const since = new Date(now.getTime() - Number(days) * 86_400_000);
  const [conversations, tickets, settings, unanswered] = await Promise.all([
    conversationsForAnalytics(session.shop, since),
    ticketsForAnalytics(session.shop, since),
    getShopSettings(session.shop),
    topUnansweredQuestions(session.shop, 5),
  ]);
  const timeZone = settings?.timezone ?? "UTC";
  return {
    days,
    timeZone,
    summary: summarize(conversations, tickets, { days: Number(days), now, timeZone }),
    unanswered,
  };
};

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="p" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="headingXl">
          {value}
        </Text>
      </BlockStack>
    </Card>
  );
}

export default function Analytics() {
  const { days, timeZone, summary, unanswered } = useLoaderData<typeof loader>();
  const [, setParams] = useSearchParams();
  const peak = Math.max(1, ...summary.perDay.map((d) => d.count));
  return (
    <Page title="Analytics" subtitle={`Last ${days} days, ${timeZone}`}>
      <Layout>
        <Layout.Section>
          <Box maxWidth="240px">
            <Select
              label="Date range"
              labelInline
              options={RANGES.map((r) => ({ label: `Last ${r} days`, value: r }))}
              value={days}
              onChange={(value) => setParams({ days: value })}
            />
          </Box>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
            <Stat label="Conversations" value={String(summary.conversations)} />
            <Stat label="Resolved by the assistant" value={formatPercent(summary.aiResolvedShare)} />
            <Stat label="Escalation rate" value={formatPercent(summary.escalationRate)} />
            <Stat label="Median first human reply" value={formatDuration(summary.medianFirstResponseSeconds)} />
            <Stat label="Median resolution time" value={formatDuration(summary.medianResolutionSeconds)} />
            <Stat
              label={`CSAT (${summary.csat.responses} ratings)`}
              value={summary.csat.average === null ? "—" : `${summary.csat.average.toFixed(1)} / 5`}
            />
            <Stat label={`SLA met (${summary.tickets} tickets)`} value={formatPercent(summary.slaCompliance)} />
            <Stat label="AI cost" value={`$${(summary.aiCostMicros / 1_000_000).toFixed(2)}`} />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Conversations per day
              </Text>
              <div
                role="img"
                aria-label={`Conversations per day: ${summary.perDay.map((d) => `${d.day} ${d.count}`).join(", ")}`}
                style={{ display: "flex", alignItems: "flex-end", gap: 2, height: 140 }}
              >
                {summary.perDay.map((d) => (
                  <div
                    key={d.day}
                    title={`${d.day}: ${d.count}`}
                    style={{
                      flex: 1,
                      height: `${Math.max(2, (d.count / peak) * 100)}%`,
                      background: d.count ? "var(--p-color-bg-fill-brand)" : "var(--p-color-border-secondary)",
                      borderRadius: 3,
                    }}
                  />
                ))}
              </div>
              <InlineStack align="space-between">
                <Text as="span" tone="subdued">
                  {summary.perDay[0]?.day}
                </Text>
                <Text as="span" tone="subdued">
                  {summary.perDay.at(-1)?.day}
                </Text>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Busiest hours
                </Text>
                {summary.busiestHours.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No conversations in this period.
                  </Text>
                ) : (
                  summary.busiestHours.map((h) => (
                    <InlineStack key={h.hour} align="space-between">
                      <Text as="span">{`${String(h.hour).padStart(2, "0")}:00–${String(h.hour).padStart(2, "0")}:59`}</Text>
                      <Text as="span">{h.count}</Text>
                    </InlineStack>
                  ))
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Top unanswered questions
                </Text>
                {unanswered.length === 0 ? (
                  <Text as="p" tone="subdued">
                    The assistant had an answer for everything so far.
                  </Text>
                ) : (
                  unanswered.map((u) => (
                    <InlineStack key={u.id} align="space-between" wrap={false}>
                      <Text as="span">{u.question}</Text>
                      <Text as="span">{u.count}</Text>
                    </InlineStack>
                  ))
                )}
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
