/** Analytics (ADR 170–173): the shop's figures for a period, compared with the period before. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, InlineGrid, Layout, Page } from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { authenticate } from "../../shopify.server";
import { requireOperator } from "../../domain/permissions.server";
import { can } from "../../domain/permissions";
import { defaultRange, parseRange } from "../../domain/analytics/range";
import { formatCost, formatDuration, formatPercent } from "../../domain/analytics/series";
import { loadAnalytics, shopTimeZone } from "./analytics.server";
import { ChartCard } from "./components/ChartCard";
import { CostChart, dayLabel, PerDayChart, TagChart } from "./components/Charts";
import { ExportCard } from "./components/ExportCard";
import { HeatMap } from "./components/HeatMap";
import { Kpis, type Kpi } from "./components/Kpis";
import { RangePicker } from "./components/RangePicker";
import { StaffTable, UnansweredList } from "./components/Tables";
import { useT } from "../../lib/i18n/react";

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const operator = await requireOperator(context);
  const shop = context.session.shop;
  const timeZone = await shopTimeZone(shop);
  const now = new Date();
  const parsed = parseRange(new URL(request.url).searchParams, now, timeZone);
  const range = parsed.ok ? parsed.range : defaultRange(now, timeZone);
  const data = await loadAnalytics(shop, range, timeZone);
  return {
    timeZone,
    range: { preset: parsed.ok ? range.preset : "custom", from: range.from, to: range.to, days: range.days },
    previous: { from: range.previous.from, to: range.previous.to },
    fields: parsed.ok ? {} : parsed.fields,
    canExport: can(operator.role, "data.export"),
    ...data,
  };
};

const decimal = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)} / 5`);
const count = (v: number | null) => (v === null ? "—" : String(v));

export default function Analytics() {
  const d = useLoaderData<typeof loader>();
  const { t } = useT();
  const kpis: Kpi[] = [
    { id: "conversations", label: t("analytics.kpi.conversations"), figure: d.outcomes.conversations, format: count },
    {
      id: "ai-resolved",
      label: t("analytics.kpi.aiResolved"),
      figure: d.outcomes.aiResolvedShare,
      format: formatPercent,
    },
    {
      id: "escalation",
      label: t("analytics.kpi.escalation"),
      figure: d.outcomes.escalationRate,
      format: formatPercent,
      lowerIsBetter: true,
    },
    {
      id: "first-response",
      label: t("analytics.kpi.firstResponse"),
      figure: d.response.firstResponse,
      format: formatDuration,
      lowerIsBetter: true,
    },
    {
      id: "resolution",
      label: t("analytics.kpi.resolution"),
      figure: d.response.resolution,
      format: formatDuration,
      lowerIsBetter: true,
    },
    {
      id: "csat",
      label: t("analytics.kpi.csat", { count: d.outcomes.ratings }),
      figure: d.outcomes.csat,
      format: decimal,
    },
    { id: "sla", label: t("analytics.kpi.sla"), figure: d.sla.compliance, format: formatPercent },
    {
      id: "ai-cost",
      label: t("analytics.kpi.aiCost"),
      figure: d.aiCost.total,
      format: formatCost,
      lowerIsBetter: true,
    },
  ];
  const total = d.volume.perDay.reduce((s, x) => s + x.count, 0);
  const previousCounts = d.volume.previousPerDay.map((x) => x.count);
  return (
    <Page
      title={t("analytics.title")}
      subtitle={t("analytics.subtitle", {
        from: d.range.from,
        to: d.range.to,
        zone: d.timeZone,
        prevFrom: d.previous.from,
        prevTo: d.previous.to,
      })}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="300">
            {Object.keys(d.fields).length ? (
              <Banner tone="critical" title={t("analytics.badRange")}>
                {t("analytics.showingLast30", { errors: Object.values(d.fields).join(" ") })}
              </Banner>
            ) : null}
            <RangePicker preset={d.range.preset} from={d.range.from} to={d.range.to} fields={d.fields} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <Kpis kpis={kpis} />
        </Layout.Section>
        <Layout.Section>
          <ChartCard
            testId="per-day"
            title={t("analytics.perDay")}
            description={t("analytics.perDayDescription", {
              current: total,
              previous: previousCounts.reduce((s, x) => s + x, 0),
            })}
            empty={total === 0 && previousCounts.every((x) => x === 0) ? t("analytics.noConversations") : null}
            table={{
              headings: [t("analytics.day"), t("analytics.conversations"), t("analytics.previousPeriod")],
              numeric: [false, true, true],
              rows: d.volume.perDay.map((x, i) => [dayLabel(x.day), x.count, previousCounts[i] ?? 0]),
            }}
            chart={() => <PerDayChart current={d.volume.perDay} previous={previousCounts} />}
          />
        </Layout.Section>
        <Layout.Section>
          <HeatMap grid={d.volume.heatMap} timeZone={d.timeZone} />
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
            <ChartCard
              testId="ai-cost"
              title={t("analytics.aiCostPerDay")}
              description={t("analytics.aiCostDescription")}
              empty={d.aiCost.perDay.length === 0 ? t("analytics.noAiUsage") : null}
              table={{
                headings: [t("analytics.day"), t("analytics.cost")],
                numeric: [false, true],
                rows: d.aiCost.perDay.map((x) => [dayLabel(x.day), formatCost(x.costMicros)]),
              }}
              chart={() => <CostChart perDay={d.aiCost.perDay} />}
            />
            <ChartCard
              testId="tags"
              title={t("analytics.byTag")}
              empty={d.tags.length === 0 ? t("analytics.noTags") : null}
              table={{
                headings: [t("analytics.tag"), t("analytics.conversations")],
                numeric: [false, true],
                rows: d.tags.map((row) => [row.tag, row.count]),
              }}
              chart={() => <TagChart tags={d.tags} />}
            />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <StaffTable rows={d.staff} />
        </Layout.Section>
        <Layout.Section>
          <UnansweredList rows={d.unanswered} />
        </Layout.Section>
        {d.canExport ? (
          <Layout.Section>
            <ExportCard from={d.range.from} to={d.range.to} />
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
