import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { Badge, BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import type { IntegrationResult } from "../../../integrations/admin-actions.server";
import type { IntegrationsData } from "../route";
import { fieldError, ResultBanner } from "./Result";
import { useT } from "../../../lib/i18n/react";

export function EndpointsCard({ data, onSelect }: { data: IntegrationsData; onSelect: (id: string) => void }) {
  const fetcher = useFetcher<IntegrationResult>();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(data.eventTypes);
  const busy = fetcher.state !== "idle";
  const { t } = useT();
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
          {t("integrations.endpoints")}
        </Text>
        <Text as="p" tone="subdued">
          {t("integrations.endpointsIntro")}
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
                  <Badge tone="success">{t("integrations.on")}</Badge>
                ) : (
                  <Badge tone="critical">
                    {e.disabledReason === "failing" ? t("integrations.offFailing") : t("integrations.off")}
                  </Badge>
                )}
              </InlineStack>
              <Text as="p" tone="subdued">
                {t("integrations.secret", { events: e.events.join(", "), hint: e.secretHint })}
              </Text>
              <InlineStack gap="200">
                <Button onClick={() => onSelect(e.id)}>{t("integrations.deliveryLog")}</Button>
                <Button disabled={busy} onClick={() => post({ intent: "test", id: e.id })}>
                  {t("integrations.sendTest")}
                </Button>
                <Button disabled={busy} onClick={() => post({ intent: "rotate", id: e.id })}>
                  {t("integrations.rotate")}
                </Button>
                <Button
                  disabled={busy}
                  onClick={() => post({ intent: "enable", id: e.id, enabled: String(!e.enabled) })}
                >
                  {e.enabled ? t("integrations.turnOff") : t("integrations.turnOn")}
                </Button>
                <Button tone="critical" disabled={busy} onClick={() => post({ intent: "delete", id: e.id })}>
                  {t("common.actions.delete")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        ))}
        <FormLayout>
          <TextField
            label={t("integrations.endpointUrl")}
            autoComplete="off"
            value={url}
            onChange={setUrl}
            placeholder="https://example.com/tandem-events"
            error={fieldError(fetcher.data, "url")}
          />
          <BlockStack gap="100">
            {data.eventTypes.map((type) => (
              <Checkbox
                key={type}
                label={type}
                checked={events.includes(type)}
                onChange={(on) => setEvents(on ? [...events, type] : events.filter((x) => x !== type))}
              />
            ))}
            {fieldError(fetcher.data, "events") ? (
              <Text as="p" tone="critical">
                {fieldError(fetcher.data, "events")}
              </Text>
            ) : null}
          </BlockStack>
          <Button variant="primary" loading={busy} onClick={create}>
            {t("integrations.addEndpoint")}
          </Button>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
