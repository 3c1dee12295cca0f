/**
 * The Polaris Viz charts of the page (drawn in the browser only, inside ChartCard). Day labels are
 * the shop's calendar days, formatted without any time zone conversion ("1 Dec").
 */
import { BarChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import type { ReactNode } from "react";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-12-01" → "1 Dec" (a calendar day, so no time zone applies). */
export function dayLabel(day: string): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1] ?? ""}`;
}

function Viz({ children }: { children: ReactNode }) {
  return <PolarisVizProvider defaultTheme="Light">{children}</PolarisVizProvider>;
}

export function PerDayChart({ current, previous }: { current: { day: string; count: number }[]; previous: number[] }) {
  return (
    <Viz>
      <LineChart
        isAnimated={false}
        data={[
          { name: "This period", data: current.map((d) => ({ key: dayLabel(d.day), value: d.count })) },
          {
            name: "Previous period",
            isComparison: true,
            data: current.map((d, i) => ({ key: dayLabel(d.day), value: previous[i] ?? 0 })),
          },
        ]}
      />
    </Viz>
  );
}

export function CostChart({ perDay }: { perDay: { day: string; costMicros: number }[] }) {
  return (
    <Viz>
      <BarChart
        isAnimated={false}
        showLegend={false}
        yAxisOptions={{ labelFormatter: (v) => `$${(Number(v) / 1_000_000).toFixed(2)}` }}
        data={[{ name: "AI cost", data: perDay.map((d) => ({ key: dayLabel(d.day), value: d.costMicros })) }]}
      />
    </Viz>
  );
}

export function TagChart({ tags }: { tags: { tag: string; count: number }[] }) {
  return (
    <Viz>
      <BarChart
        isAnimated={false}
        showLegend={false}
        direction="horizontal"
        data={[{ name: "Conversations", data: tags.map((t) => ({ key: t.tag, value: t.count })) }]}
      />
    </Viz>
  );
}
