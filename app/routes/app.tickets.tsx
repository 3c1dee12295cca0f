import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  DataTable,
  EmptyState,
  InlineStack,
  Page,
  Tabs,
  Text,
} from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { listTicketsForAdmin, ticketStatusCounts } from "../repositories/admin.server";
import { TICKET_STATUSES } from "../domain/ticket-status";
import { formatDateTime, useShopTimeZone } from "../lib/format";

const querySchema = z.object({
  status: z.enum(TICKET_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const query = querySchema.parse(Object.fromEntries(url.searchParams));
  const [tickets, counts] = await Promise.all([
    listTicketsForAdmin(session.shop, { status: query.status, search: query.q || undefined }),
    ticketStatusCounts(session.shop),
  ]);
  return { tickets, counts, status: query.status ?? null, q: query.q ?? "" };
};

const PRIORITY_TONE = { urgent: "critical", high: "warning", normal: undefined, low: undefined } as const;
const STATUS_TONE = { open: "attention", pending: "info", resolved: "success", closed: undefined } as const;
const SOURCE_LABEL: Record<string, string> = {
  offline_chat: "Offline chat",
  escalation: "Escalation",
  operator: "Operator",
  widget_form: "Widget form",
};

export default function Tickets() {
  const timeZone = useShopTimeZone();
  const { tickets, counts, status, q } = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const tabs = [
    { id: "all", content: `All (${Object.values(counts).reduce((a, b) => a + b, 0)})` },
    ...TICKET_STATUSES.map((s) => ({ id: s, content: `${s[0]!.toUpperCase()}${s.slice(1)} (${counts[s]})` })),
  ];
  const selected = Math.max(
    0,
    tabs.findIndex((t) => t.id === (status ?? "all")),
  );
  const rows = tickets.map((t) => [
    `T-${t.number}`,
    t.subject,
    <Badge key="s" tone={STATUS_TONE[t.status as keyof typeof STATUS_TONE]}>
      {t.status}
    </Badge>,
    <Badge key="p" tone={PRIORITY_TONE[t.priority as keyof typeof PRIORITY_TONE]}>
      {t.priority}
    </Badge>,
    t.requesterName ?? t.requesterEmail ?? "—",
    SOURCE_LABEL[t.source] ?? t.source,
    formatDateTime(t.updatedAt, timeZone),
  ]);
  return (
    <Page title="Tickets">
      <Card padding="0">
        <Tabs
          tabs={tabs}
          selected={selected}
          onSelect={(index) => {
            const next = new URLSearchParams(params);
            const id = tabs[index]!.id;
            if (id === "all") next.delete("status");
            else next.set("status", id);
            setParams(next);
          }}
        />
        <BlockStack gap="300">
          <div style={{ padding: "12px 16px 0" }}>
            <Form method="get">
              <InlineStack gap="200" blockAlign="center">
                {status ? <input type="hidden" name="status" value={status} /> : null}
                <input
                  type="search"
                  name="q"
                  defaultValue={q}
                  aria-label="Search tickets by number, subject or email"
                  placeholder="Search by number, subject or email"
                  style={{ flex: 1, padding: "6px 10px", borderRadius: 8, border: "1px solid #c9cccf", fontSize: 14 }}
                />
                <Button submit>Search</Button>
              </InlineStack>
            </Form>
          </div>
          {rows.length === 0 ? (
            <EmptyState heading="No tickets here" image="">
              <Text as="p">Tickets are created when a shopper asks for a person while nobody is available.</Text>
            </EmptyState>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text", "text", "text"]}
              headings={["Number", "Subject", "Status", "Priority", "Requester", "Source", "Updated"]}
              rows={rows}
            />
          )}
        </BlockStack>
      </Card>
    </Page>
  );
}
