import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import { Feedback, PersonText, type ActionData } from "./Feedback";

/** The ticket's internal notes: for the team only, never shown to the requester. */
export function Notes({
  notes,
}: {
  notes: { id: string; authorName: string | null; text: string; createdAt: string }[];
}) {
  const timeZone = useShopTimeZone();
  const fetcher = useFetcher<ActionData>();
  const [text, setText] = useState("");
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setText("");
  }, [fetcher.state, fetcher.data]);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Internal notes
          </Text>
          <Badge tone="attention">Never shown to the requester</Badge>
        </InlineStack>
        {notes.map((n) => (
          <BlockStack key={n.id} gap="050">
            <Text as="p" variant="bodySm" tone="subdued">
              {n.authorName ?? "Operator"} · {formatDateTime(n.createdAt, timeZone)}
            </Text>
            <PersonText text={n.text} />
          </BlockStack>
        ))}
        <TextField label="Add a note" value={text} onChange={setText} autoComplete="off" multiline={2} />
        <InlineStack align="end">
          <Button
            disabled={!text.trim()}
            loading={fetcher.state !== "idle"}
            onClick={() => fetcher.submit({ intent: "note", text }, { method: "post" })}
          >
            Add note
          </Button>
        </InlineStack>
        <Feedback data={fetcher.data} />
      </BlockStack>
    </Card>
  );
}
