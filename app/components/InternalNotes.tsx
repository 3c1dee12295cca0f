import { Badge, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../lib/format";
import { useComposer } from "./useComposer";
import { useT } from "../lib/i18n/react";
import { Feedback, PersonText } from "./Feedback";

export interface InternalNote {
  id: string;
  authorName: string | null;
  text: string;
  createdAt: string;
}

/**
 * The team's internal notes on a conversation or a ticket, and the box that adds one (the page's
 * action, intent "note"). `hiddenFrom` says who never sees them: the shopper, the requester.
 */
export function InternalNotes({ notes, hiddenFrom }: { notes: InternalNote[]; hiddenFrom: string }) {
  const timeZone = useShopTimeZone();
  const { t, locale } = useT();
  const { fetcher, text, setText, result } = useComposer();
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("common.notes.title")}
          </Text>
          <Badge tone="attention">{hiddenFrom}</Badge>
        </InlineStack>
        {notes.map((n) => (
          <BlockStack key={n.id} gap="050">
            <Text as="p" variant="bodySm" tone="subdued">
              {n.authorName ?? t("common.notes.author")} · {formatDateTime(n.createdAt, timeZone, locale)}
            </Text>
            <PersonText text={n.text} />
          </BlockStack>
        ))}
        <TextField label={t("common.notes.add")} value={text} onChange={setText} autoComplete="off" multiline={2} />
        <InlineStack align="end">
          <Button
            disabled={!text.trim()}
            loading={fetcher.state !== "idle"}
            onClick={() => fetcher.submit({ intent: "note", text }, { method: "post" })}
          >
            {t("common.notes.addButton")}
          </Button>
        </InlineStack>
        <Feedback data={result} />
      </BlockStack>
    </Card>
  );
}
