/** This chat's rating and the customer's other conversations and tickets (PRODUCT.md D9). */
import { Badge, BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";
import { formatDate, useShopTimeZone } from "../../../lib/format";
import type { CustomerHistory as History } from "../../../repositories/customer-history.server";

const STATE_LABEL: Record<string, string> = {
  ai: "With AI",
  queued: "Queued",
  assigned: "Assigned",
  waiting_shopper: "Waiting for shopper",
  closed: "Closed",
};

export function RatingCard({ rating, comment }: { rating: number | null; comment: string | null }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h2" variant="headingSm">
          Customer rating
        </Text>
        {rating === null ? (
          <Text as="p" tone="subdued">
            Not rated yet.
          </Text>
        ) : (
          <>
            <Text as="p" aria-label={`Rated ${rating} out of 5`}>
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
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingSm">
          Previous conversations and tickets
        </Text>
        {history.conversations.length === 0 && history.tickets.length === 0 ? (
          <Text as="p" tone="subdued">
            No other conversations or tickets from this customer.
          </Text>
        ) : null}
        {history.conversations.length ? (
          <ul aria-label="Previous conversations" style={{ margin: 0, paddingInlineStart: 0, listStyle: "none" }}>
            {history.conversations.map((c) => (
              <li key={c.id}>
                <InlineStack gap="200" blockAlign="center" wrap>
                  <Link url={`/app/conversations/${c.id}`}>Chat of {formatDate(c.createdAt, timeZone)}</Link>
                  <Badge>{STATE_LABEL[c.state] ?? c.state}</Badge>
                  <Text as="span" tone="subdued">
                    {c.messageCount} messages{c.rating !== null ? ` · rated ${c.rating}/5` : ""}
                  </Text>
                </InlineStack>
              </li>
            ))}
          </ul>
        ) : null}
        {history.tickets.length ? (
          <ul aria-label="Tickets" style={{ margin: 0, paddingInlineStart: 0, listStyle: "none" }}>
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
