import { Badge, BlockStack, Card, InlineStack, Link, List, Text } from "@shopify/polaris";
import type { CustomerContext } from "../../../integrations/shopify/admin-customer-context.server";

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
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Shopper
        </Text>
        {customer && "orders" in customer ? (
          <Text as="p">
            <Text as="span" fontWeight="semibold">
              {customer.name || "Signed-in customer"}
            </Text>
            {customer.email ? ` · ${customer.email}` : ""}
          </Text>
        ) : (
          <Text as="p">
            {conversation.contactName ??
              conversation.contactEmail ??
              (conversation.customerId ? "Signed-in customer" : "Guest")}
          </Text>
        )}
        <List type="bullet">
          <List.Item>
            {conversation.customerId ? `Signed in (customer ${conversation.customerId})` : "Not signed in"}
          </List.Item>
          {conversation.contactEmail ? <List.Item>Contact: {conversation.contactEmail}</List.Item> : null}
          {conversation.contactPhone ? <List.Item>Phone: {conversation.contactPhone}</List.Item> : null}
          <List.Item>Language: {conversation.locale ?? "unknown"}</List.Item>
          <List.Item>Device: {conversation.device ?? "unknown"}</List.Item>
          <List.Item>
            Page:{" "}
            {conversation.pageUrl && /^https?:\/\//.test(conversation.pageUrl) ? (
              <Link url={conversation.pageUrl} target="_blank">
                {conversation.pageUrl.replace(/^https?:\/\/[^/]+/, "") || "/"}
              </Link>
            ) : (
              "unknown"
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
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm">
        Recent orders
      </Text>
      {orders.length === 0 ? (
        <Text as="p" tone="subdued">
          No orders.
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
