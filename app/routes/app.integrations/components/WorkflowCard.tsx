import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import type { IntegrationResult } from "../../../integrations/admin-actions.server";
import type { IntegrationsData } from "../route";
import { fieldError, ResultBanner } from "./Result";
import { useT } from "../../../lib/i18n/react";

export function WorkflowCard({ workflow }: { workflow: IntegrationsData["workflow"] }) {
  const fetcher = useFetcher<IntegrationResult>();
  const [enabled, setEnabled] = useState(workflow.enabled);
  const { t } = useT();
  const [url, setUrl] = useState(workflow.url);
  const [timeout, setTimeoutSeconds] = useState(String(workflow.timeoutSeconds));
  const save = (rotate: boolean) =>
    fetcher.submit(
      { intent: "workflow", enabled: String(enabled), url, timeoutSeconds: timeout, rotate: String(rotate) },
      { method: "post" },
    );
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("integrations.workflow")}
        </Text>
        <Text as="p" tone="subdued">
          {t("integrations.workflowIntro")}
        </Text>
        <ResultBanner result={fetcher.data} />
        <FormLayout>
          <Checkbox label={t("integrations.useWorkflow")} checked={enabled} onChange={setEnabled} />
          <TextField
            label={t("integrations.workflowUrl")}
            autoComplete="off"
            value={url}
            onChange={setUrl}
            error={fieldError(fetcher.data, "url")}
          />
          <TextField
            label={t("integrations.wait")}
            type="number"
            autoComplete="off"
            value={timeout}
            onChange={setTimeoutSeconds}
            error={fieldError(fetcher.data, "timeoutSeconds")}
          />
          <TextField label={t("integrations.callback")} autoComplete="off" value={workflow.callbackUrl} readOnly />
          <InlineStack gap="200">
            <Button variant="primary" loading={fetcher.state !== "idle"} onClick={() => save(false)}>
              {t("common.actions.save")}
            </Button>
            {workflow.hasSecret ? <Button onClick={() => save(true)}>{t("integrations.rotate")}</Button> : null}
          </InlineStack>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
