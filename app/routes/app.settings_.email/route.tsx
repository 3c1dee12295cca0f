import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
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
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { requireOperator } from "../../domain/permissions.server";
import { readForm } from "../../lib/forms.server";
import { loadEmailSettings, runEmailAction } from "./email.server";
import { adminLocale } from "../../lib/i18n/locale.server";
import { useT } from "../../lib/i18n/react";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  return loadEmailSettings(context.session.shop, await requireOperator(context));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requireOperator(context);
  return runEmailAction(context.session.shop, me, await readForm(request), adminLocale(request, me));
};

type Result = { intent: string; ok: boolean; message?: string; errors: Record<string, string> };

const TLS_OPTIONS = ["starttls", "tls", "none"] as const;

export default function EmailSettings() {
  const { form: initial, canEdit, me, inbound } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state === "submitting";
  const { t } = useT();
  const [form, setForm] = useState({ ...initial, password: "" });
  const [testTo, setTestTo] = useState(initial.fromAddress);
  const [mine, setMine] = useState(me);
  const errors = result?.errors ?? {};
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const said = (intent: string) => (result?.intent === intent ? result : undefined);
  const field = (key: keyof typeof form, label: string, extra: Record<string, unknown> = {}) => (
    <TextField
      label={label}
      name={key}
      value={String(form[key])}
      onChange={set(key)}
      error={errors[key]}
      autoComplete="off"
      disabled={!canEdit}
      {...extra}
    />
  );
  return (
    <Page title={t("email.title")} backAction={{ content: t("email.back"), url: "/app/settings" }}>
      <Layout>
        <Layout.AnnotatedSection title={t("email.smtp")} description={t("email.smtpDescription")}>
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="save" />
              <FormLayout>
                {said("save")?.message ? (
                  <Banner tone={result?.ok ? "success" : "critical"}>{said("save")?.message}</Banner>
                ) : null}
                {errors.form ? <Banner tone="critical">{errors.form}</Banner> : null}
                <FormLayout.Group>
                  {field("host", t("email.host"), { placeholder: "smtp.example.com" })}
                  {field("port", t("email.port"), { type: "number" })}
                </FormLayout.Group>
                <Select
                  label={t("email.encryption")}
                  name="tls"
                  options={TLS_OPTIONS.map((value) => ({ label: t(`email.${value}`), value }))}
                  value={form.tls}
                  onChange={set("tls")}
                  disabled={!canEdit}
                  error={errors.tls}
                />
                <FormLayout.Group>
                  {field("user", t("email.user"))}
                  {field("password", t("email.password"), {
                    type: "password",
                    helpText: initial.hasPassword ? t("email.passwordStored") : undefined,
                  })}
                </FormLayout.Group>
                <FormLayout.Group>
                  {field("fromName", t("email.fromName"))}
                  {field("fromAddress", t("email.fromAddress"), { type: "email" })}
                </FormLayout.Group>
                {field("replyTo", t("email.replyTo"), {
                  type: "email",
                  helpText: inbound ? t("email.replyToInbound") : t("email.replyToNoInbound"),
                })}
                <Button submit variant="primary" loading={busy} disabled={!canEdit}>
                  {t("common.actions.save")}
                </Button>
              </FormLayout>
            </Form>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title={t("email.test")} description={t("email.testDescription")}>
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="test" />
              <BlockStack gap="300">
                <InlineStack gap="300" blockAlign="end" wrap>
                  <TextField
                    label={t("email.sendTo")}
                    name="testTo"
                    type="email"
                    value={testTo}
                    onChange={setTestTo}
                    autoComplete="email"
                    error={errors.testTo}
                    disabled={!canEdit}
                  />
                  <Button submit loading={busy} disabled={!canEdit}>
                    {t("email.sendTest")}
                  </Button>
                </InlineStack>
                <div role="status" aria-live="polite">
                  {said("test")?.message ? (
                    <Text as="p" tone={result?.ok ? "success" : "critical"}>
                      {said("test")?.message}
                    </Text>
                  ) : null}
                </div>
              </BlockStack>
            </Form>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title={t("email.mine")} description={t("email.mineDescription")}>
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="me" />
              <input type="hidden" name="emailNotifications" value={mine.emailNotifications ? "on" : "off"} />
              <FormLayout>
                {said("me")?.message ? (
                  <Banner tone={result?.ok ? "success" : "critical"}>{said("me")?.message}</Banner>
                ) : null}
                <Checkbox
                  label={t("email.mineCheckbox")}
                  checked={mine.emailNotifications}
                  onChange={(v) => setMine((m) => ({ ...m, emailNotifications: v }))}
                />
                <TextField
                  label={t("email.myEmail")}
                  name="email"
                  type="email"
                  value={mine.email}
                  onChange={(v) => setMine((m) => ({ ...m, email: v }))}
                  autoComplete="email"
                  error={said("me") ? errors.email : undefined}
                />
                <Button submit loading={busy}>
                  {t("email.saveMine")}
                </Button>
              </FormLayout>
            </Form>
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
