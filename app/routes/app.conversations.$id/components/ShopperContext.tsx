import { Badge, BlockStack, Card, InlineStack, Link, List, Text } from "@shopify/polaris";
import type { CustomerContext } from "../../../integrations/shopify/admin-customer-context.server";
import { useT } from "../../../lib/i18n/react";

/** The conversation columns the side panel shows. */
export interface ConversationInfo {
  id: string;
  state: string;
  tags: string[];
  handoffSummary: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  customerId: string | null;
  locale: string | null;
  pageUrl: string | null;
  device: string | null;
}

export function ShopperContext({
  conversation,
  customer,
}: {
  conversation: ConversationInfo;
  customer: CustomerContext | { error: string } | null;
}) {
  const { t } = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("conversation.shopper.title")}
        </Text>
        {customer && "orders" in customer ? (
          <Text as="p">
            <Text as="span" fontWeight="semibold">
              {customer.name || t("conversation.shopper.signedInCustomer")}
            </Text>
            {customer.email ? ` · ${customer.email}` : ""}
          </Text>
        ) : (
          <Text as="p">
            {conversation.contactName ??
              conversation.contactEmail ??
              (conversation.customerId ? t("conversation.shopper.signedInCustomer") : t("conversation.shopper.guest"))}
          </Text>
        )}
        <List type="bullet">
          <List.Item>
            {conversation.customerId
              ? t("conversation.shopper.signedIn", { id: conversation.customerId })
              : t("conversation.shopper.notSignedIn")}
          </List.Item>
          {conversation.contactEmail ? (
            <List.Item>{t("conversation.shopper.contact", { value: conversation.contactEmail })}</List.Item>
          ) : null}
          {conversation.contactPhone ? (
            <List.Item>{t("conversation.shopper.phone", { value: conversation.contactPhone })}</List.Item>
          ) : null}
          <List.Item>
            {t("conversation.shopper.language", { value: conversation.locale ?? t("conversation.shopper.unknown") })}
          </List.Item>
          <List.Item>
            {t("conversation.shopper.device", { value: conversation.device ?? t("conversation.shopper.unknown") })}
          </List.Item>
          <List.Item>
            {t("conversation.shopper.page")}{" "}
            {conversation.pageUrl && /^https?:\/\//.test(conversation.pageUrl) ? (
              <Link url={conversation.pageUrl} target="_blank">
                {conversation.pageUrl.replace(/^https?:\/\/[^/]+/, "") || "/"}
              </Link>
            ) : (
              t("conversation.shopper.unknown")
            )}
          </List.Item>
        </List>
        {customer && "error" in customer ? (
          <Text as="p" tone="subdued">
            {customer.error}
          </Text>
        ) : null}
        {customer && "orders" in customer ? <CustomerOrders orders={customer.orders} /> : null}
      </BlockStack>
    </Card>
  );
}

/** A signed-in customer's recent orders (from the Admin API), as the conversation and ticket pages show them. */
export function CustomerOrders({ orders }: { orders: CustomerContext["orders"] }) {
  const { t } = useT();
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm">
        {t("conversation.shopper.recentOrders")}
      </Text>
      {orders.length === 0 ? (
        <Text as="p" tone="subdued">
          {t("conversation.shopper.noOrders")}
        </Text>
      ) : (
        orders.map((o) => (
          <InlineStack key={o.id} align="space-between" gap="200">
            <Text as="span" fontWeight="semibold">
              {o.name}
            </Text>
            <Text as="span" tone="subdued">
              {o.total} {o.currency}
            </Text>
            <Badge tone={o.fulfillmentStatus === "FULFILLED" ? "success" : undefined}>
              {o.fulfillmentStatus.toLowerCase().replace(/_/g, " ")}
            </Badge>
          </InlineStack>
        ))
      )}
    </BlockStack>
  );
}
