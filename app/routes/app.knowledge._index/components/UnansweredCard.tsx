import { Badge, Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useAdminApi } from "../../../lib/admin-api";
import { timeAgo, useShopTimeZone } from "../../../lib/format";

export interface UnansweredView {
  id: string;
  question: string;
  count: number;
  lastAskedAt: string;
}

/** The log of questions the assistant could not answer: answer one (the editor) or dismiss it. */
export function UnansweredCard({ questions, now }: { questions: UnansweredView[]; now: number }) {
  const timeZone = useShopTimeZone();
  const dismiss = useAdminApi<unknown>();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Questions the assistant could not answer
        </Text>
        {dismiss.result && !dismiss.result.ok ? (
          <Banner tone="critical" onDismiss={dismiss.reset}>
            {dismiss.result.error.message}
          </Banner>
        ) : null}
        {questions.length === 0 ? (
          <Text as="p" tone="subdued">
            None open. Questions without a confident answer appear here so you can add them to the FAQ.
          </Text>
        ) : (
          <ul
            aria-label="Unanswered questions"
            style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gap: 12 }}
          >
            {questions.map((q) => (
              <li key={q.id}>
                <BlockStack gap="150">
                  <InlineStack align="space-between" wrap={false} gap="200" blockAlign="start">
                    <Text as="span" breakWord>
                      <bdi dir="auto">{q.question}</bdi>
                    </Text>
                    <Badge>{`${q.count}×`}</Badge>
                  </InlineStack>
                  <InlineStack align="space-between" blockAlign="center" gap="200">
                    <Text as="span" tone="subdued" variant="bodySm">
                      {`Last asked ${timeAgo(q.lastAskedAt, now, timeZone)}`}
                    </Text>
                    <InlineStack gap="200">
                      <Button
                        size="slim"
                        variant="plain"
                        accessibilityLabel={`Dismiss: ${q.question}`}
                        onClick={() =>
                          void dismiss.call(`/app/api/knowledge/unanswered/${q.id}`, {
                            method: "PATCH",
                            json: { status: "dismissed" },
                          })
                        }
                      >
                        Dismiss
                      </Button>
                      <Button
                        size="slim"
                        url={`/app/knowledge/new?unanswered=${encodeURIComponent(q.id)}`}
                        accessibilityLabel={`Answer this: ${q.question}`}
                      >
                        Answer this
                      </Button>
                    </InlineStack>
                  </InlineStack>
                </BlockStack>
              </li>
            ))}
          </ul>
        )}
      </BlockStack>
    </Card>
  );
}
