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
    return Response.json({ ok: false, errors: { form: refusal("settings.change") } }, { status: 403 });
  }
  const parsed = settingsFormSchema.safeParse(nestFormData(await readForm(request)));
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
    return Response.json({ ok: false, errors }, { status: 422 });
  }
  const saved = await updateShopSettings(session.shop, toStoredSettings(parsed.data));
  if (!saved) return Response.json({ ok: false, errors: { form: "Shop not installed" } }, { status: 404 });
  return Response.json({ ok: true, errors: {} as Record<string, string> });
};

export default function Settings() {
  const { settings, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: boolean; errors: Record<string, string> }>();
  const errors = result?.errors ?? {};
  const saving = useNavigation().state === "submitting";
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
    if (result?.ok && typeof window !== "undefined") window.shopify?.toast.show("Settings saved");
  }, [result]);

  return (
    <Page
      title="Settings"
      secondaryActions={[
        { content: "Email", url: "/app/settings/email" },
        { content: "SLA targets", url: "/app/settings/sla" },
      ]}
    >
      <Form method="post">
        <Layout>
          {!canEdit ? (
            <Layout.Section>
              <Banner tone="info">Only admins can change settings. Ask the store owner for the admin role.</Banner>
            </Layout.Section>
          ) : null}
          {errors.form ? (
            <Layout.Section>
              <Banner tone="critical">{errors.form}</Banner>
            </Layout.Section>
          ) : null}
          <Layout.AnnotatedSection title="Chat" description="What shoppers see and how chats reach your team.">
            <Card>
              <FormLayout>
                <TextField
                  label="Greeting"
                  name="greeting"
                  value={form.greeting}
                  onChange={set("greeting")}
                  multiline={2}
                  autoComplete="off"
                  helpText="The chat's first message, in every language. A Welcome message set on the theme's chat block is shown instead."
                  error={errors.greeting}
                  disabled={!canEdit}
                />
                <Checkbox
                  label="Show the “Talk to a person” button"
                  name="handoffEnabled"
                  value="on"
                  checked={form.handoffEnabled}
                  onChange={set("handoffEnabled")}
                  disabled={!canEdit}
                />
                <Select
                  label="Routing"
                  name="routingMode"
                  options={[
                    { label: "Assign automatically to the least busy operator", value: "auto" },
                    { label: "Operators claim chats from the queue", value: "manual" },
                  ]}
                  value={form.routingMode}
                  onChange={set("routingMode")}
                  disabled={!canEdit}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Business hours"
            description="Outside these hours the widget shows you as offline and requests become tickets."
          >
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
          <Layout.AnnotatedSection
            title="Timeouts and retention"
            description="When idle chats move on, and how long closed ones are kept."
          >
            <Card>
              <FormLayout>
                <FormLayout.Group>
                  <TextField
                    label="Mark shopper away after (minutes)"
                    name="inactivityAwayMinutes"
                    type="number"
                    value={form.inactivityAwayMinutes}
                    onChange={set("inactivityAwayMinutes")}
                    autoComplete="off"
                    error={errors.inactivityAwayMinutes}
                    disabled={!canEdit}
                  />
                  <TextField
                    label="Close idle chats after (minutes)"
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
                  label="A transfer waits for the colleague's answer (seconds)"
                  name="transferTimeoutSeconds"
                  type="number"
                  value={form.transferTimeoutSeconds}
                  onChange={set("transferTimeoutSeconds")}
                  autoComplete="off"
                  helpText="Unanswered by then, the chat goes to the queue."
                  error={errors.transferTimeoutSeconds}
                  disabled={!canEdit}
                />
                <TextField
                  label="Delete closed conversations after (days)"
                  name="retentionDays"
                  type="number"
                  value={form.retentionDays}
                  onChange={set("retentionDays")}
                  autoComplete="off"
                  error={errors.retentionDays}
                  disabled={!canEdit}
                />
                <TextField
                  label="Notification email"
                  name="notifyEmail"
                  type="email"
                  value={form.notifyEmail}
                  onChange={set("notifyEmail")}
                  autoComplete="email"
                  error={errors.notifyEmail}
                  helpText="New queued chats with nobody online and new tickets are emailed here when SMTP is configured."
                  disabled={!canEdit}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.Section>
            <BlockStack inlineAlign="end">
              <Button submit variant="primary" loading={saving} disabled={!canEdit}>
                Save
              </Button>
            </BlockStack>
            {result?.ok ? (
              <Text as="p" tone="success">
                Settings saved.
              </Text>
            ) : null}
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}
