import { Badge, Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useAdminApi } from "../../../lib/admin-api";
import { timeAgo, useShopTimeZone } from "../../../lib/format";
import { useT } from "../../../lib/i18n/react";

export interface UnansweredView {
  id: string;
  question: string;
  count: number;
  lastAskedAt: string;
}

/** The log of questions the assistant could not answer: answer one (the editor) or dismiss it. */
export function UnansweredCard({ questions, now }: { questions: UnansweredView[]; now: number }) {
  const { t, locale } = useT();
  const timeZone = useShopTimeZone();
  const dismiss = useAdminApi<unknown>();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("knowledge.unanswered.title")}
        </Text>
        {dismiss.result && !dismiss.result.ok ? (
          <Banner tone="critical" onDismiss={dismiss.reset}>
            {dismiss.result.error.message}
          </Banner>
        ) : null}
        {questions.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("knowledge.unanswered.none")}
          </Text>
        ) : (
          <ul
            aria-label={t("knowledge.unanswered.list")}
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
                      {t("knowledge.unanswered.lastAsked", { when: timeAgo(q.lastAskedAt, now, timeZone, locale) })}
                    </Text>
                    <InlineStack gap="200">
                      <Button
                        size="slim"
                        variant="plain"
                        accessibilityLabel={t("knowledge.unanswered.dismissLabel", { question: q.question })}
                        onClick={() =>
                          void dismiss.call(`/app/api/knowledge/unanswered/${q.id}`, {
                            method: "PATCH",
                            json: { status: "dismissed" },
                          })
                        }
                      >
                        {t("knowledge.unanswered.dismiss")}
                      </Button>
                      <Button
                        size="slim"
                        url={`/app/knowledge/new?unanswered=${encodeURIComponent(q.id)}`}
                        accessibilityLabel={t("knowledge.unanswered.answerLabel", { question: q.question })}
                      >
                        {t("knowledge.unanswered.answer")}
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
