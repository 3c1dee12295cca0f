import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "../shopify.server";
import { env } from "../env.server";
import { homeCounts, installState } from "../repositories/admin.server";
import { themeEditorUrl } from "../domain/setup";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const config = env();
  const [counts, install] = await Promise.all([homeCounts(session.shop), installState(session.shop)]);
  const shopRow = install.shop;
  const providerKey = Boolean(shopRow?.aiApiKeyEnc || config.OPENAI_API_KEY);
  const aiMode = shopRow?.aiMode ?? "builtin";
  return {
    shop: session.shop,
    counts,
    checklist: {
      installed: Boolean(shopRow && !shopRow.uninstalledAt && install.hasOfflineSession),
      themeEditorUrl: themeEditorUrl(session.shop, config.SHOPIFY_API_KEY),
      aiConfigured: aiMode === "workflow" ? Boolean(shopRow?.workflowUrl) : providerKey,
      aiMode,
      knowledge: counts.knowledgeEntries > 0,
    },
  };
};

function Step(props: { done: boolean; title: string; detail: string; action?: React.ReactNode }) {
  return (
    <Box paddingBlock="200">
      <InlineStack align="space-between" blockAlign="center" gap="400" wrap={false}>
        <BlockStack gap="100">
          <InlineStack gap="200" align="start" blockAlign="center">
            <Badge tone={props.done ? "success" : "attention"}>{props.done ? "Done" : "To do"}</Badge>
            <Text as="h3" variant="headingSm">
              {props.title}
            </Text>
          </InlineStack>
          <Text as="p" tone="subdued">
            {props.detail}
          </Text>
        </BlockStack>
        {props.action}
      </InlineStack>
    </Box>
  );
}

function Metric(props: { label: string; value: number; to: string; help?: string }) {
  return (
    <Card>
      <RemixLink to={props.to} style={{ textDecoration: "none", color: "inherit" }}>
        <BlockStack gap="100">
          <Text as="p" tone="subdued">
            {props.label}
          </Text>
          <Text as="p" variant="heading2xl">
            {props.value}
          </Text>
          {props.help ? (
            <Text as="p" variant="bodySm" tone="subdued">
              {props.help}
            </Text>
          ) : null}
        </BlockStack>
      </RemixLink>
    </Card>
  );
}

export default function Home() {
  const { shop, counts, checklist } = useLoaderData<typeof loader>();
  return (
    <Page title="Tandem" subtitle={shop}>
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 2, md: 5 }} gap="300">
            <Metric
              label="Open conversations"
              help="With a person or with the assistant (the inbox's All open leaves out those with the assistant)"
              value={counts.openConversations}
              to="/app/inbox"
            />
            <Metric label="Waiting in queue" value={counts.queued} to="/app/inbox" />
            <Metric label="With the assistant" value={counts.withAi} to="/app/inbox" />
            <Metric label="Open tickets" value={counts.openTickets} to="/app/tickets" />
            <Metric label="Operators online" value={counts.operatorsOnline} to="/app/inbox" />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Setup checklist
              </Text>
              <Step
                done={checklist.installed}
                title="Install Tandem"
                detail={
                  checklist.installed
                    ? "Tandem is installed and can act for your store."
                    : "Open Tandem from your Shopify admin to finish installing."
                }
              />
              <Step
                done={false}
                title="Turn on the chat widget in your theme"
                detail="The theme editor opens with the Tandem chat app embed switched on: check the preview, then save."
                action={
                  <Button url={checklist.themeEditorUrl} target="_blank" variant="primary">
                    Open theme editor
                  </Button>
                }
              />
              <Step
                done={checklist.aiConfigured}
                title="Connect an AI provider"
                detail={
                  checklist.aiConfigured
                    ? `The assistant answers with ${checklist.aiMode === "workflow" ? "your external workflow" : "your AI provider"}.`
                    : "Until then the built-in responder answers from your FAQ and offers a person or a ticket."
                }
                action={<Button url="/app/assistant">Assistant</Button>}
              />
              <Step
                done={checklist.knowledge}
                title="Add FAQ answers"
                detail={
                  checklist.knowledge
                    ? `${counts.knowledgeEntries} knowledge entries are live.`
                    : "Questions and answers the assistant can use, in every language you sell in."
                }
                action={<Button url="/app/knowledge">Knowledge</Button>}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
