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
      title="Import FAQ from CSV"
      backAction={{ content: "Knowledge", url: "/app/knowledge" }}
      subtitle="Nothing changes until you press Import."
    >
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <DropZone
                label="CSV file"
                accept=".csv,text/csv"
                type="file"
                allowMultiple={false}
                onDrop={(_all, accepted) => choose(accepted[0])}
              >
                <DropZone.FileUpload actionTitle="Choose a CSV file" actionHint="or drop it here (UTF-8, up to 1 MB)" />
              </DropZone>
              {file ? <Text as="p" tone="subdued">{`File: ${file.name}`}</Text> : null}
              {preview.result && !preview.result.ok ? (
                <Banner tone="critical" title="This file cannot be imported">
                  {preview.result.error.message}
                </Banner>
              ) : null}
              {done ? (
                <Banner tone="success" title="Imported">
                  {`${done.create} created, ${done.update} updated, ${done.unchanged} unchanged. The assistant uses them from now on.`}
                </Banner>
              ) : null}
              {applyError ? <Banner tone="critical">{applyError}</Banner> : null}
              {plan && !done ? (
                <InlineStack align="space-between" blockAlign="center" gap="300">
                  <Text as="p">
                    {plan.counts.error > 0
                      ? `${plan.counts.error} ${plan.counts.error === 1 ? "row has an error" : "rows have errors"}: fix the file and choose it again.`
                      : changes === 0
                        ? "Nothing to change: every entry in the file is already in your FAQ."
                        : `Ready: ${plan.counts.create} to create, ${plan.counts.update} to update, ${plan.counts.unchanged} unchanged.`}
                  </Text>
                  <Button
                    variant="primary"
                    disabled={plan.counts.error > 0 || changes === 0}
                    loading={apply.busy}
                    onClick={() =>
                      file && void apply.call("/app/api/knowledge/import", { body: upload("apply", file) })
                    }
                  >
                    {`Import ${changes} ${changes === 1 ? "entry" : "entries"}`}
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
                The file
              </Text>
              <List>
                <List.Item>{`A first row naming the columns: ${CSV_COLUMNS.join(", ")}. Only question and answer are required.`}</List.Item>
                <List.Item>
                  key finds the entry to update (Export CSV writes it); without a key, the same question and language
                  do.
                </List.Item>
                <List.Item>
                  phrasings: one per line in the cell; tags: comma-separated; locale: en, it, fr, de or es; enabled:
                  true or false.
                </List.Item>
                <List.Item>{`Up to ${MAX_CSV_ROWS.toLocaleString("en")} rows and 1 MB, UTF-8, comma- or semicolon-separated.`}</List.Item>
              </List>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
