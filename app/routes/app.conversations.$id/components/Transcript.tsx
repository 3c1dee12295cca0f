import { BlockStack, Box, InlineStack, Link, Text } from "@shopify/polaris";
import type { MessageView } from "../../../domain/conversations/views";
import { formatTime, useShopTimeZone } from "../../../lib/format";
import { useT } from "../../../lib/i18n/react";

const ROLE_BG = {
  shopper: "bg-surface-secondary",
  ai: "bg-surface-info",
  operator: "bg-surface-success",
  system: "bg-surface",
} as const;

interface Card {
  type?: string;
  title?: string;
  price?: string;
  url?: string;
  name?: string;
  status?: string;
}

function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  return /^https?:\/\//i.test(url) ? url : undefined;
}

export function Transcript({ messages, typingName }: { messages: MessageView[]; typingName: string | null }) {
  const timeZone = useShopTimeZone();
  const { t, locale } = useT();
  return (
    <div
      role="log"
      tabIndex={0}
      aria-label={t("conversation.transcript.label")}
      aria-live="polite"
      style={{ maxHeight: "calc(100vh - 360px)", minHeight: 240, overflowY: "auto" }}
    >
      <BlockStack gap="200">
        {messages.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("conversation.transcript.empty")}
          </Text>
        ) : null}
        {messages.map((m) =>
          m.role === "system" ? (
            <Box key={m.id} paddingBlock="100">
              <Text as="p" tone="subdued" alignment="center" variant="bodySm">
                {m.text} · {formatTime(m.createdAt, timeZone, locale)}
              </Text>
            </Box>
          ) : (
            <div
              key={m.id}
              data-role={m.role}
              style={{ display: "flex", justifyContent: m.role === "shopper" ? "flex-start" : "flex-end" }}
            >
              <div style={{ maxWidth: "78%" }}>
                <Box
                  background={ROLE_BG[m.role]}
                  padding="300"
                  borderRadius="300"
                  borderWidth="025"
                  borderColor="border"
                >
                  <BlockStack gap="100">
                    <InlineStack gap="200" align="space-between">
                      <Text as="span" variant="bodySm" fontWeight="semibold">
                        {m.role === "operator" && m.author ? m.author.name : t(`conversation.transcript.${m.role}`)}
                        {m.role === "operator" ? t("conversation.transcript.operatorSuffix") : ""}
                      </Text>
                      <Text as="span" variant="bodySm" tone="subdued">
                        {formatTime(m.createdAt, timeZone, locale)}
                        {m.status === "streaming" ? t("conversation.transcript.writing") : ""}
                      </Text>
                    </InlineStack>
                    <Text as="p" breakWord>
                      <span style={{ whiteSpace: "pre-wrap" }}>{m.text}</span>
                    </Text>
                    {(m.cards as Card[] | undefined)?.map((card, i) => (
                      <Box
                        key={i}
                        padding="200"
                        background="bg-surface"
                        borderRadius="200"
                        borderWidth="025"
                        borderColor="border"
                      >
                        <Text as="p" fontWeight="semibold">
                          {card.type === "order"
                            ? t("conversation.transcript.order", { name: card.name ?? "" })
                            : card.title}
                        </Text>
                        <Text as="p" tone="subdued">
                          {card.type === "order" ? card.status : card.price}
                        </Text>
                        {safeHref(card.url) ? (
                          <Link url={safeHref(card.url)} target="_blank">
                            {t("conversation.transcript.open")}
                          </Link>
                        ) : null}
                      </Box>
                    ))}
                    {m.quickReplies?.length ? (
                      <Text as="p" variant="bodySm" tone="subdued">
                        {t("conversation.transcript.quickReplies", { replies: m.quickReplies.join(" · ") })}
                      </Text>
                    ) : null}
                  </BlockStack>
                </Box>
              </div>
            </div>
          ),
        )}
        {typingName ? (
          <Text as="p" tone="subdued" variant="bodySm">
            {t("conversation.transcript.typing", { name: typingName })}
          </Text>
        ) : null}
      </BlockStack>
    </div>
  );
}
