import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Banner, BlockStack, Button, Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import { authenticate } from "../shopify.server";
import { requirePermission } from "../domain/permissions.server";
import { listDataRequests } from "../repositories/data-requests.server";
import { formatDateTime, useShopTimeZone } from "../lib/format";
import { useT } from "../lib/i18n/react";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  await requirePermission(context, "data_requests.read");
  const rows = await listDataRequests(context.session.shop);
  return {
    requests: rows.map((r) => ({
      id: r.id,
      requestId: r.requestId,
      customer: r.customerEmail ?? (r.customerId ? `Customer ${r.customerId}` : "Unknown customer"),
      createdAt: r.createdAt.toISOString(),
    })),
  };
};

/** Fetches the export (App Bridge adds the session token to same-origin fetches) and saves it as a file. */
async function download(id: string, requestId: string): Promise<void> {
  const response = await fetch(`/app/data-requests/${encodeURIComponent(id)}`);
  if (!response.ok) throw new Error(`download failed (${response.status})`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = `customer-data-request-${requestId}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export default function DataRequests() {
  const timeZone = useShopTimeZone();
  const { requests } = useLoaderData<typeof loader>();
  const [failed, setFailed] = useState(false);
  const { t, locale } = useT();
  return (
    <Page title={t("dataRequests.title")} backAction={{ content: t("dataRequests.back"), url: "/app/settings" }}>
      <BlockStack gap="400">
        <Text as="p" tone="subdued">
          {t("dataRequests.intro")}
        </Text>
        {failed ? (
          <Banner tone="critical" onDismiss={() => setFailed(false)}>
            {t("dataRequests.failed")}
          </Banner>
        ) : null}
        <Card padding="0">
          {requests.length === 0 ? (
            <EmptyState heading={t("dataRequests.empty")} image="">
              <p>{t("dataRequests.emptyText")}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: t("dataRequests.singular"), plural: t("dataRequests.plural") }}
              itemCount={requests.length}
              selectable={false}
              headings={[
                { title: t("dataRequests.received") },
                { title: t("dataRequests.customer") },
                { title: t("dataRequests.request") },
                { title: t("dataRequests.export") },
              ]}
            >
              {requests.map((r, index) => (
                <IndexTable.Row id={r.id} key={r.id} position={index}>
                  <IndexTable.Cell>{formatDateTime(r.createdAt, timeZone, locale)}</IndexTable.Cell>
                  <IndexTable.Cell>{r.customer}</IndexTable.Cell>
                  <IndexTable.Cell>{r.requestId}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Button
                      onClick={() => {
                        download(r.id, r.requestId).catch(() => setFailed(true));
                      }}
                    >
                      {t("dataRequests.download")}
                    </Button>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
