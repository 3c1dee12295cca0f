import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { Banner, Button, Card, FormLayout, Layout, Page, Text, TextField } from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { can, refusal } from "../../domain/permissions";
import { requireOperator } from "../../domain/permissions.server";
import { readForm } from "../../lib/forms.server";
import { TICKET_PRIORITIES, TICKET_PRIORITY_LABEL } from "../../domain/ticket-status";
import { slaContext, saveSlaTargets } from "../../domain/sla/jobs.server";
import { slaTargetsSchema } from "../../domain/sla/targets";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requireOperator(context);
  const { targets } = await slaContext(context.session.shop);
  return { targets, canEdit: can(me.role, "settings.change") };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requireOperator(context);
  if (!can(me.role, "settings.change"))
    return Response.json({ ok: false, errors: { form: refusal("settings.change") } }, { status: 403 });
  const form = await readForm(request);
  const get = (key: string) => String(form.get(key) ?? "");
  const raw = {
    ...Object.fromEntries(
      TICKET_PRIORITIES.map((p) => [
        p,
        { firstResponseMinutes: get(`${p}.firstResponseMinutes`), resolutionMinutes: get(`${p}.resolutionMinutes`) },
      ]),
    ),
    chat: { firstResponseMinutes: get("chat.firstResponseMinutes") },
  };
  const parsed = slaTargetsSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = Object.fromEntries(
      parsed.error.issues.map((i) => [i.path.join("."), "Enter whole minutes from 0 (no target) to 129600 (90 days)"]),
    );
    return Response.json({ ok: false, errors }, { status: 422 });
  }
  await saveSlaTargets(context.session.shop, parsed.data);
  return Response.json({ ok: true, errors: {} });
};

export default function SlaSettings() {
  const { targets, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: boolean; errors: Record<string, string> }>();
  const errors = result?.errors ?? {};
  const busy = useNavigation().state === "submitting";
  const [values, setValues] = useState<Record<string, string>>(() => {
    const v: Record<string, string> = { "chat.firstResponseMinutes": String(targets.chat.firstResponseMinutes) };
    for (const p of TICKET_PRIORITIES) {
      v[`${p}.firstResponseMinutes`] = String(targets[p].firstResponseMinutes);
      v[`${p}.resolutionMinutes`] = String(targets[p].resolutionMinutes);
    }
    return v;
  });
  const input = (name: string, label: string) => (
    <TextField
      label={label}
      name={name}
      type="number"
      min={0}
      suffix="business min"
      value={values[name] ?? ""}
      onChange={(v) => setValues((s) => ({ ...s, [name]: v }))}
      error={errors[name]}
      autoComplete="off"
      disabled={!canEdit}
    />
  );
  return (
    <Page title="SLA targets" backAction={{ content: "Settings", url: "/app/settings" }}>
      <Form method="post">
        <Layout>
          <Layout.AnnotatedSection
            title="Tickets"
            description="Counted in business hours (Settings → Business hours, holidays included). A warning comes at 80% of the time; 0 means no target. New and re-prioritised tickets use these targets."
          >
            <Card>
              <FormLayout>
                {result?.ok ? <Banner tone="success">SLA targets saved.</Banner> : null}
                {errors.form ? <Banner tone="critical">{errors.form}</Banner> : null}
                {TICKET_PRIORITIES.map((p) => (
                  <FormLayout.Group key={p} title={TICKET_PRIORITY_LABEL[p]}>
                    {input(`${p}.firstResponseMinutes`, `${TICKET_PRIORITY_LABEL[p]}: first response`)}
                    {input(`${p}.resolutionMinutes`, `${TICKET_PRIORITY_LABEL[p]}: resolution`)}
                  </FormLayout.Group>
                ))}
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Queued chats"
            description="The first human reply to a shopper waiting in the queue."
          >
            <Card>
              <FormLayout>
                {input("chat.firstResponseMinutes", "First response")}
                <Text as="p" tone="subdued">
                  Breaches are recorded as they happen and count in Analytics.
                </Text>
                <Button submit variant="primary" loading={busy} disabled={!canEdit}>
                  Save
                </Button>
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
        </Layout>
      </Form>
    </Page>
  );
}
