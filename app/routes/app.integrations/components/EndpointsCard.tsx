import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { Badge, BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import type { IntegrationResult } from "../../../integrations/admin-actions.server";
import type { IntegrationsData } from "../route";
import { fieldError, ResultBanner } from "./Result";

export function EndpointsCard({ data, onSelect }: { data: IntegrationsData; onSelect: (id: string) => void }) {
  const fetcher = useFetcher<IntegrationResult>();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(data.eventTypes);
  const busy = fetcher.state !== "idle";
  const post = (fields: Record<string, string>) => fetcher.submit(fields, { method: "post" });
  const create = () => {
    const form = new FormData();
    form.set("intent", "create");
    form.set("url", url);
    for (const e of events) form.append("events", e);
    fetcher.submit(form, { method: "post" });
  };
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Webhook endpoints
        </Text>
        <Text as="p" tone="subdued">
          Tandem posts conversation and ticket events to these URLs, signed with Standard Webhooks. See
          docs/api/webhooks.md for the payloads.
        </Text>
        <ResultBanner result={fetcher.data} />
        {data.endpoints.map((e) => (
          <Card key={e.id} background={e.id === data.selected ? "bg-surface-secondary" : "bg-surface"}>
            <BlockStack gap="200">
              <InlineStack gap="200" align="space-between" blockAlign="center">
                <Text as="p" fontWeight="semibold" breakWord>
                  <bdi>{e.url}</bdi>
                </Text>
                {e.enabled ? (
                  <Badge tone="success">On</Badge>
                ) : (
                  <Badge tone="critical">{e.disabledReason === "failing" ? "Off: failing for days" : "Off"}</Badge>
                )}
              </InlineStack>
              <Text as="p" tone="subdued">
                {e.events.join(", ")} · secret {e.secretHint}
              </Text>
              <InlineStack gap="200">
                <Button onClick={() => onSelect(e.id)}>Delivery log</Button>
                <Button disabled={busy} onClick={() => post({ intent: "test", id: e.id })}>
                  Send test
                </Button>
                <Button disabled={busy} onClick={() => post({ intent: "rotate", id: e.id })}>
                  Rotate secret
                </Button>
                <Button
                  disabled={busy}
                  onClick={() => post({ intent: "enable", id: e.id, enabled: String(!e.enabled) })}
                >
                  {e.enabled ? "Turn off" : "Turn on"}
                </Button>
                <Button tone="critical" disabled={busy} onClick={() => post({ intent: "delete", id: e.id })}>
                  Delete
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        ))}
        <FormLayout>
          <TextField
            label="Endpoint URL"
            autoComplete="off"
            value={url}
            onChange={setUrl}
            placeholder="https://example.com/tandem-events"
            error={fieldError(fetcher.data, "url")}
          />
          <BlockStack gap="100">
            {data.eventTypes.map((t) => (
              <Checkbox
                key={t}
                label={t}
                checked={events.includes(t)}
                onChange={(on) => setEvents(on ? [...events, t] : events.filter((x) => x !== t))}
              />
            ))}
            {fieldError(fetcher.data, "events") ? (
              <Text as="p" tone="critical">
                {fieldError(fetcher.data, "events")}
              </Text>
            ) : null}
          </BlockStack>
          <Button variant="primary" loading={busy} onClick={create}>
            Add endpoint
          </Button>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
