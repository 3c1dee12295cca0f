import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { Feedback, type ActionData } from "../../../components/Feedback";
import { useT } from "../../../lib/i18n/react";

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
