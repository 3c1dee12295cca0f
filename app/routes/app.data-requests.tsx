import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Banner, BlockStack, Button, Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import { authenticate } from "../shopify.server";
import { requirePermission } from "../domain/permissions.server";
import { listDataRequests } from "../repositories/data-requests.server";
import { formatDateTime, useShopTimeZone } from "../lib/format";

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
  return (
    <Page title="Customer data requests" backAction={{ content: "Settings", url: "/app/settings" }}>
      <BlockStack gap="400">
        <Text as="p" tone="subdued">
          When a customer asks a store for their data, Shopify sends Tandem a data request. Tandem prepares a JSON
          export of that customer&apos;s chats and tickets here; send it to the customer within 30 days. Exports are
          deleted after 30 days.
        </Text>
        {failed ? (
          <Banner tone="critical" onDismiss={() => setFailed(false)}>
            The export could not be downloaded. Try again.
          </Banner>
        ) : null}
        <Card padding="0">
          {requests.length === 0 ? (
            <EmptyState heading="No data requests yet" image="">
              <p>Exports appear here when Shopify forwards a customer&apos;s data request.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "data request", plural: "data requests" }}
              itemCount={requests.length}
              selectable={false}
              headings={[{ title: "Received" }, { title: "Customer" }, { title: "Request" }, { title: "Export" }]}
            >
              {requests.map((r, index) => (
                <IndexTable.Row id={r.id} key={r.id} position={index}>
                  <IndexTable.Cell>{formatDateTime(r.createdAt, timeZone)}</IndexTable.Cell>
                  <IndexTable.Cell>{r.customer}</IndexTable.Cell>
                  <IndexTable.Cell>{r.requestId}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Button
                      onClick={() => {
                        download(r.id, r.requestId).catch(() => setFailed(true));
                      }}
                    >
                      Download JSON
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
