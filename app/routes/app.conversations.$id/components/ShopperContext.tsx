import { Link, List } from "@shopify/polaris";
import type { CustomerContext } from "../../../integrations/shopify/admin-customer-context.server";
import { useT } from "../../../lib/i18n/react";
import { CustomerCard } from "../../../components/CustomerCard";

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

/** The shopper of this conversation, and where they are: language, device, the page they are on. */
export function ShopperContext({
  conversation,
  customer,
}: {
  conversation: ConversationInfo;
  customer: CustomerContext | { error: string } | null;
}) {
  const { t } = useT();
  return (
    <CustomerCard
      title={t("conversation.shopper.title")}
      contact={{
        name: conversation.contactName,
        email: conversation.contactEmail,
        phone: conversation.contactPhone,
        customerId: conversation.customerId,
      }}
      customer={customer}
    >
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
    </CustomerCard>
  );
}
