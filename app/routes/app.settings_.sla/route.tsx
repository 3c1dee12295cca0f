import { adminLocale } from "../../lib/i18n/locale.server";
import { translator } from "../../lib/i18n/catalog";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { Banner, Button, Card, FormLayout, Layout, Page, Text, TextField } from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { can, refusal } from "../../domain/permissions";
import { requireOperator } from "../../domain/permissions.server";
import { readForm } from "../../lib/forms.server";
import { TICKET_PRIORITIES } from "../../domain/ticket-status";
import { slaContext, saveSlaTargets } from "../../domain/sla/jobs.server";
import { slaTargetsSchema } from "../../domain/sla/targets";
import { useT } from "../../lib/i18n/react";

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
    return Response.json(
      { ok: false, errors: { form: refusal("settings.change", adminLocale(request, me)) } },
      { status: 403 },
    );
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
    const message = translator(adminLocale(request, me))("validation.settings.slaMinutes");
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), message]));
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
  const { t } = useT();
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
      suffix={t("sla.businessMin")}
      value={values[name] ?? ""}
      onChange={(v) => setValues((s) => ({ ...s, [name]: v }))}
      error={errors[name]}
      autoComplete="off"
      disabled={!canEdit}
    />
  );
  return (
    <Page title={t("sla.title")} backAction={{ content: t("sla.back"), url: "/app/settings" }}>
      <Form method="post">
        <Layout>
          <Layout.AnnotatedSection title={t("sla.tickets")} description={t("sla.ticketsDescription")}>
            <Card>
              <FormLayout>
                {result?.ok ? <Banner tone="success">{t("sla.saved")}</Banner> : null}
                {errors.form ? <Banner tone="critical">{errors.form}</Banner> : null}
                {TICKET_PRIORITIES.map((p) => (
                  <FormLayout.Group key={p} title={t(`tickets.priority.${p}`)}>
                    {input(
                      `${p}.firstResponseMinutes`,
                      t("sla.firstResponseOf", { priority: t(`tickets.priority.${p}`) }),
                    )}
                    {input(`${p}.resolutionMinutes`, t("sla.resolutionOf", { priority: t(`tickets.priority.${p}`) }))}
                  </FormLayout.Group>
                ))}
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("sla.chats")} description={t("sla.chatsDescription")}>
            <Card>
              <FormLayout>
                {input("chat.firstResponseMinutes", t("sla.firstResponse"))}
                <Text as="p" tone="subdued">
                  {t("sla.breaches")}
                </Text>
                <Button submit variant="primary" loading={busy} disabled={!canEdit}>
                  {t("common.actions.save")}
                </Button>
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
        </Layout>
      </Form>
    </Page>
  );
}
