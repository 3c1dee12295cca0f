/**
 * CSV import of FAQ entries: choose a file, see what each row would do (create, update, unchanged,
 * or an error with its reason), then import. Nothing is written before "Import"; a file with an
 * error imports nothing. The format is the one "Export CSV" writes (ADR 116).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useState } from "react";
import { Banner, BlockStack, Button, Card, DropZone, InlineStack, Layout, List, Page, Text } from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { CSV_COLUMNS, MAX_CSV_ROWS } from "../../domain/knowledge/csv-format";
import type { ImportPlan } from "../../domain/knowledge/import-plan";
import { useAdminApi } from "../../lib/admin-api";
import { useT } from "../../lib/i18n/react";
import { PreviewTable } from "./components/PreviewTable";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return { columns: [...CSV_COLUMNS], maxRows: MAX_CSV_ROWS };
};

function upload(mode: "preview" | "apply", file: File): FormData {
  const form = new FormData();
  form.set("mode", mode);
  form.set("file", file);
  return form;
}

export default function KnowledgeImport() {
  const { t } = useT();
  const [file, setFile] = useState<File | null>(null);
  const preview = useAdminApi<{ plan: ImportPlan }>();
  const apply = useAdminApi<{ plan: ImportPlan; applied: boolean }>();

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    apply.reset();
    void preview.call("/app/api/knowledge/import", { body: upload("preview", chosen) }, { revalidate: false });
  };

  const plan = preview.result?.ok ? preview.result.data.plan : null;
  const changes = plan ? plan.counts.create + plan.counts.update : 0;
  const done = apply.result?.ok ? apply.result.data.plan.counts : null;
  const applyError = apply.result && !apply.result.ok ? apply.result.error.message : null;

  return (
    <Page
      title={t("knowledge.import.title")}
      backAction={{ content: t("common.nav.knowledge"), url: "/app/knowledge" }}
      subtitle={t("knowledge.import.subtitle")}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <DropZone
                label={t("knowledge.import.file")}
                accept=".csv,text/csv"
                type="file"
                allowMultiple={false}
                onDrop={(_all, accepted) => choose(accepted[0])}
              >
                <DropZone.FileUpload
                  actionTitle={t("knowledge.import.choose")}
                  actionHint={t("knowledge.import.hint")}
                />
              </DropZone>
              {file ? (
                <Text as="p" tone="subdued">
                  {t("knowledge.import.fileName", { name: file.name })}
                </Text>
              ) : null}
              {preview.result && !preview.result.ok ? (
                <Banner tone="critical" title={t("knowledge.import.cannot")}>
                  {preview.result.error.message}
                </Banner>
              ) : null}
              {done ? (
                <Banner tone="success" title={t("knowledge.import.imported")}>
                  {t("knowledge.import.importedSummary", { ...done })}
                </Banner>
              ) : null}
              {applyError ? <Banner tone="critical">{applyError}</Banner> : null}
              {plan && !done ? (
                <InlineStack align="space-between" blockAlign="center" gap="300">
                  <Text as="p">
                    {plan.counts.error > 0
                      ? t("knowledge.import.rowErrors", { count: plan.counts.error })
                      : changes === 0
                        ? t("knowledge.import.nothing")
                        : t("knowledge.import.ready", { ...plan.counts })}
                  </Text>
                  <Button
                    variant="primary"
                    disabled={plan.counts.error > 0 || changes === 0}
                    loading={apply.busy}
                    onClick={() =>
                      file && void apply.call("/app/api/knowledge/import", { body: upload("apply", file) })
                    }
                  >
                    {t("knowledge.import.button", { count: changes })}
                  </Button>
                </InlineStack>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>
        {plan ? (
          <Layout.Section>
            <PreviewTable plan={plan} />
          </Layout.Section>
        ) : null}
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("knowledge.import.theFile")}
              </Text>
              <List>
                <List.Item>{t("knowledge.import.columns", { columns: CSV_COLUMNS.join(", ") })}</List.Item>
                <List.Item>{t("knowledge.import.key")}</List.Item>
                <List.Item>{t("knowledge.import.format")}</List.Item>
                <List.Item>{t("knowledge.import.limits", { rows: MAX_CSV_ROWS })}</List.Item>
              </List>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
