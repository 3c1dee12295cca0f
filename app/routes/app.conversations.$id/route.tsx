import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Badge, Banner, BlockStack, Card, Layout, Page, Text, type BadgeProps } from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { requireOperator } from "../../domain/permissions.server";
import { readForm } from "../../lib/forms.server";
import type { GraphqlClient } from "../../integrations/shopify/client.server";
import { loadConversation, runAction } from "./conversation.server";
import { Transcript } from "./components/Transcript";
import { ReplyBox } from "./components/ReplyBox";
import { ActionsCard } from "./components/ActionsCard";
import { InternalNotes } from "../../components/InternalNotes";
import { ShopperContext } from "./components/ShopperContext";
import { TagsCard } from "./components/TagsCard";
import { TransferStatus } from "./components/TransferStatus";
import { CustomerHistoryCard, RatingCard } from "./components/CustomerHistory";
import { useLiveUpdates, usePresence, usePresenceChoice } from "../app.inbox/components/live";
import { can } from "../../domain/permissions";
import { transcriptActionGroup } from "../../lib/transcript-actions";
import { useT } from "../../lib/i18n/react";
import { adminLocale } from "../../lib/i18n/locale.server";
import { translator } from "../../lib/i18n/catalog";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requireOperator(context);
  const data = await loadConversation(
    context.session.shop,
    params.id ?? "",
    me,
    context.admin.graphql as unknown as GraphqlClient,
    adminLocale(request, me),
  );
  return { ...data, me: { id: me.id, name: me.name, role: me.role } };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requireOperator(context);
  return runAction(
    context.session.shop,
    params.id ?? "",
    me,
    await readForm(request),
    context.admin.graphql as unknown as GraphqlClient,
    translator(adminLocale(request, me)),
  );
};

const STATE_TONE: Record<string, BadgeProps["tone"]> = {
  ai: "info",
  queued: "attention",
  assigned: "success",
  waiting_shopper: undefined,
  closed: undefined,
};

export default function ConversationPage() {
  const { conversation, messages, notes, operators, canned, ticket, customer, history, transfer, transferMinutes, me } =
    useLoaderData<typeof loader>();
  const { t } = useT();
  const takeOver = useFetcher<{ ok: boolean; message?: string; error?: { message: string } }>();
  const title =
    conversation.contactName ??
    conversation.contactEmail ??
    (customer && "name" in customer && customer.name ? customer.name : t("conversation.visitor"));
  usePresence(usePresenceChoice()[0]);
  useLiveUpdates({ conversationId: conversation.id, baseTitle: `${title} · Tandem` });

  const holder = conversation.assignee;
  const mine = holder?.id === me.id && (conversation.state === "assigned" || conversation.state === "waiting_shopper");
  const closed = conversation.state === "closed";
  // A transfer waiting for me is answered with Accept, not taken over.
  const canTake = !closed && !mine && transfer?.toOperatorId !== me.id;
  const state = {
    label:
      conversation.state in STATE_TONE
        ? t(`common.conversationState.${conversation.state as "ai"}`)
        : conversation.state,
    tone: STATE_TONE[conversation.state],
  };
  const [downloadError, setDownloadError] = useState<string | null>(null);

  return (
    <Page
      fullWidth
      backAction={{ content: t("conversation.backToInbox"), url: "/app/inbox" }}
      title={title}
      actionGroups={
        can(me.role, "data.export")
          ? [transcriptActionGroup({ conversation: conversation.id }, setDownloadError, t)]
          : []
      }
      titleMetadata={
        <Badge tone={state.tone}>
          {holder && !closed && conversation.state !== "queued" && conversation.state !== "ai"
            ? t("conversation.stateWithHolder", { state: state.label, name: holder.name })
            : state.label}
        </Badge>
      }
      primaryAction={
        canTake
          ? {
              content: t("conversation.takeOver"),
              loading: takeOver.state !== "idle",
              onAction: () => takeOver.submit({ intent: "take_over" }, { method: "post" }),
            }
          : undefined
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
        {transfer ? (
          <Layout.Section>
            <TransferStatus transfer={transfer} me={me} />
          </Layout.Section>
        ) : null}
        {takeOver.data && !takeOver.data.ok ? (
          <Layout.Section>
            <Banner tone="critical" title={t("conversation.takeOverFailed")}>
              <p role="alert">{takeOver.data.error?.message}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            {conversation.handoffSummary ? (
              <Card>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingMd">
                    {t("conversation.handoffSummary")}
                  </Text>
                  <Text as="p">{conversation.handoffSummary}</Text>
                </BlockStack>
              </Card>
            ) : null}
            <Card>
              <Transcript messages={messages} typingName={conversation.shopperTyping ? title : null} />
            </Card>
            {!closed ? (
              <Card>
                <ReplyBox
                  canned={canned}
                  canReply={mine}
                  hint={
                    mine
                      ? null
                      : holder && conversation.state !== "ai" && conversation.state !== "queued"
                        ? t("conversation.holdsChat", { name: holder.name })
                        : t("conversation.replyTakesOver")
                  }
                />
              </Card>
            ) : null}
            <InternalNotes notes={notes} hiddenFrom={t("conversation.notes.private")} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <ShopperContext conversation={conversation} customer={customer} />
            <ActionsCard
              conversation={conversation}
              operators={operators}
              me={me}
              holderId={holder?.id ?? null}
              ticket={ticket}
              transferPending={!!transfer}
              transferMinutes={transferMinutes}
              requesterEmail={
                conversation.contactEmail ?? (customer && "orders" in customer ? customer.email : null) ?? null
              }
            />
            <TagsCard tags={conversation.tags} />
            <RatingCard rating={conversation.rating} comment={conversation.ratingComment} />
            <CustomerHistoryCard history={history} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
