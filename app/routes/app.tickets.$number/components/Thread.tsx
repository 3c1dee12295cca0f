import { Badge, BlockStack, Box, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import { Feedback, PersonText } from "../../../components/Feedback";
import { useComposer } from "../../../components/useComposer";
import { useT } from "../../../lib/i18n/react";

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
  const { t, locale } = useT();
  const { fetcher, text, setText, result } = useComposer();
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("tickets.thread.title")}
          </Text>
          <Badge tone="info">{t("tickets.thread.visible")}</Badge>
        </InlineStack>
        {comments.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("tickets.thread.empty")}
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
                    ? (c.authorName ?? t("tickets.thread.operator"))
                    : c.authorType === "requester"
                      ? requester
                      : t("tickets.thread.system")}{" "}
                  · {formatDateTime(c.createdAt, timeZone, locale)}
                </Text>
                <PersonText text={c.body} />
              </BlockStack>
            </Box>
          ))
        )}
        {closed ? (
          <Text as="p" tone="subdued">
            {t("tickets.thread.closed")}
          </Text>
        ) : (
          <>
            <TextField
              label={t("tickets.thread.reply")}
              value={text}
              onChange={setText}
              autoComplete="off"
              multiline={3}
              helpText={t("tickets.thread.replyHelp")}
            />
            <InlineStack align="end">
              <Button
                variant="primary"
                disabled={!text.trim()}
                loading={fetcher.state !== "idle"}
                onClick={() => fetcher.submit({ intent: "reply", text }, { method: "post" })}
              >
                {t("tickets.thread.send")}
              </Button>
            </InlineStack>
          </>
        )}
        <Feedback data={result} />
      </BlockStack>
    </Card>
  );
}
