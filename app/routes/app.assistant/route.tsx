import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { can, refusal } from "../../domain/permissions";
import { forbidden, requireOperator } from "../../domain/permissions.server";
import { readForm } from "../../lib/forms.server";
import { assistantOverview, saveAssistantSettings, testAssistantConnection } from "../../ai/settings.server";
import { describeConnectionTest } from "../../ai/connection-result";
import { StatusCard } from "./components/StatusCard";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const [overview, operator] = await Promise.all([assistantOverview(context.session.shop), requireOperator(context)]);
  if (!overview) throw new Response("Shop not installed", { status: 404 });
  return { overview, canEdit: can(operator.role, "assistant.change"), canTest: can(operator.role, "assistant.test") };
};

type ActionResult =
  { intent: "save"; ok: boolean; errors: Record<string, string> } | { intent: "test"; ok: boolean; message: string };

export const action = async ({ request }: ActionFunctionArgs): Promise<Response> => {
  const context = await authenticate.admin(request);
  const { session } = context;
  const operator = await requireOperator(context);
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "test") {
    if (!can(operator.role, "assistant.test")) return forbidden("assistant.test");
    const r = await testAssistantConnection(session.shop);
    return Response.json({
      intent: "test",
      ok: r.ok,
      message: describeConnectionTest(r),
    } satisfies ActionResult);
  }
  if (!can(operator.role, "assistant.change")) {
    return Response.json({ intent: "save", ok: false, errors: { form: refusal("assistant.change") } }, { status: 403 });
  }
  const result = await saveAssistantSettings(session.shop, form);
  return Response.json({ intent: "save", ...result } satisfies ActionResult, { status: result.ok ? 200 : 422 });
};

