import type { ReactNode } from "react";
import { Badge, BlockStack, Card, InlineStack, Link, List, Text } from "@shopify/polaris";
import type { CustomerContext } from "../integrations/shopify/admin-customer-context.server";
import { useT } from "../lib/i18n/react";

/** Who a conversation or a ticket is with, as the page knows it (what they typed, or nothing). */
export interface ContactDetails {
  name: string | null;
  email: string | null;
  phone: string | null;
  /** The Shopify customer id when they were signed in. */
  customerId: string | null;
}

/**
 * The person a conversation or a ticket is with: name, email, phone, signed in or not, and for a
 * signed-in customer their recent orders from the Admin API (or why they could not be loaded).
 * `noEmail` is shown when there is no address (a ticket says it cannot be answered); without it the
 * line is left out. `children` are more list items (the page the shopper is on, the linked chat).
 */
export function CustomerCard({
  title,
  contact,
  customer,
  noEmail,
  children,
}: {
  title: string;
  contact: ContactDetails;
  customer: CustomerContext | { error: string } | null;
  noEmail?: string;
  children?: ReactNode;
}) {
  const { t } = useT();
  const known = customer && "orders" in customer ? customer : null;
  const name =
    contact.name ??
    known?.name ??
    (contact.customerId ? t("common.customer.signedInCustomer") : t("common.customer.guest"));
  const email = contact.email ?? known?.email ?? null;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        <Text as="p" fontWeight="semibold" breakWord>
          <bdi dir="auto">{name}</bdi>
        </Text>
        <List type="bullet">
          {email || noEmail ? (
            <List.Item>
              {t("common.customer.email")} {email ? <Link url={`mailto:${email}`}>{email}</Link> : noEmail}
            </List.Item>
          ) : null}
          {contact.phone ? <List.Item>{t("common.customer.phone", { value: contact.phone })}</List.Item> : null}
          <List.Item>
            {contact.customerId
              ? t("common.customer.signedIn", { id: contact.customerId })
              : t("common.customer.notSignedIn")}
          </List.Item>
          {children}
        </List>
        {customer && "error" in customer ? (
          <Text as="p" tone="subdued">
            {customer.error}
          </Text>
        ) : null}
        {known ? <CustomerOrders orders={known.orders} /> : null}
      </BlockStack>
    </Card>
  );
}

/** A signed-in customer's recent orders (from the Admin API). */
function CustomerOrders({ orders }: { orders: CustomerContext["orders"] }) {
  const { t } = useT();
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm">
        {t("common.customer.recentOrders")}
      </Text>
      {orders.length === 0 ? (
        <Text as="p" tone="subdued">
          {t("common.customer.noOrders")}
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
