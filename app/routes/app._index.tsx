import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "../shopify.server";
import { env } from "../env.server";
import { homeCounts, installState } from "../repositories/admin.server";
import { themeEditorUrl } from "../domain/setup";
import { useT } from "../lib/i18n/react";

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
  const { t } = useT();
  return (
    <Box paddingBlock="200">
      <InlineStack align="space-between" blockAlign="center" gap="400" wrap={false}>
        <BlockStack gap="100">
          <InlineStack gap="200" align="start" blockAlign="center">
            <Badge tone={props.done ? "success" : "attention"}>{props.done ? t("home.done") : t("home.toDo")}</Badge>
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
  const { t } = useT();
  return (
    <Page title="Tandem" subtitle={shop}>
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 2, md: 5 }} gap="300">
            <Metric
              label={t("home.openConversations")}
              help={t("home.openConversationsHelp")}
              value={counts.openConversations}
              to="/app/inbox"
            />
            <Metric label={t("home.queued")} value={counts.queued} to="/app/inbox" />
            <Metric label={t("home.withAi")} value={counts.withAi} to="/app/inbox" />
            <Metric label={t("home.openTickets")} value={counts.openTickets} to="/app/tickets" />
            <Metric label={t("home.operatorsOnline")} value={counts.operatorsOnline} to="/app/inbox" />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("home.checklist")}
              </Text>
              <Step
                done={checklist.installed}
                title={t("home.install")}
                detail={checklist.installed ? t("home.installed") : t("home.notInstalled")}
              />
              <Step
                done={false}
                title={t("home.widget")}
                detail={t("home.widgetDetail")}
                action={
                  <Button url={checklist.themeEditorUrl} target="_blank" variant="primary">
                    {t("home.openThemeEditor")}
                  </Button>
                }
              />
              <Step
                done={checklist.aiConfigured}
                title={t("home.ai")}
                detail={
                  checklist.aiConfigured
                    ? checklist.aiMode === "workflow"
                      ? t("home.aiWorkflow")
                      : t("home.aiProvider")
                    : t("home.aiNone")
                }
                action={<Button url="/app/assistant">{t("common.nav.assistant")}</Button>}
              />
              <Step
                done={checklist.knowledge}
                title={t("home.faq")}
                detail={checklist.knowledge ? t("home.faqLive", { count: counts.knowledgeEntries }) : t("home.faqNone")}
                action={<Button url="/app/knowledge">{t("common.nav.knowledge")}</Button>}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