export default function AssistantSettings() {
  const { overview, canEdit, canTest } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.intent === "save" ? result.errors : {};
  const s = overview.settings;
  const [form, setForm] = useState({
    aiBaseUrl: s.aiBaseUrl,
    aiModel: s.aiModel,
    apiKey: "",
    removeKey: false,
    aiPersona: s.aiPersona,
    aiRules: s.aiRules,
    aiTemperature: String(s.aiTemperature),
    aiMaxTokens: String(s.aiMaxTokens),
    aiDailyTokenCap: String(s.aiDailyTokenCap),
  });
  const set = (key: keyof typeof form) => (value: string | boolean) => setForm((f) => ({ ...f, [key]: value }));
  useEffect(() => {
    if (result?.intent === "save" && result.ok) {
      setForm((f) => ({ ...f, apiKey: "", removeKey: false }));
      if (typeof window !== "undefined") window.shopify?.toast.show("Assistant saved");
    }
  }, [result]);

  const keyText =
    overview.key.source === "shop"
      ? `This store's key is set (${overview.key.hint}).`
      : overview.key.source === "app"
        ? "Using the app-wide key. Enter a key to use your own provider account."
        : "No key: the built-in responder answers from your FAQ and policies.";

  return (
    <Page title="Assistant" subtitle="How the AI answers your shoppers">
      <Layout>
        {!canEdit ? (
          <Layout.Section>
            <Banner tone="info">Only admins can change the assistant.</Banner>
          </Layout.Section>
        ) : null}
        {errors.form ? (
          <Layout.Section>
            <Banner tone="critical">{errors.form}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <StatusCard overview={overview} />
        </Layout.Section>
        <Layout.Section>
          <Form method="post">
            <Card>
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  Provider
                </Text>
                <TextField
                  label="Base URL"
                  name="aiBaseUrl"
                  value={form.aiBaseUrl}
                  onChange={set("aiBaseUrl")}
                  autoComplete="off"
                  placeholder={overview.effective.baseUrl}
                  helpText="Any OpenAI-compatible https endpoint (OpenAI, Azure OpenAI, OpenRouter, Ollama, vLLM). Used with your own key; changing it needs the key again."
                  error={errors.aiBaseUrl}
                  disabled={!canEdit}
                />
                <TextField
                  label="Model"
                  name="aiModel"
                  value={form.aiModel}
                  onChange={set("aiModel")}
                  autoComplete="off"
                  placeholder={overview.effective.appDefaultModel}
                  error={errors.aiModel}
                  disabled={!canEdit}
                />
                <TextField
                  label="API key"
                  name="apiKey"
                  type="password"
                  value={form.apiKey}
                  onChange={set("apiKey")}
                  autoComplete="new-password"
                  helpText={`${keyText} The key is stored encrypted and never shown again.`}
                  error={errors.apiKey}
                  disabled={!canEdit}
                />
                {overview.key.source === "shop" ? (
                  <Checkbox
                    label="Remove this store's key"
                    name="removeKey"
                    value="on"
                    checked={form.removeKey}
                    onChange={set("removeKey")}
                    disabled={!canEdit}
                  />
                ) : null}
                <Text as="h2" variant="headingMd">
                  Behaviour
                </Text>
                <TextField
                  label="Persona"
                  name="aiPersona"
                  value={form.aiPersona}
                  onChange={set("aiPersona")}
                  multiline={3}
                  autoComplete="off"
                  helpText="Tone and name, e.g. “Friendly, expert snowboarders who keep it short.”"
                  error={errors.aiPersona}
                  disabled={!canEdit}
                />
                <TextField
                  label="Rules"
                  name="aiRules"
                  value={form.aiRules}
                  onChange={set("aiRules")}
                  multiline={4}
                  autoComplete="off"
                  helpText="One per line, e.g. “Never promise delivery dates.”"
                  error={errors.aiRules}
                  disabled={!canEdit}
                />
                <FormLayout.Group>
                  <TextField
                    label="Temperature"
                    name="aiTemperature"
                    type="number"
                    step={0.1}
                    min={0}
                    max={2}
                    value={form.aiTemperature}
                    onChange={set("aiTemperature")}
                    autoComplete="off"
                    error={errors.aiTemperature}
                    disabled={!canEdit}
                  />
                  <TextField
                    label="Max tokens per answer"
                    name="aiMaxTokens"
                    type="number"
                    min={50}
                    max={4000}
                    value={form.aiMaxTokens}
                    onChange={set("aiMaxTokens")}
                    autoComplete="off"
                    error={errors.aiMaxTokens}
                    disabled={!canEdit}
                  />
                  <TextField
                    label="Daily token cap"
                    name="aiDailyTokenCap"
                    type="number"
                    min={0}
                    value={form.aiDailyTokenCap}
                    onChange={set("aiDailyTokenCap")}
                    autoComplete="off"
                    helpText="After this many tokens in a day (UTC) the built-in responder takes over. 0 = no cap."
                    error={errors.aiDailyTokenCap}
                    disabled={!canEdit}
                  />
                </FormLayout.Group>
                <input type="hidden" name="intent" value="save" />
                <InlineStack gap="300">
                  <Button submit variant="primary" loading={busy} disabled={!canEdit}>
                    Save
                  </Button>
                </InlineStack>
              </FormLayout>
            </Card>
          </Form>
        </Layout.Section>
        <Layout.Section>
          <Form method="post">
            <input type="hidden" name="intent" value="test" />
            <Card>
              <BlockStack gap="200">
                <InlineStack gap="300" blockAlign="center">
                  <Button submit loading={busy} disabled={!canTest}>
                    Test connection
                  </Button>
                  <Text as="span" tone="subdued">
                    Sends one short request with the saved settings. The key goes only to the base URL it was entered
                    for.
                  </Text>
                </InlineStack>
                <div role="status" aria-live="polite">
                  {result?.intent === "test" ? (
                    <Text as="p" tone={result.ok ? "success" : "critical"} breakWord>
                      {result.message}
                    </Text>
                  ) : null}
                </div>
              </BlockStack>
            </Card>
          </Form>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
