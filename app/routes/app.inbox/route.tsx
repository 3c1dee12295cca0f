import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useCallback, useState } from "react";
import {
  Banner,
  BlockStack,
  Card,
  InlineStack,
  Layout,
  Page,
  Pagination,
  Select,
  Tabs,
  Text,
  TextField,
} from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { requireOperator } from "../../domain/permissions.server";
import { CLOSED_COUNT_CAP, INBOX_VIEWS, SEARCH_MATCH_CAP, type InboxView } from "../../domain/inbox";
import { loadInbox, parseInboxParams } from "./inbox.server";
import { InboxTable } from "./components/InboxTable";
import { useLiveUpdates, usePresence, usePresenceChoice } from "./components/live";
import { PresenceBadge } from "./components/Presence";
import { useT } from "../../lib/i18n/react";
import { formatNumber } from "../../lib/i18n/core";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const operator = await requireOperator(context);
  const params = parseInboxParams(new URL(request.url));
  const data = await loadInbox(context.session.shop, operator.id, params);
  return {
    ...data,
    params,
    me: { id: operator.id, name: operator.name, role: operator.role },
    now: Date.now(),
  };
};

const STATES = ["ai", "queued", "assigned", "waiting_shopper", "closed"] as const;

export default function Inbox() {
  const { page, counts, operators, tags, params, me, now } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { t, locale } = useT();
  const [query, setQuery] = useState(params.q ?? "");
  const [presence, setPresence] = usePresenceChoice();
  usePresence(presence);
  const { announced, dismiss } = useLiveUpdates({ baseTitle: t("inbox.pageTitle") });

  const go = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(searchParams);
      for (const [k, v] of Object.entries(changes)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      if (!("cursor" in changes)) next.delete("cursor");
      navigate(`/app/inbox?${next.toString()}`);
    },
    [navigate, searchParams],
  );

  const selected = INBOX_VIEWS.indexOf(params.view);
  const tabs = INBOX_VIEWS.map((view) => ({
    id: `inbox-${view}`,
    content: t(`inbox.views.${view as InboxView}`),
    badge:
      view === "closed" && counts.closed >= CLOSED_COUNT_CAP
        ? `${formatNumber(CLOSED_COUNT_CAP, locale)}+`
        : String(counts[view]),
  }));
  const filtered = Boolean(params.q || params.state || params.tag || params.operator);

  return (
    <Page
      fullWidth
      title={t("inbox.title")}
      subtitle={t("inbox.signedInAs", { name: me.name })}
      primaryAction={{
        content: presence === "online" ? t("inbox.setAway") : t("inbox.goOnline"),
        onAction: () => setPresence(presence === "online" ? "away" : "online"),
      }}
    >
      <Layout>
        {announced.length ? (
          <Layout.Section>
            <Banner
              tone="warning"
              title={announced.length === 1 ? t("inbox.newChat") : t("inbox.newChats", { count: announced.length })}
              action={{ content: t("inbox.openQueue"), url: "/app/inbox?view=queue" }}
              onDismiss={dismiss}
            >
              <Text as="p">{announced.map((a) => a.displayName).join(", ")}</Text>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            <Tabs tabs={tabs} selected={selected} onSelect={(i) => go({ view: INBOX_VIEWS[i] })} fitted />
            <div style={{ padding: "var(--p-space-300)" }}>
              <form
                role="search"
                onSubmit={(event) => {
                  event.preventDefault();
                  go({ q: query.trim() || undefined });
                }}
              >
                <InlineStack gap="200" blockAlign="end" wrap>
                  <div style={{ flex: "1 1 280px" }}>
                    <TextField
                      label={t("inbox.search")}
                      labelHidden
                      placeholder={t("inbox.searchPlaceholder")}
                      value={query}
                      onChange={setQuery}
                      autoComplete="off"
                      clearButton
                      onClearButtonClick={() => {
                        setQuery("");
                        go({ q: undefined });
                      }}
                    />
                  </div>
                  <Select
                    label={t("inbox.state")}
                    labelInline
                    options={[
                      { label: t("inbox.anyState"), value: "" },
                      ...STATES.map((s) => ({ label: t(`common.conversationState.${s}`), value: s })),
                    ]}
                    value={params.state ?? ""}
                    onChange={(v) => go({ state: v })}
                  />
                  <Select
                    label={t("inbox.tag")}
                    labelInline
                    options={[
                      { label: t("inbox.anyTag"), value: "" },
                      ...tags.map((tag) => ({ label: tag, value: tag })),
                    ]}
                    value={params.tag ?? ""}
                    onChange={(v) => go({ tag: v })}
                  />
                  <Select
                    label={t("inbox.operator")}
                    labelInline
                    options={[
                      { label: t("inbox.anyone"), value: "" },
                      ...operators.map((o) => ({ label: o.name, value: o.id })),
                    ]}
                    value={params.operator ?? ""}
                    onChange={(v) => go({ operator: v })}
                  />
                </InlineStack>
              </form>
            </div>
            {page.searchCapped ? (
              <div style={{ padding: "0 var(--p-space-300) var(--p-space-300)" }}>
                <Text as="p" tone="subdued">
                  {t("inbox.searchCapped", { cap: SEARCH_MATCH_CAP })}
                </Text>
              </div>
            ) : null}
            <InboxTable rows={page.rows} view={params.view} now={now} />
            <div style={{ padding: "var(--p-space-300)", display: "flex", justifyContent: "center" }}>
              <Pagination
                hasPrevious={Boolean(params.cursor)}
                previousTooltip={t("inbox.firstPage")}
                onPrevious={() => go({ cursor: undefined })}
                hasNext={Boolean(page.nextCursor)}
                onNext={() => go({ cursor: page.nextCursor ?? undefined })}
                accessibilityLabels={{ previous: t("inbox.firstPage"), next: t("inbox.nextPage") }}
              />
            </div>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("inbox.team")}
              </Text>
              {operators.map((o) => (
                <InlineStack key={o.id} align="space-between" blockAlign="center">
                  <Text as="span">
                    {o.name}
                    {o.id === me.id ? t("inbox.you") : ""}
                  </Text>
                  <PresenceBadge presence={o.presence} />
                </InlineStack>
              ))}
              {filtered ? (
                <Text as="p" tone="subdued" variant="bodySm">
                  {t("inbox.filtersOn")}
                </Text>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
