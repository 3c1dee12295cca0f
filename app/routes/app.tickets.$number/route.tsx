import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Banner, BlockStack, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { requireOperator } from "../../domain/permissions.server";
import { readForm } from "../../lib/forms.server";
import type { GraphqlClient } from "../../integrations/shopify/client.server";
import { PriorityBadge, StatusBadge } from "../app.tickets._index/components/TicketBadges";
import { loadTicketPage, runTicketAction } from "./ticket.server";
import { ActivityLog } from "./components/ActivityLog";
import { EmailCard } from "./components/EmailCard";
import { PersonText } from "../../components/Feedback";
import { InternalNotes } from "../../components/InternalNotes";
import { DetailsCard, RequesterCard, SlaCard } from "./components/Sidebar";
import { Thread } from "./components/Thread";
import { TranscriptCard } from "./components/TranscriptCard";
import { can } from "../../domain/permissions";
import { transcriptActionGroup } from "../../lib/transcript-actions";
import { useT } from "../../lib/i18n/react";
import { translator } from "../../lib/i18n/catalog";
import { adminLocale } from "../../lib/i18n/locale.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requireOperator(context);
  const data = await loadTicketPage(
    context.session.shop,
    params.number ?? "",
    context.admin.graphql as unknown as GraphqlClient,
  );
  return { ...data, canExport: can(me.role, "data.export") };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requireOperator(context);
  return runTicketAction(
    context.session.shop,
    params.number ?? "",
    me,
    await readForm(request),
    translator(adminLocale(request, me)),
  );
};

export default function TicketPage() {
  const { ticket, comments, notes, events, operators, conversation, transcript, customer, now, emails, canExport } =
    useLoaderData<typeof loader>();
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const { t } = useT();
  const requester = ticket.requesterName ?? ticket.requesterEmail ?? t("tickets.page.requester");
  return (
    <Page
      fullWidth
      backAction={{ content: t("tickets.page.back"), url: "/app/tickets" }}
      title={ticket.number}
      subtitle={ticket.subject}
      actionGroups={canExport ? [transcriptActionGroup({ ticket: ticket.number }, setDownloadError, t)] : []}
      titleMetadata={
        <InlineStack gap="100">
          <StatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
        </InlineStack>
      }
    >
      <Layout>
        {downloadError ? (
          <Layout.Section>
            <Banner tone="critical" onDismiss={() => setDownloadError(null)}>
              <p role="alert">{downloadError}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("tickets.page.description")}
                </Text>
                {ticket.description ? (
                  <PersonText text={ticket.description} />
                ) : (
                  <Text as="p" tone="subdued">
                    {t("tickets.page.noDescription")}
                  </Text>
                )}
              </BlockStack>
            </Card>
            <Thread comments={comments} requester={requester} closed={ticket.status === "closed"} />
            <InternalNotes notes={notes} hiddenFrom={t("tickets.notes.private")} />
            <TranscriptCard lines={transcript.lines} live={transcript.live} />
            <ActivityLog events={events} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <DetailsCard ticket={ticket} operators={operators} />
            <SlaCard ticket={ticket} now={now} />
            <EmailCard emails={emails} />
            <RequesterCard ticket={ticket} customer={customer} conversation={conversation} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
