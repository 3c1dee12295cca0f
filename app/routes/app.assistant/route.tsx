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
import { useT } from "../../lib/i18n/react";
import { translator } from "../../lib/i18n/catalog";
import { adminLocale } from "../../lib/i18n/locale.server";

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
    if (!can(operator.role, "assistant.test")) return forbidden("assistant.test", adminLocale(request, operator));
    const r = await testAssistantConnection(session.shop);
    return Response.json({
      intent: "test",
      ok: r.ok,
      message: describeConnectionTest(r, translator(adminLocale(request, operator))),
    } satisfies ActionResult);
  }
  if (!can(operator.role, "assistant.change")) {
    return Response.json(
      { intent: "save", ok: false, errors: { form: refusal("assistant.change", adminLocale(request, operator)) } },
      { status: 403 },
    );
  }
  const result = await saveAssistantSettings(session.shop, form, translator(adminLocale(request, operator)));
  return Response.json({ intent: "save", ...result } satisfies ActionResult, { status: result.ok ? 200 : 422 });
};

export default function AssistantSettings() {
  const { overview, canEdit, canTest } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state === "submitting";
  const { t } = useT();
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
      if (typeof window !== "undefined") window.shopify?.toast.show(t("assistant.saved"));
    }
  }, [result, t]);

  const keyText =
    overview.key.source === "shop"
      ? t("assistant.keyShop", { hint: overview.key.hint ?? "" })
      : overview.key.source === "app"
        ? t("assistant.keyApp")
        : t("assistant.keyNone");

  return (
    <Page title={t("assistant.title")} subtitle={t("assistant.subtitle")}>
      <Layout>
        {!canEdit ? (
          <Layout.Section>
            <Banner tone="info">{t("assistant.onlyAdmins")}</Banner>
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
                  {t("assistant.provider")}
                </Text>
                <TextField
                  label={t("assistant.baseUrl")}
                  name="aiBaseUrl"
                  value={form.aiBaseUrl}
                  onChange={set("aiBaseUrl")}
                  autoComplete="off"
                  placeholder={overview.effective.baseUrl}
                  helpText={t("assistant.baseUrlHelp")}
                  error={errors.aiBaseUrl}
                  disabled={!canEdit}
                />
                <TextField
                  label={t("assistant.model")}
                  name="aiModel"
                  value={form.aiModel}
                  onChange={set("aiModel")}
                  autoComplete="off"
                  placeholder={overview.effective.appDefaultModel}
                  error={errors.aiModel}
                  disabled={!canEdit}
                />
                <TextField
                  label={t("assistant.apiKey")}
                  name="apiKey"
                  type="password"
                  value={form.apiKey}
                  onChange={set("apiKey")}
                  autoComplete="new-password"
                  helpText={t("assistant.keyStored", { text: keyText })}
                  error={errors.apiKey}
                  disabled={!canEdit}
                />
                {overview.key.source === "shop" ? (
                  <Checkbox
                    label={t("assistant.removeKey")}
                    name="removeKey"
                    value="on"
                    checked={form.removeKey}
                    onChange={set("removeKey")}
                    disabled={!canEdit}
                  />
                ) : null}
                <Text as="h2" variant="headingMd">
                  {t("assistant.behaviour")}
                </Text>
                <TextField
                  label={t("assistant.persona")}
                  name="aiPersona"
                  value={form.aiPersona}
                  onChange={set("aiPersona")}
                  multiline={3}
                  autoComplete="off"
                  helpText={t("assistant.personaHelp")}
                  error={errors.aiPersona}
                  disabled={!canEdit}
                />
                <TextField
                  label={t("assistant.rules")}
                  name="aiRules"
                  value={form.aiRules}
                  onChange={set("aiRules")}
                  multiline={4}
                  autoComplete="off"
                  helpText={t("assistant.rulesHelp")}
                  error={errors.aiRules}
                  disabled={!canEdit}
                />
                <FormLayout.Group>
                  <TextField
                    label={t("assistant.temperature")}
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
                    label={t("assistant.maxTokens")}
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
                    label={t("assistant.dailyCap")}
                    name="aiDailyTokenCap"
                    type="number"
                    min={0}
                    value={form.aiDailyTokenCap}
                    onChange={set("aiDailyTokenCap")}
                    autoComplete="off"
                    helpText={t("assistant.dailyCapHelp")}
                    error={errors.aiDailyTokenCap}
                    disabled={!canEdit}
                  />
                </FormLayout.Group>
                <input type="hidden" name="intent" value="save" />
                <InlineStack gap="300">
                  <Button submit variant="primary" loading={busy} disabled={!canEdit}>
                    {t("common.actions.save")}
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
                    {t("assistant.testConnection")}
                  </Button>
                  <Text as="span" tone="subdued">
                    {t("assistant.testHelp")}
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
