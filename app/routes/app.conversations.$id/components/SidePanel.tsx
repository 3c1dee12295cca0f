import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  Divider,
  InlineStack,
  Link,
  List,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { formatDateTime, useShopTimeZone } from "../../../lib/format";
import type { CustomerContext } from "../../../integrations/shopify/admin-customer-context.server";
import { can } from "../../../domain/permissions";
import { CreateTicket } from "./CreateTicket";
import { useT } from "../../../lib/i18n/react";

interface ConversationInfo {
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

type ActionData = { ok: boolean; message?: string; error?: { message: string } } | undefined;

function Feedback({ data }: { data: ActionData }) {
  if (!data) return null;
  return data.ok ? (
    data.message ? (
      <Text as="p" tone="success" variant="bodySm">
        {data.message}
      </Text>
    ) : null
  ) : (
    <div role="alert">
      <Text as="p" tone="critical" variant="bodySm">
        {data.error?.message}
      </Text>
    </div>
  );
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

const CLOSE_REASONS = ["resolved", "abandoned", "timed_out", "closed_by_shopper"] as const;

export function ActionsCard({
  conversation,
  operators,
  me,
  holderId,
  ticket,
  requesterEmail,
}: {
  conversation: ConversationInfo;
  operators: { id: string; name: string; presence: string }[];
  me: { id: string; role: string };
  holderId: string | null;
  ticket: { number: string; status: string } | null;
  /** The chat's contact email or the signed-in customer's: the new ticket's requester by default. */
  requesterEmail: string | null;
}) {
  const fetcher = useFetcher<ActionData>();
  const { t } = useT();
  const presence = (p: string) =>
    p === "online" || p === "away" || p === "offline" ? t(`common.presence.${p}`).toLowerCase() : p;
  const others = operators.filter((o) => o.id !== holderId);
  const [target, setTarget] = useState(others[0]?.id ?? "");
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("resolved");
  useEffect(() => {
    if (!others.some((o) => o.id === target)) setTarget(others[0]?.id ?? "");
  }, [others, target]);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setNote("");
  }, [fetcher.state, fetcher.data]);
  const busy = fetcher.state !== "idle";
  const closed = conversation.state === "closed";
  const human = conversation.state === "assigned" || conversation.state === "waiting_shopper";
  // Another operator's chat: only with the permission for it (the server decides the same way).
  const mine = !holderId || holderId === me.id || can(me.role, "conversations.manage_others");
  const canTransfer = human && mine;
  const chosen = others.find((o) => o.id === target);
  const submit = (data: Record<string, string>) => fetcher.submit(data, { method: "post" });

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("conversation.actions.title")}
        </Text>
        <Feedback data={fetcher.data} />
        {!closed ? (
          <>
            <Select
              label={t("conversation.actions.operator")}
              options={others.map((o) => ({
                label: t("conversation.actions.operatorOption", { name: o.name, presence: presence(o.presence) }),
                value: o.id,
              }))}
              value={target}
              onChange={setTarget}
              disabled={others.length === 0}
              helpText={t("conversation.actions.operatorHelp")}
            />
            {chosen && chosen.presence !== "online" ? (
              <div role="status">
                <Text as="p" tone="caution">
                  {t("conversation.actions.notOnline", { name: chosen.name, presence: presence(chosen.presence) })}
                </Text>
              </div>
            ) : null}
            <TextField
              label={t("conversation.actions.note")}
              value={note}
              onChange={setNote}
              autoComplete="off"
              multiline={2}
            />
            <InlineStack gap="200">
              <Button
                disabled={!canTransfer || !target || busy}
                onClick={() => submit({ intent: "transfer", operatorId: target, note })}
              >
                {t("conversation.actions.transfer")}
              </Button>
              {can(me.role, "conversations.assign") ? (
                <Button disabled={!target || busy} onClick={() => submit({ intent: "assign", operatorId: target })}>
                  {t("conversation.actions.assign")}
                </Button>
              ) : null}
              <Button
                disabled={conversation.state === "ai" || !mine || busy}
                onClick={() => submit({ intent: "return_to_ai" })}
              >
                {t("conversation.actions.returnToAi")}
              </Button>
            </InlineStack>
            <Divider />
            <InlineStack gap="200" blockAlign="end">
              <Select
                label={t("conversation.actions.closeReason")}
                options={CLOSE_REASONS.map((r) => ({ label: t(`conversation.actions.reasons.${r}`), value: r }))}
                value={reason}
                onChange={setReason}
              />
              <Button tone="critical" disabled={!mine || busy} onClick={() => submit({ intent: "close", reason })}>
                {t("conversation.actions.closeChat")}
              </Button>
            </InlineStack>
          </>
        ) : (
          <Text as="p" tone="subdued">
            {t("conversation.actions.closed")}
          </Text>
        )}
        <Divider />
        <CreateTicket ticket={ticket} defaultEmail={requesterEmail} disabled={busy} />
      </BlockStack>
    </Card>
  );
}

export function TagsCard({ tags }: { tags: string[] }) {
  const fetcher = useFetcher<ActionData>();
  // The page revalidates every second (live updates): reset the field only when the saved tags
  // change, never because a fresh array arrived, so an operator's typing is not overwritten.
  const saved = tags.join(", ");
  const { t } = useT();
  const [value, setValue] = useState(saved);
  useEffect(() => setValue(saved), [saved]);
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("conversation.tags.title")}
        </Text>
        <InlineStack gap="100">
          {tags.length ? (
            tags.map((t) => <Badge key={t}>{t}</Badge>)
          ) : (
            <Text as="span" tone="subdued">
              {t("conversation.tags.none")}
            </Text>
          )}
        </InlineStack>
        <TextField
          label={t("conversation.tags.field")}
          value={value}
          onChange={setValue}
          autoComplete="off"
          connectedRight={
            <Button
              loading={fetcher.state !== "idle"}
              onClick={() => fetcher.submit({ intent: "tags", tags: value }, { method: "post" })}
            >
              {t("common.actions.save")}
            </Button>
          }
        />
        <Feedback data={fetcher.data} />
      </BlockStack>
    </Card>
  );
}

export function NotesCard({
  notes,
}: {
  notes: { id: string; authorName: string | null; text: string; createdAt: string }[];
}) {
  const timeZone = useShopTimeZone();
  const { t, locale } = useT();
  const fetcher = useFetcher<ActionData>();
  const [text, setText] = useState("");
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setText("");
  }, [fetcher.state, fetcher.data]);
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            {t("conversation.notes.title")}
          </Text>
          <Badge tone="attention">{t("conversation.notes.private")}</Badge>
        </InlineStack>
        {notes.map((n) => (
          <BlockStack key={n.id} gap="050">
            <Text as="p" variant="bodySm" tone="subdued">
              {n.authorName ?? t("conversation.notes.author")} · {formatDateTime(n.createdAt, timeZone, locale)}
            </Text>
            <Text as="p" breakWord>
              <span style={{ whiteSpace: "pre-wrap" }}>{n.text}</span>
            </Text>
          </BlockStack>
        ))}
        <TextField
          label={t("conversation.notes.add")}
          value={text}
          onChange={setText}
          autoComplete="off"
          multiline={2}
        />
        <InlineStack align="end">
          <Button
            disabled={!text.trim()}
            loading={fetcher.state !== "idle"}
            onClick={() => fetcher.submit({ intent: "note", text }, { method: "post" })}
          >
            {t("conversation.notes.addButton")}
          </Button>
        </InlineStack>
        <Feedback data={fetcher.data} />
      </BlockStack>
    </Card>
  );
}
