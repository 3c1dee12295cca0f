/** Busiest hours: conversations started per weekday × hour in the shop's time zone, as a grid and a table. */
import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { WEEKDAYS } from "../../../domain/analytics/series";
import { useT } from "../../../lib/i18n/react";

const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const hour = (h: number) => `${String(h).padStart(2, "0")}:00`;

export function HeatMap({ grid, timeZone }: { grid: number[][]; timeZone: string }) {
  const { t } = useT();
  const peak = Math.max(0, ...grid.flat());
  const days = WEEKDAYS.map((_, d) => t(`analytics.weekdays.${DAY_KEYS[d]!}`));
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("analytics.heatMap.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("analytics.heatMap.description", { zone: timeZone })}
        </Text>
        {peak === 0 ? (
          <Text as="p" tone="subdued">
            {t("analytics.noConversations")}
          </Text>
        ) : (
          <>
            <div aria-hidden="true" data-testid="heatmap-grid" style={{ overflowX: "auto" }}>
              <div
                style={{
                  display: "grid",
                  gridTemplateColumns: "36px repeat(24, minmax(14px, 1fr))",
                  gap: 2,
                  minWidth: 420,
                }}
              >
                <span />
                {grid[0]!.map((_, h) => (
                  <span key={h} style={{ fontSize: 10, textAlign: "center", color: "var(--p-color-text-secondary)" }}>
                    {h % 3 === 0 ? String(h).padStart(2, "0") : ""}
                  </span>
                ))}
                {grid.map((row, d) => [
                  <span key={`l${d}`} style={{ fontSize: 12, color: "var(--p-color-text-secondary)" }}>
                    {days[d]}
                  </span>,
                  ...row.map((n, h) => (
                    <span
                      key={`${d}-${h}`}
                      title={`${days[d]} ${hour(h)}: ${n}`}
                      style={{
                        height: 18,
                        borderRadius: 3,
                        background: n === 0 ? "var(--p-color-bg-surface-secondary)" : "var(--p-color-bg-fill-brand)",
                        opacity: n === 0 ? 1 : 0.2 + 0.8 * (n / peak),
                      }}
                    />
                  )),
                ])}
              </div>
            </div>
            <details>
              <summary style={{ cursor: "pointer" }}>{t("analytics.showTable")}</summary>
              <div data-testid="heatmap-table" style={{ overflowX: "auto" }}>
                <DataTable
                  columnContentTypes={["text", ...grid[0]!.map(() => "numeric" as const)]}
                  headings={[t("analytics.day"), ...grid[0]!.map((_, h) => hour(h))]}
                  rows={grid.map((row, d) => [days[d]!, ...row])}
                />
              </div>
            </details>
          </>
        )}
      </BlockStack>
    </Card>
  );
}
