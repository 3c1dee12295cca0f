import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { authenticate } from "../../shopify.server";
import { requirePermission } from "../../domain/permissions.server";
import { readForm } from "../../lib/forms.server";
import { askAsShopper, playgroundSchema } from "../../ai/settings.server";
import { createShopifyData } from "../../integrations/shopify/data.server";
import type { GraphqlClient } from "../../integrations/shopify/client.server";
import { TraceList, type PlaygroundAnswer } from "./components/TraceList";
import { CustomerPicker, type CustomerList } from "./components/CustomerPicker";
import { adminCustomersSearch } from "../../integrations/shopify/admin-customers-search.server";
import { ShopifyError } from "../../integrations/shopify/client.server";
import { useT } from "../../lib/i18n/react";
import { KNOWLEDGE_LOCALES, LOCALE_NAMES } from "../../domain/knowledge/entry";
import { translator } from "../../lib/i18n/catalog";
import { adminLocale } from "../../lib/i18n/locale.server";

/** Fields whose invalid value has its own message (playground.errors.*). */
const FIELDS = new Set(["question", "customerId", "locale"]);

/** The customers to pick from: the first ones by name, or those matching `?customerQuery=`. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requirePermission(context, "playground.ask");
  const query = (new URL(request.url).searchParams.get("customerQuery") ?? "").slice(0, 100);
  try {
    const customers = await adminCustomersSearch(context.admin.graphql as unknown as GraphqlClient, query);
    return Response.json({ customers, error: null } satisfies CustomerList);
  } catch (error) {
    if (!(error instanceof ShopifyError)) throw error;
    const t = translator(adminLocale(request, me));
    const list: CustomerList = { customers: [], error: t("playground.errors.customers") };
    return Response.json(list);
  }
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const me = await requirePermission(context, "playground.ask");
  const t = translator(adminLocale(request, me));
  const { session, admin } = context;
  const parsed = playgroundSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    return Response.json(
      {
        ok: false,
        errors: Object.fromEntries(
          parsed.error.issues.map((i) => {
            const field = i.path.join(".");
            return [field, FIELDS.has(field) ? t(`playground.errors.${field as "question"}`) : i.message];
          }),
        ),
      },
      { status: 422 },
    );
  }
  // The staff member's own Admin API client reads the catalogue and orders for the tools.
  const shopify = async (shop: string) => createShopifyData(shop, admin.graphql as unknown as GraphqlClient);
  const answer = await askAsShopper(session.shop, parsed.data, shopify);
  return Response.json({ ok: true, answer, errors: {} });
};

const REASONS = new Set(["no_key", "daily_cap", "circuit_open", "provider_error"]);

const LOCALES = KNOWLEDGE_LOCALES.map((value) => ({ label: LOCALE_NAMES[value], value }));

export default function Playground() {
  const { t } = useT();
  const result = useActionData<{ ok: boolean; answer?: PlaygroundAnswer; errors: Record<string, string> }>();
  const busy = useNavigation().state === "submitting";
  const [question, setQuestion] = useState("");
  const [locale, setLocale] = useState("en");
  const customers = useLoaderData<CustomerList>();
  const answer = result?.answer;
  return (
    <Page title={t("common.nav.playground")} subtitle={t("playground.subtitle")}>
      <Layout>
        <Layout.Section>
          <Form method="post">
            <Card>
              <FormLayout>
                <TextField
                  label={t("playground.question")}
                  name="question"
                  value={question}
                  onChange={setQuestion}
                  multiline={2}
                  autoComplete="off"
                  error={result?.errors?.question}
                />
                <FormLayout.Group>
                  <Select
                    label={t("playground.language")}
                    name="locale"
                    options={LOCALES}
                    value={locale}
                    onChange={setLocale}
                  />
                  <CustomerPicker initial={customers} error={result?.errors?.customerId} />
                </FormLayout.Group>
                <Button submit variant="primary" loading={busy}>
                  {t("playground.ask")}
                </Button>
              </FormLayout>
            </Card>
          </Form>
        </Layout.Section>
        {answer ? (
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="200">
                  <InlineStack gap="200">
                    <Badge tone={answer.mode === "provider" ? "success" : "info"}>
                      {answer.mode === "provider"
                        ? t("playground.provider")
                        : t("playground.builtin", {
                            reason: t(
                              `playground.reasons.${REASONS.has(answer.reason ?? "") ? (answer.reason as "no_key") : "none"}`,
                            ),
                          })}
                    </Badge>
                    {answer.errorKind ? (
                      <Badge tone="warning">{t("playground.providerError", { kind: answer.errorKind })}</Badge>
                    ) : null}
                    {answer.failed ? <Badge tone="attention">{t("playground.notAnswered")}</Badge> : null}
                    {answer.handoff ? (
                      <Badge tone="attention">{t("playground.handoff", { reason: answer.handoff.reason })}</Badge>
                    ) : null}
                    {answer.usage ? (
                      <Badge>
                        {t("playground.tokens", { in: answer.usage.tokensIn, out: answer.usage.tokensOut })}
                      </Badge>
                    ) : null}
                  </InlineStack>
                  <Text as="h2" variant="headingMd">
                    {t("playground.reply")}
                  </Text>
                  <Text as="p">{answer.text}</Text>
                  {answer.quickReplies.length ? (
                    <InlineStack gap="200">
                      {answer.quickReplies.map((q) => (
                        <Badge key={q}>{q}</Badge>
                      ))}
                    </InlineStack>
                  ) : null}
                </BlockStack>
              </Card>
              <TraceList answer={answer} />
            </BlockStack>
          </Layout.Section>
        ) : result && !result.ok ? (
          <Layout.Section>
            <Banner tone="critical">{t("playground.checkQuestion")}</Banner>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
