import { Badge, BlockStack, Card, IndexTable, Text, type BadgeProps } from "@shopify/polaris";
import type { ImportPlan, PlanAction } from "../../../domain/knowledge/import-plan";

const ACTION: Record<PlanAction, { label: string; tone: BadgeProps["tone"] }> = {
  create: { label: "Create", tone: "success" },
  update: { label: "Update", tone: "info" },
  unchanged: { label: "Unchanged", tone: undefined },
  error: { label: "Error", tone: "critical" },
};

/** Every row of the file with what importing it would do, errors first. */
export function PreviewTable({ plan }: { plan: ImportPlan }) {
  const order: PlanAction[] = ["error", "create", "update", "unchanged"];
  const rows = [...plan.rows].sort((a, b) => order.indexOf(a.action) - order.indexOf(b.action) || a.row - b.row);
  return (
    <Card padding="0">
      <IndexTable
        resourceName={{ singular: "row", plural: "rows" }}
        itemCount={rows.length}
        selectable={false}
        headings={[{ title: "Row" }, { title: "What happens" }, { title: "Question" }, { title: "Details" }]}
      >
        {rows.map((r, index) => (
          <IndexTable.Row id={`row-${r.row}`} key={r.row} position={index}>
            <IndexTable.Cell>{r.row}</IndexTable.Cell>
            <IndexTable.Cell>
              <Badge tone={ACTION[r.action].tone}>{ACTION[r.action].label}</Badge>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <div style={{ maxWidth: 360, whiteSpace: "normal" }}>
                <Text as="span" breakWord>
                  <bdi dir="auto">{r.question || "—"}</bdi>
                </Text>
              </div>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <div style={{ maxWidth: 420, whiteSpace: "normal" }}>
                {r.errors?.length ? (
                  <BlockStack gap="100">
                    {r.errors.map((e) => (
                      <Text as="span" tone="critical" key={e} breakWord>
                        {`Row ${r.row}: ${e}`}
                      </Text>
                    ))}
                  </BlockStack>
                ) : r.changes?.length ? (
                  <Text as="span">{`Changes ${r.changes.join(", ")}`}</Text>
                ) : (
                  <Text as="span" tone="subdued">
                    {r.action === "create" ? `New entry (${r.locale})` : "Already in your FAQ"}
                  </Text>
                )}
              </div>
            </IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
    </Card>
  );
}
