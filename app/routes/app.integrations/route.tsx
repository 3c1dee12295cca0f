/**
 * Integrations (admins only): outbound webhook endpoints with their delivery log, replay and test
 * send, and the external workflow mode (docs/api/webhooks.md, docs/api/workflow.md).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { requirePermission } from "../../domain/permissions.server";
import { readForm } from "../../lib/forms.server";
import { listEndpoints } from "../../integrations/webhooks/endpoints.server";
import { listDeliveries } from "../../integrations/webhooks/log.server";
import { WEBHOOK_EVENT_TYPES } from "../../integrations/webhooks/payloads";
import { workflowConfig } from "../../integrations/workflow/settings.server";
import { callbackUrl } from "../../integrations/workflow/responder.server";
import { translator } from "../../lib/i18n/catalog";
import { adminLocale } from "../../lib/i18n/locale.server";
import { runIntegrationAction } from "../../integrations/admin-actions.server";
import { EndpointsCard } from "./components/EndpointsCard";
import { DeliveryLog } from "./components/DeliveryLog";
import { WorkflowCard } from "./components/WorkflowCard";
import { useT } from "../../lib/i18n/react";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  await requirePermission(context, "settings.change");
  const shop = context.session.shop;
  const endpoints = await listEndpoints(shop);
  const selected = new URL(request.url).searchParams.get("endpoint") ?? endpoints[0]?.id ?? null;
  const endpoint = endpoints.find((e) => e.id === selected) ?? null;
  const deliveries = endpoint ? await listDeliveries(shop, endpoint.id, 50) : [];
  const wf = await workflowConfig(shop);
  return {
    eventTypes: [...WEBHOOK_EVENT_TYPES],
    endpoints: endpoints.map((e) => ({
      ...e,
      failingSince: e.failingSince?.toISOString() ?? null,
      createdAt: e.createdAt.toISOString(),
    })),
    selected: endpoint?.id ?? null,
    deliveries: deliveries.map((d) => ({
      ...d,
      lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
    })),
    workflow: {
      enabled: wf.enabled,
      url: wf.url ?? "",
      hasSecret: Boolean(wf.secret),
      timeoutSeconds: Math.round(wf.timeoutMs / 1000),
      callbackUrl: callbackUrl(),
    },
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requirePermission(context, "settings.change");
  return runIntegrationAction(context.session.shop, await readForm(request), translator(adminLocale(request, me)));
};

export type IntegrationsData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Integrations() {
  const data = useLoaderData<typeof loader>();
  const [, setParams] = useSearchParams();
  const { t } = useT();
  return (
    <Page title={t("integrations.title")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <EndpointsCard data={data} onSelect={(id) => setParams({ endpoint: id })} />
            {data.selected ? <DeliveryLog endpointId={data.selected} deliveries={data.deliveries} /> : null}
            <WorkflowCard workflow={data.workflow} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
