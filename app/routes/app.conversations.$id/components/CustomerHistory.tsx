/** This chat's rating and the customer's other conversations and tickets (PRODUCT.md D9). */
import { Badge, BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";
import { formatDate, useShopTimeZone } from "../../../lib/format";
import type { CustomerHistory as History } from "../../../repositories/customer-history.server";
import { useT } from "../../../lib/i18n/react";

const STATES = new Set(["ai", "queued", "assigned", "waiting_shopper", "closed"]);

export function RatingCard({ rating, comment }: { rating: number | null; comment: string | null }) {
  const { t } = useT();
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h2" variant="headingSm">
          {t("conversation.rating.title")}
        </Text>
        {rating === null ? (
          <Text as="p" tone="subdued">
            {t("conversation.rating.none")}
          </Text>
        ) : (
          <>
            <Text as="p" aria-label={t("conversation.rating.label", { rating })}>
              {"★".repeat(rating)}
              {"☆".repeat(Math.max(0, 5 - rating))} {rating}/5
            </Text>
            {comment ? (
              <p dir="auto" style={{ margin: 0, overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}>
                {comment}
              </p>
            ) : null}
          </>
        )}
      </BlockStack>
    </Card>
  );
}

export function CustomerHistoryCard({ history }: { history: History }) {
  const timeZone = useShopTimeZone();
  const { t, locale } = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingSm">
          {t("conversation.history.title")}
        </Text>
        {history.conversations.length === 0 && history.tickets.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("conversation.history.none")}
          </Text>
        ) : null}
        {history.conversations.length ? (
          <ul
            aria-label={t("conversation.history.conversations")}
            style={{ margin: 0, paddingInlineStart: 0, listStyle: "none" }}
          >
            {history.conversations.map((c) => (
              <li key={c.id}>
                <InlineStack gap="200" blockAlign="center" wrap>
                  <Link url={`/app/conversations/${c.id}`}>
                    {t("conversation.history.chatOf", { date: formatDate(c.createdAt, timeZone, locale) })}
                  </Link>
                  <Badge>{STATES.has(c.state) ? t(`common.conversationState.${c.state as "ai"}`) : c.state}</Badge>
                  <Text as="span" tone="subdued">
                    {t("conversation.history.messages", { count: c.messageCount })}
                    {c.rating !== null ? t("conversation.history.rated", { rating: c.rating }) : ""}
                  </Text>
                </InlineStack>
              </li>
            ))}
          </ul>
        ) : null}
        {history.tickets.length ? (
          <ul
            aria-label={t("conversation.history.tickets")}
            style={{ margin: 0, paddingInlineStart: 0, listStyle: "none" }}
          >
            {history.tickets.map((t) => (
              <li key={t.id}>
                <InlineStack gap="200" blockAlign="center" wrap>
                  <Link url={`/app/tickets/T-${t.number}`}>T-{t.number}</Link>
                  <span dir="auto" style={{ overflowWrap: "anywhere" }}>
                    {t.subject}
                  </span>
                  <Badge>{t.status}</Badge>
                </InlineStack>
              </li>
            ))}
          </ul>
        ) : null}
      </BlockStack>
    </Card>
  );
}
