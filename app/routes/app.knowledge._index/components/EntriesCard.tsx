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
import { useT } from "../../../lib/i18n/react";

const TAB_IDS = ["all", "faq", "policy"] as const;

function excerpt(text: string, max = 140): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function EntriesCard({ entries, kind }: { entries: KnowledgeView[]; kind: string | null }) {
  const { t, locale } = useT();
  const timeZone = useShopTimeZone();
  const tabs = TAB_IDS.map((id) => ({ id, content: t(`knowledge.tabs.${id}`) }));
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
              <Badge size="small">{t(e.kind === "policy" ? "knowledge.kind.policy" : "knowledge.kind.faq")}</Badge>
              <Text as="span" tone="subdued" variant="bodySm">
                {[
                  e.locale,
                  e.tags.join(", "),
                  e.phrasings.length > 0 ? t("knowledge.otherPhrasings", { count: e.phrasings.length }) : "",
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
            </InlineStack>
          </BlockStack>
        </div>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Badge tone={e.enabled ? "success" : undefined}>{t(e.enabled ? "knowledge.live" : "knowledge.off")}</Badge>
      </IndexTable.Cell>
      <IndexTable.Cell>{formatDate(e.updatedAt, timeZone, locale)}</IndexTable.Cell>
      <IndexTable.Cell>
        <InlineStack gap="200" wrap={false} align="end">
          <Button
            size="slim"
            accessibilityLabel={t(e.enabled ? "knowledge.turnOffLabel" : "knowledge.turnOnLabel", {
              question: e.question,
            })}
            onClick={() =>
              void api.call(`/app/api/knowledge/${e.id}`, { method: "PATCH", json: { enabled: !e.enabled } })
            }
          >
            {t(e.enabled ? "knowledge.turnOff" : "knowledge.turnOn")}
          </Button>
          <Button
            size="slim"
            tone="critical"
            accessibilityLabel={t("knowledge.deleteLabel", { question: e.question })}
            onClick={() => setDeleting(e)}
          >
            {t("common.actions.delete")}
          </Button>
        </InlineStack>
      </IndexTable.Cell>
    </IndexTable.Row>
  ));

  return (
    <Card padding="0">
      <Tabs
        tabs={tabs}
        selected={Math.max(
          0,
          TAB_IDS.findIndex((id) => id === (kind ?? "all")),
        )}
        onSelect={(index) => {
          const next = new URLSearchParams(params);
          const id = TAB_IDS[index]!;
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
        resourceName={{ singular: t("knowledge.entry"), plural: t("knowledge.entries") }}
        itemCount={entries.length}
        selectable={false}
        headings={[
          { title: t("knowledge.questionAndAnswer") },
          { title: t("knowledge.status") },
          { title: t("knowledge.updated") },
          { title: t("knowledge.actions"), alignment: "end" },
        ]}
        emptyState={
          <div style={{ padding: 16 }}>
            <Text as="p" tone="subdued">
              {t("knowledge.empty")}
            </Text>
          </div>
        }
      >
        {rows}
      </IndexTable>
      <Modal
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("knowledge.deleteTitle")}
        primaryAction={{
          content: t("common.actions.delete"),
          destructive: true,
          loading: api.busy,
          onAction: () => void remove(),
        }}
        secondaryActions={[{ content: t("common.actions.cancel"), onAction: () => setDeleting(null) }]}
      >
        <Modal.Section>
          <BlockStack gap="200">
            <Text as="p" breakWord>
              <bdi dir="auto">{deleting?.question}</bdi>
            </Text>
            <Text as="p" tone="subdued">
              {t(deleting?.kind === "policy" ? "knowledge.deletePolicy" : "knowledge.deleteFaq")}
            </Text>
            {api.result && !api.result.ok ? <Banner tone="critical">{api.result.error.message}</Banner> : null}
          </BlockStack>
        </Modal.Section>
      </Modal>
    </Card>
  );
}
