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

const VIEW_LABEL: Record<InboxView, string> = {
  queue: "Queue",
  mine: "Mine",
  open: "All open",
  ai: "With AI",
  closed: "Closed",
};

const STATE_OPTIONS = [
  { label: "Any state", value: "" },
  { label: "With AI", value: "ai" },
  { label: "Queued", value: "queued" },
  { label: "Assigned", value: "assigned" },
  { label: "Waiting for shopper", value: "waiting_shopper" },
  { label: "Closed", value: "closed" },
];

export default function Inbox() {
  const { page, counts, operators, tags, params, me, now } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const [query, setQuery] = useState(params.q ?? "");
  const [presence, setPresence] = usePresenceChoice();
  usePresence(presence);
  const { announced, dismiss } = useLiveUpdates({ baseTitle: "Inbox · Tandem" });

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
    content: VIEW_LABEL[view],
    badge:
      view === "closed" && counts.closed >= CLOSED_COUNT_CAP
        ? `${CLOSED_COUNT_CAP.toLocaleString("en")}+`
        : String(counts[view]),
  }));
  const filtered = Boolean(params.q || params.state || params.tag || params.operator);

  return (
    <Page
      fullWidth
      title="Inbox"
      subtitle={`Signed in as ${me.name}`}
      primaryAction={{
        content: presence === "online" ? "Set yourself away" : "Go online",
        onAction: () => setPresence(presence === "online" ? "away" : "online"),
      }}
    >
      <Layout>
        {announced.length ? (
          <Layout.Section>
            <Banner
              tone="warning"
              title={
                announced.length === 1
                  ? "A new chat is waiting in the queue"
                  : `${announced.length} new chats are waiting in the queue`
              }
              action={{ content: "Open queue", url: "/app/inbox?view=queue" }}
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
                      label="Search"
                      labelHidden
                      placeholder="Search text, email or order number (#1003)"
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
                    label="State"
                    labelInline
                    options={STATE_OPTIONS}
                    value={params.state ?? ""}
                    onChange={(v) => go({ state: v })}
                  />
                  <Select
                    label="Tag"
                    labelInline
                    options={[{ label: "Any tag", value: "" }, ...tags.map((t) => ({ label: t, value: t }))]}
                    value={params.tag ?? ""}
                    onChange={(v) => go({ tag: v })}
                  />
                  <Select
                    label="Operator"
                    labelInline
                    options={[
                      { label: "Anyone", value: "" },
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
                  More than {SEARCH_MATCH_CAP.toLocaleString("en")} chats contain these words: showing the first{" "}
                  {SEARCH_MATCH_CAP.toLocaleString("en")}. Add a word to narrow the search.
                </Text>
              </div>
            ) : null}
            <InboxTable rows={page.rows} view={params.view} now={now} />
            <div style={{ padding: "var(--p-space-300)", display: "flex", justifyContent: "center" }}>
              <Pagination
                hasPrevious={Boolean(params.cursor)}
                previousTooltip="First page"
                onPrevious={() => go({ cursor: undefined })}
                hasNext={Boolean(page.nextCursor)}
                onNext={() => go({ cursor: page.nextCursor ?? undefined })}
                accessibilityLabels={{ previous: "First page", next: "Next page" }}
              />
            </div>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Team
              </Text>
              {operators.map((o) => (
                <InlineStack key={o.id} align="space-between" blockAlign="center">
                  <Text as="span">
                    {o.name}
                    {o.id === me.id ? " (you)" : ""}
                  </Text>
                  <PresenceBadge presence={o.presence} />
                </InlineStack>
              ))}
              {filtered ? (
                <Text as="p" tone="subdued" variant="bodySm">
                  Filters are on: counts show every conversation.
                </Text>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
