import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, EmptyState, InlineStack, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { requireOperator } from "../domain/permissions.server";
import { readForm } from "../lib/forms.server";
import { listNotifications, markRead } from "../domain/notifications.server";
import { formatDateTime, useShopTimeZone } from "../lib/format";
import { useT } from "../lib/i18n/react";
import { translator } from "../lib/i18n/catalog";
import { adminLocale } from "../lib/i18n/locale.server";
import { chatsAwaitingAnswerFrom } from "../domain/conversations/transfers.server";
import { TransferAnswerButtons } from "./app.conversations.$id/components/TransferStatus";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requireOperator(context);
  const [notifications, awaiting] = await Promise.all([
    listNotifications(context.session.shop, me.id, { locale: adminLocale(request, me) }),
    chatsAwaitingAnswerFrom(context.session.shop, me.id),
  ]);
  // A transfer still waiting for this operator's answer can be answered from the list.
  const open = new Set(awaiting.map((id) => `/app/conversations/${id}`));
  return {
    notifications: notifications.map((n) => ({
      ...n,
      answerable: n.type === "transfer_request" && !!n.link && open.has(n.link),
    })),
  };
};

const markSchema = z.union([z.object({ all: z.literal("1") }), z.object({ id: z.string().min(1).max(64) })]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requireOperator(context);
  const t = translator(adminLocale(request, me));
  const parsed = markSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success)
    return Response.json({ error: { code: "invalid_request", message: t("notifications.invalid") } }, { status: 422 });
  const marked = await markRead(context.session.shop, me.id, "all" in parsed.data ? "all" : [parsed.data.id]);
  return Response.json({ ok: true, marked });
};

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const timeZone = useShopTimeZone();
  const { t, locale } = useT();
  const unread = notifications.filter((n) => !n.read).length;
  return (
    <Page
      title={t("notifications.title")}
      titleMetadata={
        unread ? <Badge tone="attention">{t("notifications.unread", { count: unread })}</Badge> : undefined
      }
      primaryAction={
        unread ? (
          <Form method="post">
            <input type="hidden" name="all" value="1" />
            <Button submit>{t("notifications.markAll")}</Button>
          </Form>
        ) : undefined
      }
    >
      <Card padding="0">
        {notifications.length === 0 ? (
          <EmptyState heading={t("notifications.empty")} image="">
            <p>{t("notifications.emptyText")}</p>
          </EmptyState>
        ) : (
          <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {notifications.map((n) => (
              <li
                key={n.id}
                style={{ padding: "12px 16px", borderBottom: "1px solid var(--p-color-border-secondary)" }}
              >
                <InlineStack align="space-between" blockAlign="center" gap="300" wrap={false}>
                  <BlockStack gap="050">
                    <Text as="p" fontWeight={n.read ? "regular" : "semibold"} breakWord>
                      {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
                    </Text>
                    {n.body ? (
                      <Text as="p" tone="subdued" breakWord>
                        <bdi>{n.body}</bdi>
                      </Text>
                    ) : null}
                    <Text as="p" variant="bodySm" tone="subdued">
                      {formatDateTime(n.createdAt, timeZone, locale)}
                    </Text>
                    {n.type === "transfer_request" && n.link ? (
                      <TransferAnswerButtons conversationPath={n.link} open={n.answerable} />
                    ) : null}
                  </BlockStack>
                  {n.read ? (
                    <Badge>{t("notifications.read")}</Badge>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="id" value={n.id} />
                      <Button
                        submit
                        variant="plain"
                        accessibilityLabel={t("notifications.markReadLabel", { title: n.title })}
                      >
                        {t("notifications.markRead")}
                      </Button>
                    </Form>
                  )}
                </InlineStack>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </Page>
  );
}
