/** The team (ADR 174): staff members with role, capacity, presence and last seen; admins change them. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { requireOperator, requirePermission } from "../../domain/permissions.server";
import { can } from "../../domain/permissions";
import { changeMember, listTeam, memberChangeSchema } from "../../domain/team/team.server";
import { DomainError } from "../../domain/conversations/errors";
import { readForm } from "../../lib/forms.server";
import { adminError, adminJson, domainErrorResponse, invalidFields } from "../../lib/admin-json.server";
import { shopTimeZone } from "../app.analytics/analytics.server";
import { TeamTable } from "./components/TeamTable";
import { useT } from "../../lib/i18n/react";
import { translator } from "../../lib/i18n/catalog";
import { adminLocale } from "../../lib/i18n/locale.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requireOperator(context);
  const shop = context.session.shop;
  const now = new Date();
  const [members, timeZone] = await Promise.all([listTeam(shop, now), shopTimeZone(shop)]);
  return { members, me: me.id, canManage: can(me.role, "team.manage"), now: now.getTime(), timeZone };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requirePermission(context, "team.manage");
  const t = translator(adminLocale(request, me));
  const form = await readForm(request);
  const parsed = memberChangeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    if (!["role", "capacity", "deactivate", "reactivate"].includes(String(form.get("intent"))))
      return adminError("invalid_request", t("validation.unknownChange"), {
        fields: { intent: t("validation.unknownChange") },
      });
    return invalidFields(parsed.error, t);
  }
  try {
    const { requeued } = await changeMember(context.session.shop, me, parsed.data);
    return adminJson({ ok: true, intent: parsed.data.intent, id: parsed.data.id, requeued: requeued.length });
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(error, t);
    throw error;
  }
};

export default function Team() {
  const { members, me, canManage, now, timeZone } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <Page title={t("team.title")} subtitle={canManage ? t("team.subtitleAdmin") : t("team.subtitleOperator")}>
      <Layout>
        <Layout.Section>
          <TeamTable members={members} me={me} canManage={canManage} now={now} timeZone={timeZone} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
