import { Badge, BlockStack, Card, IndexTable, Text, type BadgeProps } from "@shopify/polaris";
import type { ImportPlan, PlanAction } from "../../../domain/knowledge/import-plan";
import { useT } from "../../../lib/i18n/react";

const TONE = new Map<PlanAction, BadgeProps["tone"]>([
  ["create", "success"],
  ["update", "info"],
  ["error", "critical"],
]);

/** Every row of the file with what importing it would do, errors first. */
export function PreviewTable({ plan }: { plan: ImportPlan }) {
  const { t } = useT();
  const order: PlanAction[] = ["error", "create", "update", "unchanged"];
  const rows = [...plan.rows].sort((a, b) => order.indexOf(a.action) - order.indexOf(b.action) || a.row - b.row);
  return (
    <Card padding="0">
      <IndexTable
        resourceName={{ singular: t("knowledge.import.row"), plural: t("knowledge.import.rows") }}
        itemCount={rows.length}
        selectable={false}
        headings={[
          { title: t("knowledge.import.rowHeading") },
          { title: t("knowledge.import.whatHappens") },
          { title: t("knowledge.import.question") },
          { title: t("knowledge.import.details") },
        ]}
      >
        {rows.map((r, index) => (
          <IndexTable.Row id={`row-${r.row}`} key={r.row} position={index}>
            <IndexTable.Cell>{r.row}</IndexTable.Cell>
            <IndexTable.Cell>
              <Badge tone={TONE.get(r.action)}>{t(`knowledge.import.action.${r.action}`)}</Badge>
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
                        {t("knowledge.import.rowError", { row: r.row, error: e })}
                      </Text>
                    ))}
                  </BlockStack>
                ) : r.changes?.length ? (
                  <Text as="span">{t("knowledge.import.changes", { fields: r.changes.join(", ") })}</Text>
                ) : (
                  <Text as="span" tone="subdued">
                    {r.action === "create"
                      ? t("knowledge.import.newEntry", { locale: r.locale })
                      : t("knowledge.import.already")}
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
