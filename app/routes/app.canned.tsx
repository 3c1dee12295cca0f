import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import {
  BlockStack,
  Button,
  Card,
  FormLayout,
  IndexTable,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { requireOperator } from "../domain/permissions.server";
import { readForm } from "../lib/forms.server";
import { createCanned, deleteCanned, listCanned, updateCanned } from "../repositories/canned.server";
import { useT } from "../lib/i18n/react";
import { formErrors } from "../lib/i18n/form-errors";
import { translator } from "../lib/i18n/catalog";
import { adminLocale } from "../lib/i18n/locale.server";
import { shortcutInput } from "../lib/canned";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  await requireOperator(context);
  const rows = await listCanned(context.session.shop);
  return { canned: rows.map((c) => ({ id: c.id, shortcut: c.shortcut, title: c.title, body: c.body })) };
};

const fields = {
  // The table shows "/refund": typed with its slash, it means the same shortcut.
  shortcut: z.preprocess(
    (v) => (typeof v === "string" ? shortcutInput(v) : v),
    z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "canned.errors.shortcut"),
  ),
  title: z.string().trim().min(1, "canned.errors.title").max(80),
  body: z.string().trim().min(1, "canned.errors.body").max(2000),
};
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), ...fields }),
  z.object({ intent: z.literal("update"), id: z.string().min(1).max(64), ...fields }),
  z.object({ intent: z.literal("delete"), id: z.string().min(1).max(64) }),
]);

type Result = { ok: true; message: string } | { ok: false; error: { code: string; message: string; field?: string } };

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const shop = context.session.shop;
  const me = await requireOperator(context);
  const t = translator(adminLocale(request, me));
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    const [field, message] = Object.entries(formErrors(parsed.error, t, { field: "first" }))[0] ?? ["", ""];
    return Response.json(
      {
        ok: false,
        error: { code: "invalid_request", message: message || t("canned.errors.invalid"), field },
      } satisfies Result,
      { status: 422 },
    );
  }
  const input = parsed.data;
  const conflict = () =>
    Response.json(
      {
        ok: false,
        error: { code: "conflict", message: t("canned.errors.conflict"), field: "shortcut" },
      } satisfies Result,
      { status: 409 },
    );
  if (input.intent === "create") {
    const row = await createCanned(shop, { shortcut: input.shortcut, title: input.title, body: input.body });
    return row
      ? Response.json({ ok: true, message: t("canned.saved", { shortcut: row.shortcut }) } satisfies Result)
      : conflict();
  }
  if (input.intent === "update") {
    const outcome = await updateCanned(shop, input.id, {
      shortcut: input.shortcut,
      title: input.title,
      body: input.body,
    });
    if (outcome === "conflict") return conflict();
    if (outcome === "not_found")
      return Response.json(
        { ok: false, error: { code: "not_found", message: t("canned.errors.notFound") } } satisfies Result,
        { status: 404 },
      );
    return Response.json({ ok: true, message: t("canned.updated", { shortcut: input.shortcut }) } satisfies Result);
  }
  const deleted = await deleteCanned(shop, input.id);
  return deleted
    ? Response.json({ ok: true, message: t("canned.deleted") } satisfies Result)
    : Response.json(
        { ok: false, error: { code: "not_found", message: t("canned.errors.notFound") } } satisfies Result,
        {
          status: 404,
        },
      );
};

interface Draft {
  id?: string;
  shortcut: string;
  title: string;
  body: string;
}

const EMPTY: Draft = { shortcut: "", title: "", body: "" };

export default function CannedResponses() {
  const { canned } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<Result>();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const saving = fetcher.state !== "idle";
  const { t } = useT();
  const error = fetcher.data && !fetcher.data.ok ? fetcher.data.error : null;

  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setDraft(EMPTY);
  }, [fetcher.state, fetcher.data]);

  const save = () =>
    fetcher.submit(
      {
        intent: draft.id ? "update" : "create",
        ...(draft.id ? { id: draft.id } : {}),
        shortcut: draft.shortcut,
        title: draft.title,
        body: draft.body,
      },
      { method: "post" },
    );

  return (
    <Page
      title={t("canned.title")}
      subtitle={t("canned.subtitle")}
      backAction={{ content: t("canned.back"), url: "/app/inbox" }}
    >
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <IndexTable
              resourceName={{ singular: t("canned.singular"), plural: t("canned.plural") }}
              itemCount={canned.length}
              selectable={false}
              headings={[
                { title: t("canned.shortcut") },
                { title: t("canned.titleColumn") },
                { title: t("canned.response") },
                { title: t("canned.actions"), alignment: "end" },
              ]}
              emptyState={
                <div style={{ padding: 16 }}>
                  <Text as="p" tone="subdued">
                    {t("canned.empty")}
                  </Text>
                </div>
              }
            >
              {canned.map((c, i) => (
                <IndexTable.Row id={c.id} key={c.id} position={i}>
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">
                      /{c.shortcut}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{c.title}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <div style={{ maxWidth: 420, whiteSpace: "normal" }}>
                      <Text as="span" tone="subdued">
                        {c.body.length > 140 ? `${c.body.slice(0, 140)}…` : c.body}
                      </Text>
                    </div>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <InlineStack gap="200" align="end" wrap={false}>
                      <Button
                        size="slim"
                        onClick={() => setDraft(c)}
                        accessibilityLabel={t("canned.editLabel", { shortcut: c.shortcut })}
                      >
                        {t("common.actions.edit")}
                      </Button>
                      <Button
                        size="slim"
                        tone="critical"
                        accessibilityLabel={t("canned.deleteLabel", { shortcut: c.shortcut })}
                        onClick={() => fetcher.submit({ intent: "delete", id: c.id }, { method: "post" })}
                      >
                        {t("common.actions.delete")}
                      </Button>
                    </InlineStack>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {draft.id ? t("canned.editLabel", { shortcut: draft.shortcut }) : t("canned.new")}
              </Text>
              <FormLayout>
                <TextField
                  label={t("canned.shortcut")}
                  prefix="/"
                  value={draft.shortcut}
                  onChange={(shortcut) => setDraft({ ...draft, shortcut: shortcutInput(shortcut) })}
                  autoComplete="off"
                  error={error?.field === "shortcut" ? error.message : undefined}
                />
                <TextField
                  label={t("canned.titleColumn")}
                  value={draft.title}
                  onChange={(title) => setDraft({ ...draft, title })}
                  autoComplete="off"
                  error={error?.field === "title" ? error.message : undefined}
                />
                <TextField
                  label={t("canned.response")}
                  value={draft.body}
                  onChange={(body) => setDraft({ ...draft, body })}
                  multiline={5}
                  maxLength={2000}
                  showCharacterCount
                  autoComplete="off"
                  error={error?.field === "body" ? error.message : undefined}
                />
              </FormLayout>
              {fetcher.data?.ok ? (
                <Text as="p" tone="success">
                  {fetcher.data.message}
                </Text>
              ) : null}
              <InlineStack gap="200" align="end">
                {draft.id ? <Button onClick={() => setDraft(EMPTY)}>{t("common.actions.cancel")}</Button> : null}
                <Button variant="primary" loading={saving} onClick={save}>
                  {t("common.actions.save")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
