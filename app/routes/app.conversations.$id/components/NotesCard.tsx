import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import { Feedback, type ActionData } from "../../app.tickets.$number/components/Feedback";
import { useT } from "../../../lib/i18n/react";

export function NotesCard({
  notes,
}: {
  notes: { id: string; authorName: string | null; text: string; createdAt: string }[];
}) {
  const timeZone = useShopTimeZone();
  const { t, locale } = useT();
  const fetcher = useFetcher<ActionData>();
  const [text, setText] = useState("");
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setText("");
  }, [fetcher.state, fetcher.data]);
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            {t("conversation.notes.title")}
          </Text>
          <Badge tone="attention">{t("conversation.notes.private")}</Badge>
        </InlineStack>
        {notes.map((n) => (
          <BlockStack key={n.id} gap="050">
            <Text as="p" variant="bodySm" tone="subdued">
              {n.authorName ?? t("conversation.notes.author")} · {formatDateTime(n.createdAt, timeZone, locale)}
            </Text>
            <Text as="p" breakWord>
              <span style={{ whiteSpace: "pre-wrap" }}>{n.text}</span>
            </Text>
          </BlockStack>
        ))}
        <TextField
          label={t("conversation.notes.add")}
          value={text}
          onChange={setText}
          autoComplete="off"
          multiline={2}
        />
        <InlineStack align="end">
          <Button
            disabled={!text.trim()}
            loading={fetcher.state !== "idle"}
            onClick={() => fetcher.submit({ intent: "note", text }, { method: "post" })}
          >
            {t("conversation.notes.addButton")}
          </Button>
        </InlineStack>
        <Feedback data={fetcher.data} />
      </BlockStack>
    </Card>
  );
}
