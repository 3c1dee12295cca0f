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

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  return loadEmailSettings(context.session.shop, await requireOperator(context));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requireOperator(context);
  return runEmailAction(context.session.shop, me, await readForm(request));
};

type Result = { intent: string; ok: boolean; message?: string; errors: Record<string, string> };

const TLS_OPTIONS = [
  { label: "STARTTLS (usually port 587)", value: "starttls" },
  { label: "TLS (usually port 465)", value: "tls" },
  { label: "None (allow-listed local servers only)", value: "none" },
];

export default function EmailSettings() {
  const { form: initial, canEdit, me, inbound } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state === "submitting";
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
    <Page title="Email" backAction={{ content: "Settings", url: "/app/settings" }}>
      <Layout>
        <Layout.AnnotatedSection
          title="Outgoing mail (SMTP)"
          description="Ticket confirmations and public replies are sent to shoppers through this server; staff notifications too. The password is stored encrypted and only ever sent to the server it was entered for."
        >
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="save" />
              <FormLayout>
                {said("save")?.message ? (
                  <Banner tone={result?.ok ? "success" : "critical"}>{said("save")?.message}</Banner>
                ) : null}
                {errors.form ? <Banner tone="critical">{errors.form}</Banner> : null}
                <FormLayout.Group>
                  {field("host", "SMTP host", { placeholder: "smtp.example.com" })}
                  {field("port", "Port", { type: "number" })}
                </FormLayout.Group>
                <Select
                  label="Encryption"
                  name="tls"
                  options={TLS_OPTIONS}
                  value={form.tls}
                  onChange={set("tls")}
                  disabled={!canEdit}
                  error={errors.tls}
                />
                <FormLayout.Group>
                  {field("user", "User name")}
                  {field("password", "Password", {
                    type: "password",
                    helpText: initial.hasPassword
                      ? "A password is stored for this server; leave empty to keep it."
                      : undefined,
                  })}
                </FormLayout.Group>
                <FormLayout.Group>
                  {field("fromName", "Sender name")}
                  {field("fromAddress", "Sender address", { type: "email" })}
                </FormLayout.Group>
                {field("replyTo", "Reply-to address", {
                  type: "email",
                  helpText: inbound
                    ? "Replies to ticket emails come back to the ticket through a per-ticket address; this one is used for other emails."
                    : "Where shoppers' replies go (inbound email is not configured on this server).",
                })}
                <Button submit variant="primary" loading={busy} disabled={!canEdit}>
                  Save
                </Button>
              </FormLayout>
            </Form>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title="Send a test email" description="Sends one email now with the saved settings.">
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="test" />
              <BlockStack gap="300">
                <InlineStack gap="300" blockAlign="end" wrap>
                  <TextField
                    label="Send to"
                    name="testTo"
                    type="email"
                    value={testTo}
                    onChange={setTestTo}
                    autoComplete="email"
                    error={errors.testTo}
                    disabled={!canEdit}
                  />
                  <Button submit loading={busy} disabled={!canEdit}>
                    Send test email
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
        <Layout.AnnotatedSection
          title="My notifications"
          description="Email me when a shopper waits with nobody online, when a ticket is opened and when a requester replies."
        >
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="me" />
              <input type="hidden" name="emailNotifications" value={mine.emailNotifications ? "on" : "off"} />
              <FormLayout>
                {said("me")?.message ? (
                  <Banner tone={result?.ok ? "success" : "critical"}>{said("me")?.message}</Banner>
                ) : null}
                <Checkbox
                  label="Email me about new chats and tickets"
                  checked={mine.emailNotifications}
                  onChange={(v) => setMine((m) => ({ ...m, emailNotifications: v }))}
                />
                <TextField
                  label="My email"
                  name="email"
                  type="email"
                  value={mine.email}
                  onChange={(v) => setMine((m) => ({ ...m, email: v }))}
                  autoComplete="email"
                  error={said("me") ? errors.email : undefined}
                />
                <Button submit loading={busy}>
                  Save my notifications
                </Button>
              </FormLayout>
            </Form>
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
