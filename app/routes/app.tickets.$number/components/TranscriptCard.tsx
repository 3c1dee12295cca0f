import { BlockStack, Card, Text } from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import { PersonText } from "./Feedback";

const ROLE: Record<string, string> = { shopper: "Shopper", ai: "AI assistant", operator: "Operator", system: "Notice" };

/** The chat the ticket came from: its snapshot at creation, or the chat as it is now. */
export function TranscriptCard({
  lines,
  live,
}: {
  lines: { role: string; author: string | null; text: string; at: string }[];
  live: boolean;
}) {
  const timeZone = useShopTimeZone();
  if (lines.length === 0) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {live ? "Chat transcript" : "Chat transcript (when the ticket was created)"}
        </Text>
        <div style={{ maxHeight: 360, overflowY: "auto" }} tabIndex={0} role="region" aria-label="Chat transcript">
          <BlockStack gap="200">
            {lines.map((line, i) => (
              <BlockStack key={i} gap="050">
                <Text as="p" variant="bodySm" tone="subdued">
                  {line.author ?? ROLE[line.role] ?? line.role}
                  {line.at ? ` · ${formatDateTime(line.at, timeZone)}` : ""}
                </Text>
                <PersonText text={line.text} />
              </BlockStack>
            ))}
          </BlockStack>
        </div>
      </BlockStack>
    </Card>
  );
}
