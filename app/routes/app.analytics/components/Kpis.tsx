/** The headline figures, each with the previous period's value and the change. */
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { Compared } from "../../../domain/analytics/series";
import { formatChange } from "../../../domain/analytics/series";
import { useT } from "../../../lib/i18n/react";

export interface Kpi {
  id: string;
  label: string;
  figure: Compared;
  format: (value: number | null) => string;
  /** True when a lower value is the better one (response times). */
  lowerIsBetter?: boolean;
}

function KpiCard({ kpi }: { kpi: Kpi }) {
  const { value, previous, change } = kpi.figure;
  const { t } = useT();
  const better = change === null || change === 0 ? null : change < 0 === Boolean(kpi.lowerIsBetter);
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" tone="subdued">
          {kpi.label}
        </Text>
        <Text as="p" variant="headingXl" id={`kpi-${kpi.id}`}>
          {kpi.format(value)}
        </Text>
        <Text as="p" variant="bodySm" tone={better === null ? "subdued" : better ? "success" : "critical"}>
          {formatChange(change)}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {t("analytics.kpi.previous", { value: kpi.format(previous) })}
        </Text>
      </BlockStack>
    </Card>
  );
}

export function Kpis({ kpis }: { kpis: Kpi[] }) {
  return (
    <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
      {kpis.map((k) => (
        <KpiCard key={k.id} kpi={k} />
      ))}
    </InlineGrid>
  );
}
