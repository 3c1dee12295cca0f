/**
 * A chart with its data as a table (ADR 173). The chart is drawn by Polaris Viz in the browser only,
 * after hydration: the server and the browser's first render both show the same placeholder, so
 * React sees no mismatch. The table is always in the page for screen readers (the chart is hidden
 * from them) and can be shown to everyone with "Show as table".
 */
import { useEffect, useState, type CSSProperties, type ReactNode } from "react";
import { BlockStack, Box, Button, Card, DataTable, InlineStack, Text } from "@shopify/polaris";
import { useT } from "../../../lib/i18n/react";

const VISUALLY_HIDDEN: CSSProperties = {
  position: "absolute",
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: "hidden",
  clip: "rect(0, 0, 0, 0)",
  whiteSpace: "nowrap",
  border: 0,
};

/** False on the server and during hydration, true once mounted in the browser. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export interface TableData {
  headings: string[];
  rows: (string | number)[][];
  /** Columns holding numbers (right-aligned). */
  numeric?: boolean[];
}

export function ChartCard(props: {
  title: string;
  description?: string;
  table: TableData;
  empty?: string | null;
  height?: number;
  /** Rendered in the browser only. */
  chart: () => ReactNode;
  testId: string;
}) {
  const hydrated = useHydrated();
  const [showTable, setShowTable] = useState(false);
  const { t } = useT();
  const height = props.height ?? 240;
  const table = (
    <DataTable
      columnContentTypes={props.table.headings.map((_, i) => (props.table.numeric?.[i] ? "numeric" : "text"))}
      headings={props.table.headings}
      rows={props.table.rows}
    />
  );
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <BlockStack gap="050">
            <Text as="h2" variant="headingMd">
              {props.title}
            </Text>
            {props.description ? (
              <Text as="p" tone="subdued">
                {props.description}
              </Text>
            ) : null}
          </BlockStack>
          {props.empty ? null : (
            <Button variant="plain" onClick={() => setShowTable((v) => !v)} ariaExpanded={showTable}>
              {showTable ? t("analytics.showChart") : t("analytics.showTable")}
            </Button>
          )}
        </InlineStack>
        {props.empty ? (
          <Box minHeight="80px">
            <Text as="p" tone="subdued">
              {props.empty}
            </Text>
          </Box>
        ) : showTable ? (
          <div data-testid={`${props.testId}-table`}>{table}</div>
        ) : (
          <>
            <div aria-hidden="true" data-testid={`${props.testId}-chart`} style={{ height, minWidth: 0 }}>
              {hydrated ? props.chart() : null}
            </div>
            <div style={VISUALLY_HIDDEN} data-testid={`${props.testId}-table`}>
              {table}
            </div>
          </>
        )}
      </BlockStack>
    </Card>
  );
}
