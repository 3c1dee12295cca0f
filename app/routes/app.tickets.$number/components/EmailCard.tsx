import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";

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

const KIND: Record<string, string> = {
  ticket_created: "Confirmation to the requester",
  ticket_reply: "Reply to the requester",
  staff_ticket_created: "New ticket, to staff",
  staff_ticket_replied: "Requester's reply, to staff",
};

/** The ticket's emails and their delivery state: queued (with the last error while retrying), sent, failed. */
export function EmailCard({ emails }: { emails: EmailView[] }) {
  const timeZone = useShopTimeZone();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Email
        </Text>
        {emails.length === 0 ? (
          <Text as="p" tone="subdued">
            No email for this ticket. Set up Settings → Email to send confirmations and replies.
          </Text>
        ) : (
          emails.map((e) => (
            <BlockStack key={e.id} gap="050">
              <InlineStack gap="200" blockAlign="center" wrap>
                <Text as="span" fontWeight="semibold">
                  {KIND[e.kind] ?? e.kind}
                </Text>
                <Badge tone={e.state === "sent" ? "success" : e.state === "failed" ? "critical" : "attention"}>
                  {e.state === "sent"
                    ? "Sent"
                    : e.state === "failed"
                      ? "Failed"
                      : e.attempts > 0
                        ? "Retrying"
                        : "Queued"}
                </Badge>
              </InlineStack>
              <Text as="p" variant="bodySm" tone="subdued" breakWord>
                {e.toAddress} · {formatDateTime(e.sentAt ?? e.createdAt, timeZone)}
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
