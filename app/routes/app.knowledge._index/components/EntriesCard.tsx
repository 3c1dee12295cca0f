import { useSearchParams } from "@remix-run/react";
import { useState } from "react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  IndexTable,
  InlineStack,
  Link,
  Modal,
  Tabs,
  Text,
} from "@shopify/polaris";
import type { KnowledgeView } from "../../../domain/knowledge/entry";
import { useAdminApi } from "../../../lib/admin-api";
import { formatDate, useShopTimeZone } from "../../../lib/format";

const TABS = [
  { id: "all", content: "All" },
  { id: "faq", content: "FAQ" },
  { id: "policy", content: "Policies" },
];

function excerpt(text: string, max = 140): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function EntriesCard({ entries, kind }: { entries: KnowledgeView[]; kind: string | null }) {
  const timeZone = useShopTimeZone();
  const [params, setParams] = useSearchParams();
  const api = useAdminApi<unknown>();
  const [deleting, setDeleting] = useState<KnowledgeView | null>(null);

  const remove = async () => {
    if (!deleting) return;
    const r = await api.call(`/app/api/knowledge/${deleting.id}`, { method: "DELETE" });
    if (r.ok) setDeleting(null);
  };

  const rows = entries.map((e, index) => (
    <IndexTable.Row id={e.id} key={e.id} position={index}>
      <IndexTable.Cell>
        <div style={{ minWidth: 240, maxWidth: 520, whiteSpace: "normal" }}>
          <BlockStack gap="100">
            <Link url={`/app/knowledge/${e.id}`} removeUnderline>
              <Text as="span" fontWeight="semibold" breakWord>
                <bdi dir="auto">{e.question}</bdi>
              </Text>
            </Link>
            <Text as="span" tone="subdued" breakWord>
              <bdi dir="auto">{excerpt(e.answer)}</bdi>
            </Text>
            <InlineStack gap="150" blockAlign="center">
              <Badge size="small">{e.kind === "policy" ? "Policy" : "FAQ"}</Badge>
              <Text as="span" tone="subdued" variant="bodySm">
                {[
                  e.locale,
                  e.tags.join(", "),
                  e.phrasings.length > 0
                    ? `${e.phrasings.length} other ${e.phrasings.length === 1 ? "phrasing" : "phrasings"}`
                    : "",
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
            </InlineStack>
          </BlockStack>
        </div>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Badge tone={e.enabled ? "success" : undefined}>{e.enabled ? "Live" : "Off"}</Badge>
      </IndexTable.Cell>
      <IndexTable.Cell>{formatDate(e.updatedAt, timeZone)}</IndexTable.Cell>
      <IndexTable.Cell>
        <InlineStack gap="200" wrap={false} align="end">
          <Button
            size="slim"
            accessibilityLabel={`${e.enabled ? "Turn off" : "Turn on"}: ${e.question}`}
            onClick={() =>
              void api.call(`/app/api/knowledge/${e.id}`, { method: "PATCH", json: { enabled: !e.enabled } })
            }
          >
            {e.enabled ? "Turn off" : "Turn on"}
          </Button>
          <Button
            size="slim"
            tone="critical"
            accessibilityLabel={`Delete: ${e.question}`}
            onClick={() => setDeleting(e)}
          >
            Delete
          </Button>
        </InlineStack>
      </IndexTable.Cell>
    </IndexTable.Row>
  ));

  return (
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
          next.delete("saved");
          setParams(next);
        }}
      />
      {api.result && !api.result.ok && !deleting ? (
        <div style={{ padding: 12 }}>
          <Banner tone="critical" onDismiss={api.reset}>
            {api.result.error.message}
          </Banner>
        </div>
      ) : null}
      <IndexTable
        resourceName={{ singular: "entry", plural: "entries" }}
        itemCount={entries.length}
        selectable={false}
        headings={[
          { title: "Question and answer" },
          { title: "Status" },
          { title: "Updated" },
          { title: "Actions", alignment: "end" },
        ]}
        emptyState={
          <div style={{ padding: 16 }}>
            <Text as="p" tone="subdued">
              No entries yet. Add the questions shoppers ask most, import a CSV, or refresh your policies from Shopify.
            </Text>
          </div>
        }
      >
        {rows}
      </IndexTable>
      <Modal
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this entry?"
        primaryAction={{ content: "Delete", destructive: true, loading: api.busy, onAction: () => void remove() }}
        secondaryActions={[{ content: "Cancel", onAction: () => setDeleting(null) }]}
      >
        <Modal.Section>
          <BlockStack gap="200">
            <Text as="p" breakWord>
              <bdi dir="auto">{deleting?.question}</bdi>
            </Text>
            <Text as="p" tone="subdued">
              {deleting?.kind === "policy"
                ? "The assistant stops quoting this policy until you refresh the policies from Shopify."
                : "The assistant stops using this answer at once. This cannot be undone."}
            </Text>
            {api.result && !api.result.ok ? <Banner tone="critical">{api.result.error.message}</Banner> : null}
          </BlockStack>
        </Modal.Section>
      </Modal>
    </Card>
  );
}
