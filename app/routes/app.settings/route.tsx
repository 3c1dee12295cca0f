import { adminLocale } from "../../lib/i18n/locale.server";
import { translator } from "../../lib/i18n/catalog";
import { formErrors } from "../../lib/i18n/form-errors";
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
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { can, refusal } from "../../domain/permissions";
import { requireOperator } from "../../domain/permissions.server";
import { readForm } from "../../lib/forms.server";
import {
  nestFormData,
  parseBusinessHours,
  parseHolidays,
  settingsFormSchema,
  toStoredSettings,
} from "../../domain/settings";
import { getShopSettings, updateShopSettings } from "../../repositories/admin.server";
import { BusinessHoursCard } from "./components/BusinessHoursCard";
import { useT } from "../../lib/i18n/react";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const [settings, operator] = await Promise.all([getShopSettings(context.session.shop), requireOperator(context)]);
  if (!settings) throw new Response("Shop not installed", { status: 404 });
  return {
    settings: {
      ...settings,
      businessHours: parseBusinessHours(settings.businessHours),
      holidays: parseHolidays(settings.holidays),
    },
    canEdit: can(operator.role, "settings.change"),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const { session } = context;
  const operator = await requireOperator(context);
  if (!can(operator.role, "settings.change")) {
    return Response.json(
      { ok: false, errors: { form: refusal("settings.change", adminLocale(request, operator)) } },
      { status: 403 },
    );
  }
  const t = translator(adminLocale(request, operator));
  const parsed = settingsFormSchema.safeParse(nestFormData(await readForm(request)));
  if (!parsed.success) return Response.json({ ok: false, errors: formErrors(parsed.error, t) }, { status: 422 });
  const saved = await updateShopSettings(session.shop, toStoredSettings(parsed.data));
  if (!saved) return Response.json({ ok: false, errors: { form: t("validation.notInstalled") } }, { status: 404 });
  return Response.json({ ok: true, errors: {} as Record<string, string> });
};

export default function Settings() {
  const { settings, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: boolean; errors: Record<string, string> }>();
  const errors = result?.errors ?? {};
  const saving = useNavigation().state === "submitting";
  const { t } = useT();
  const [form, setForm] = useState({
    timezone: settings.timezone,
    greeting: settings.greeting ?? "",
    routingMode: settings.routingMode,
    handoffEnabled: settings.handoffEnabled,
    inactivityAwayMinutes: String(settings.inactivityAwayMinutes),
    inactivityCloseMinutes: String(settings.inactivityCloseMinutes),
    transferTimeoutSeconds: String(settings.transferTimeoutSeconds),
    retentionDays: String(settings.retentionDays),
    notifyEmail: settings.notifyEmail ?? "",
    holidays: settings.holidays.join(", "),
  });
  const set = (key: keyof typeof form) => (value: string | boolean) => setForm((f) => ({ ...f, [key]: value }));
  useEffect(() => {
    if (result?.ok && typeof window !== "undefined") window.shopify?.toast.show(t("settings.saved"));
  }, [result, t]);

  return (
    <Page
      title={t("settings.title")}
      secondaryActions={[
        { content: t("settings.email"), url: "/app/settings/email" },
        { content: t("settings.sla"), url: "/app/settings/sla" },
      ]}
    >
      <Form method="post">
        <Layout>
          {!canEdit ? (
            <Layout.Section>
              <Banner tone="info">{t("settings.onlyAdmins")}</Banner>
            </Layout.Section>
          ) : null}
          {errors.form ? (
            <Layout.Section>
              <Banner tone="critical">{errors.form}</Banner>
            </Layout.Section>
          ) : null}
          <Layout.AnnotatedSection title={t("settings.chat")} description={t("settings.chatDescription")}>
            <Card>
              <FormLayout>
                <TextField
                  label={t("settings.greeting")}
                  name="greeting"
                  value={form.greeting}
                  onChange={set("greeting")}
                  multiline={2}
                  autoComplete="off"
                  helpText={t("settings.greetingHelp")}
                  error={errors.greeting}
                  disabled={!canEdit}
                />
                <Checkbox
                  label={t("settings.handoff")}
                  name="handoffEnabled"
                  value="on"
                  checked={form.handoffEnabled}
                  onChange={set("handoffEnabled")}
                  disabled={!canEdit}
                />
                <Select
                  label={t("settings.routing")}
                  name="routingMode"
                  options={[
                    { label: t("settings.routingAuto"), value: "auto" },
                    { label: t("settings.routingManual"), value: "manual" },
                  ]}
                  value={form.routingMode}
                  onChange={set("routingMode")}
                  disabled={!canEdit}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("settings.hours")} description={t("settings.hoursDescription")}>
            <BusinessHoursCard
              hours={settings.businessHours}
              timezone={form.timezone}
              onTimezoneChange={set("timezone")}
              holidays={form.holidays}
              onHolidaysChange={set("holidays")}
              errors={errors}
              disabled={!canEdit}
            />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("settings.timeouts")} description={t("settings.timeoutsDescription")}>
            <Card>
              <FormLayout>
                <FormLayout.Group>
                  <TextField
                    label={t("settings.awayAfter")}
                    name="inactivityAwayMinutes"
                    type="number"
                    value={form.inactivityAwayMinutes}
                    onChange={set("inactivityAwayMinutes")}
                    autoComplete="off"
                    error={errors.inactivityAwayMinutes}
                    disabled={!canEdit}
                  />
                  <TextField
                    label={t("settings.closeAfter")}
                    name="inactivityCloseMinutes"
                    type="number"
                    value={form.inactivityCloseMinutes}
                    onChange={set("inactivityCloseMinutes")}
                    autoComplete="off"
                    error={errors.inactivityCloseMinutes}
                    disabled={!canEdit}
                  />
                </FormLayout.Group>
                <TextField
                  label={t("settings.transferTimeout")}
                  name="transferTimeoutSeconds"
                  type="number"
                  value={form.transferTimeoutSeconds}
                  onChange={set("transferTimeoutSeconds")}
                  autoComplete="off"
                  helpText={t("settings.transferTimeoutHelp")}
                  error={errors.transferTimeoutSeconds}
                  disabled={!canEdit}
                />
                <TextField
                  label={t("settings.retention")}
                  name="retentionDays"
                  type="number"
                  value={form.retentionDays}
                  onChange={set("retentionDays")}
                  autoComplete="off"
                  error={errors.retentionDays}
                  disabled={!canEdit}
                />
                <TextField
                  label={t("settings.notifyEmail")}
                  name="notifyEmail"
                  type="email"
                  value={form.notifyEmail}
                  onChange={set("notifyEmail")}
                  autoComplete="email"
                  error={errors.notifyEmail}
                  helpText={t("settings.notifyEmailHelp")}
                  disabled={!canEdit}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.Section>
            <BlockStack inlineAlign="end">
              <Button submit variant="primary" loading={saving} disabled={!canEdit}>
                {t("common.actions.save")}
              </Button>
            </BlockStack>
            {result?.ok ? (
              <Text as="p" tone="success">
                {t("settings.savedLine")}
              </Text>
            ) : null}
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}
