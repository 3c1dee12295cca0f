import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import { Feedback, PersonText, type ActionData } from "./Feedback";

export interface CommentView {
  id: string;
  authorType: string;
  authorName: string | null;
  body: string;
  createdAt: string;
}

/** The public thread with the requester and the reply box (what the shopper sees in the widget). */
export function Thread({
  comments,
  requester,
  closed,
}: {
  comments: CommentView[];
  requester: string;
  closed: boolean;
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
            Public replies
          </Text>
          <Badge tone="info">Visible to the requester</Badge>
        </InlineStack>
        {comments.length === 0 ? (
          <Text as="p" tone="subdued">
            No replies yet.
          </Text>
        ) : (
          comments.map((c) => (
            <Box
              key={c.id}
              padding="300"
              borderRadius="200"
              background={c.authorType === "operator" ? "bg-surface-secondary" : "bg-surface-info"}
            >
              <BlockStack gap="100">
                <Text as="p" variant="bodySm" tone="subdued">
                  {c.authorType === "operator"
                    ? (c.authorName ?? "Operator")
                    : c.authorType === "requester"
                      ? requester
                      : "System"}{" "}
                  · {formatDateTime(c.createdAt, timeZone)}
                </Text>
                <PersonText text={c.body} />
              </BlockStack>
            </Box>
          ))
        )}
        {closed ? (
          <Text as="p" tone="subdued">
            This ticket is closed. Set it to Open to reply.
          </Text>
        ) : (
          <>
            <TextField
              label="Reply to the requester"
              value={text}
              onChange={setText}
              autoComplete="off"
              multiline={3}
              helpText="Emailed to the requester when email is set up (Settings → Email), and shown when they look the ticket up in the chat widget."
            />
            <InlineStack align="end">
              <Button
                variant="primary"
                disabled={!text.trim()}
                loading={fetcher.state !== "idle"}
                onClick={() => fetcher.submit({ intent: "reply", text }, { method: "post" })}
              >
                Send reply
              </Button>
            </InlineStack>
          </>
        )}
        <Feedback data={fetcher.data} />
      </BlockStack>
    </Card>
  );
}
