import { Badge, BlockStack, Box, Card, InlineStack, List, Text } from "@shopify/polaris";
import { useT } from "../../../lib/i18n/react";

export interface PlaygroundAnswer {
  text: string;
  quickReplies: string[];
  cards: { type: string; title?: string; name?: string; price?: string; status?: string; url?: string }[];
  mode: "provider" | "builtin";
  reason: string | null;
  errorKind: string | null;
  failed: boolean;
  handoff: { reason: string; summary?: string } | null;
  usage: { tokensIn: number; tokensOut: number; costMicros: number } | null;
  trace: { name: string; arguments: string; ok: boolean; result: string; ms: number }[];
  sources: { type: string; id: string; title: string }[];
}

/** Cards, tool calls with what each returned to the model, and the sources used. Text only. */
export function TraceList({ answer }: { answer: PlaygroundAnswer }) {
  const { t } = useT();
  return (
    <>
      {answer.cards.length ? (
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              {t("playground.trace.cards")}
            </Text>
            <List>
              {answer.cards.map((c, i) => (
                <List.Item key={i}>
                  {c.type === "product"
                    ? t("playground.trace.product", { title: c.title ?? "", price: c.price ?? "" })
                    : t("playground.trace.order", { name: c.name ?? "", status: c.status ?? "" })}
                </List.Item>
              ))}
            </List>
          </BlockStack>
        </Card>
      ) : null}
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("playground.trace.toolCalls")}
          </Text>
          {answer.trace.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("playground.trace.noTools")}
            </Text>
          ) : (
            answer.trace.map((call, i) => (
              <BlockStack key={i} gap="100">
                <InlineStack gap="200">
                  <Text as="span" fontWeight="semibold">
                    {call.name}
                  </Text>
                  <Badge tone={call.ok ? "success" : "critical"}>
                    {t(call.ok ? "playground.trace.ok" : "playground.trace.refused")}
                  </Badge>
                  <Text as="span" tone="subdued">{`${call.ms} ms`}</Text>
                </InlineStack>
                <Text as="p" variant="bodySm">
                  {t("playground.trace.arguments", { arguments: call.arguments })}
                </Text>
                <Box background="bg-surface-secondary" padding="200" borderRadius="100">
                  <pre style={{ margin: 0, whiteSpace: "pre-wrap", fontSize: 12, maxHeight: 240, overflow: "auto" }}>
                    {call.result}
                  </pre>
                </Box>
              </BlockStack>
            ))
          )}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t("playground.trace.sources")}
          </Text>
          {answer.sources.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("playground.trace.none")}
            </Text>
          ) : (
            <List>
              {answer.sources.map((s, i) => (
                <List.Item key={i}>{`${s.type}: ${s.title}`}</List.Item>
              ))}
            </List>
          )}
        </BlockStack>
      </Card>
    </>
  );
}
