import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import type { IntegrationResult } from "../../../integrations/admin-actions.server";
import type { IntegrationsData } from "../route";
import { fieldError, ResultBanner } from "./Result";

export function WorkflowCard({ workflow }: { workflow: IntegrationsData["workflow"] }) {
  const fetcher = useFetcher<IntegrationResult>();
  const [enabled, setEnabled] = useState(workflow.enabled);
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
          External workflow (n8n or any)
        </Text>
        <Text as="p" tone="subdued">
          Each shopper message is posted, signed, to your workflow; it answers on the callback URL below. When it does
          not answer in time, the built-in assistant replies and offers a person. Guide:
          docs/integrations/n8n/README.md.
        </Text>
        <ResultBanner result={fetcher.data} />
        <FormLayout>
          <Checkbox label="Answer shoppers with my workflow" checked={enabled} onChange={setEnabled} />
          <TextField
            label="Workflow URL"
            autoComplete="off"
            value={url}
            onChange={setUrl}
            error={fieldError(fetcher.data, "url")}
          />
          <TextField
            label="Wait for the workflow (seconds)"
            type="number"
            autoComplete="off"
            value={timeout}
            onChange={setTimeoutSeconds}
            error={fieldError(fetcher.data, "timeoutSeconds")}
          />
          <TextField
            label="Callback URL (for the workflow's HTTP Request)"
            autoComplete="off"
            value={workflow.callbackUrl}
            readOnly
          />
          <InlineStack gap="200">
            <Button variant="primary" loading={fetcher.state !== "idle"} onClick={() => save(false)}>
              Save
            </Button>
            {workflow.hasSecret ? <Button onClick={() => save(true)}>Rotate secret</Button> : null}
          </InlineStack>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
