import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, InlineStack, Layout, Page, Tabs, Text } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { listKnowledgeForAdmin, topUnansweredQuestions } from "../repositories/admin.server";

const querySchema = z.object({ kind: z.enum(["faq", "policy"]).optional().catch(undefined) });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { kind } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [entries, unanswered] = await Promise.all([
    listKnowledgeForAdmin(session.shop, kind),
    topUnansweredQuestions(session.shop, 10),
  ]);
  return { entries, unanswered, kind: kind ?? null };
};

const TABS = [
  { id: "all", content: "All" },
  { id: "faq", content: "FAQ" },
  { id: "policy", content: "Policies" },
];

function excerpt(text: string, max = 140): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export default function Knowledge() {
  const { entries, unanswered, kind } = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const rows = entries.map((e) => [
    <BlockStack key="q" gap="100">
      <Text as="span" fontWeight="semibold">
        {e.question}
      </Text>
      <Text as="span" tone="subdued">
        {excerpt(e.answer)}
      </Text>
    </BlockStack>,
    e.kind === "policy" ? "Policy" : "FAQ",
    e.locale,
    e.tags.split(",").filter(Boolean).join(", ") || "—",
    <Badge key="e" tone={e.enabled ? "success" : undefined}>
      {e.enabled ? "Live" : "Off"}
    </Badge>,
  ]);
  return (
    <Page title="Knowledge" subtitle="What the assistant answers from: FAQ entries and your store policies">
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <Tabs
              tabs={TABS}
              selected={Math.max(
                0,
                TABS.findIndex((t) => t.id === (kind ?? "all")),
              )}
              onSelect={(index) => {
                const next = new URLSearchParams(params);
                const id = TABS[index]!.id;
                if (id === "all") next.delete("kind");
                else next.set("kind", id);
                setParams(next);
              }}
            />
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text"]}
              headings={["Question", "Type", "Language", "Tags", "Status"]}
              rows={rows}
              verticalAlign="top"
            />
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Questions the assistant could not answer
              </Text>
              {unanswered.length === 0 ? (
                <Text as="p" tone="subdued">
                  None yet. Questions without a confident answer appear here so you can add them to the FAQ.
                </Text>
              ) : (
                unanswered.map((u) => (
                  <InlineStack key={u.id} align="space-between" wrap={false} gap="200">
                    <Text as="span">{u.question}</Text>
                    <Badge>{`${u.count}×`}</Badge>
                  </InlineStack>
                ))
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
