import { Banner, BlockStack, Text } from "@shopify/polaris";
import type { IntegrationResult } from "../../../integrations/admin-actions.server";

/** The outcome of an action; a new secret is shown here once, as text to copy. */
export function ResultBanner({ result }: { result: IntegrationResult | undefined }) {
  if (!result) return null;
  if (!result.ok) return <Banner tone="critical">{result.error.message}</Banner>;
  return (
    <Banner tone="success">
      <BlockStack gap="200">
        <Text as="p">{result.message}</Text>
        {result.secret ? (
          <Text as="p" fontWeight="bold" breakWord>
            <code>{result.secret}</code>
          </Text>
        ) : null}
      </BlockStack>
    </Banner>
  );
}

export function fieldError(result: IntegrationResult | undefined, field: string): string | undefined {
  return result && !result.ok ? result.error.fieldErrors?.[field] : undefined;
}
