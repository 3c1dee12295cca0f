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

/** The customers to pick from: the first ones by name, or those matching `?customerQuery=`. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  await requirePermission(context, "playground.ask");
  const query = (new URL(request.url).searchParams.get("customerQuery") ?? "").slice(0, 100);
  try {
    const customers = await adminCustomersSearch(context.admin.graphql as unknown as GraphqlClient, query);
    return Response.json({ customers, error: null } satisfies CustomerList);
  } catch (error) {
    if (!(error instanceof ShopifyError)) throw error;
    const list: CustomerList = { customers: [], error: "Shopify did not return the customers; try again." };
    return Response.json(list);
  }
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  await requirePermission(context, "playground.ask");
  const { session, admin } = context;
  const parsed = playgroundSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    return Response.json(
      { ok: false, errors: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])) },
      { status: 422 },
    );
  }
  // The staff member's own Admin API client reads the catalogue and orders for the tools.
  const shopify = async (shop: string) => createShopifyData(shop, admin.graphql as unknown as GraphqlClient);
  const answer = await askAsShopper(session.shop, parsed.data, shopify);
  return Response.json({ ok: true, answer, errors: {} });
};

const REASONS: Record<string, string> = {
  no_key: "no API key",
  daily_cap: "daily token cap reached",
  circuit_open: "provider paused after failures",
  provider_error: "the provider failed",
};

const LOCALES = [
  { label: "English", value: "en" },
  { label: "Italiano", value: "it" },
  { label: "Français", value: "fr" },
  { label: "Deutsch", value: "de" },
  { label: "Español", value: "es" },
];

export default function Playground() {
  const result = useActionData<{ ok: boolean; answer?: PlaygroundAnswer; errors: Record<string, string> }>();
  const busy = useNavigation().state === "submitting";
  const [question, setQuestion] = useState("");
  const [locale, setLocale] = useState("en");
  const customers = useLoaderData<CustomerList>();
  const answer = result?.answer;
  return (
    <Page title="Playground" subtitle="Ask the assistant as a shopper would">
      <Layout>
        <Layout.Section>
          <Form method="post">
            <Card>
              <FormLayout>
                <TextField
                  label="Shopper's question"
                  name="question"
                  value={question}
                  onChange={setQuestion}
                  multiline={2}
                  autoComplete="off"
                  error={result?.errors?.question}
                />
                <FormLayout.Group>
                  <Select label="Language" name="locale" options={LOCALES} value={locale} onChange={setLocale} />
                  <CustomerPicker initial={customers} error={result?.errors?.customerId} />
                </FormLayout.Group>
                <Button submit variant="primary" loading={busy}>
                  Ask
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
                        ? "AI provider"
                        : `Built-in responder: ${REASONS[answer.reason ?? ""] ?? "no provider"}`}
                    </Badge>
                    {answer.errorKind ? <Badge tone="warning">{`Provider error: ${answer.errorKind}`}</Badge> : null}
                    {answer.failed ? <Badge tone="attention">Not answered</Badge> : null}
                    {answer.handoff ? (
                      <Badge tone="attention">{`Hands off to a person: ${answer.handoff.reason}`}</Badge>
                    ) : null}
                    {answer.usage ? (
                      <Badge>{`${answer.usage.tokensIn} in / ${answer.usage.tokensOut} out tokens`}</Badge>
                    ) : null}
                  </InlineStack>
                  <Text as="h2" variant="headingMd">
                    Reply
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
            <Banner tone="critical">Check the question.</Banner>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
