import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import { useT } from "../../../lib/i18n/react";

export interface EmailView {
  id: string;
  kind: string;
  toAddress: string;
  state: string;
  error: string | null;
  attempts: number;
  sentAt: string | null;
  createdAt: string;
}

const KINDS = new Set(["ticket_created", "ticket_reply", "staff_ticket_created", "staff_ticket_replied"]);

/** The ticket's emails and their delivery state: queued (with the last error while retrying), sent, failed. */
export function EmailCard({ emails }: { emails: EmailView[] }) {
  const timeZone = useShopTimeZone();
  const { t, locale } = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("tickets.email.title")}
        </Text>
        {emails.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("tickets.email.empty")}
          </Text>
        ) : (
          emails.map((e) => (
            <BlockStack key={e.id} gap="050">
              <InlineStack gap="200" blockAlign="center" wrap>
                <Text as="span" fontWeight="semibold">
                  {KINDS.has(e.kind) ? t(`tickets.email.kind.${e.kind as "ticket_created"}`) : e.kind}
                </Text>
                <Badge tone={e.state === "sent" ? "success" : e.state === "failed" ? "critical" : "attention"}>
                  {e.state === "sent"
                    ? t("tickets.email.sent")
                    : e.state === "failed"
                      ? t("tickets.email.failed")
                      : e.attempts > 0
                        ? t("tickets.email.retrying")
                        : t("tickets.email.queued")}
                </Badge>
              </InlineStack>
              <Text as="p" variant="bodySm" tone="subdued" breakWord>
                {e.toAddress} · {formatDateTime(e.sentAt ?? e.createdAt, timeZone, locale)}
              </Text>
              {e.error && e.state !== "sent" ? (
                <Text as="p" variant="bodySm" tone="critical" breakWord>
                  {e.error}
                </Text>
              ) : null}
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
