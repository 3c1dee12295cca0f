import { BlockStack, Card, Text } from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import { PersonText } from "../../../components/Feedback";
import { useT } from "../../../lib/i18n/react";

const ROLES = new Set(["shopper", "ai", "operator", "system"]);

/** The chat the ticket came from: its snapshot at creation, or the chat as it is now. */
export function TranscriptCard({
  lines,
  live,
}: {
  lines: { role: string; author: string | null; text: string; at: string }[];
  live: boolean;
}) {
  const timeZone = useShopTimeZone();
  const { t, locale } = useT();
  if (lines.length === 0) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {live ? t("tickets.transcript.live") : t("tickets.transcript.snapshot")}
        </Text>
        <div
          style={{ maxHeight: 360, overflowY: "auto" }}
          tabIndex={0}
          role="region"
          aria-label={t("tickets.transcript.live")}
        >
          <BlockStack gap="200">
            {lines.map((line, i) => (
              <BlockStack key={i} gap="050">
                <Text as="p" variant="bodySm" tone="subdued">
                  {line.author ??
                    (ROLES.has(line.role) ? t(`tickets.transcript.role.${line.role as "ai"}`) : line.role)}
                  {line.at ? ` · ${formatDateTime(line.at, timeZone, locale)}` : ""}
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
