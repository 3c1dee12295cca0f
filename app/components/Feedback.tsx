import { Text } from "@shopify/polaris";

export type ActionData = { ok: boolean; message?: string; error?: { message: string } } | undefined;

/** The answer of a form's action: a quiet success line or an alert with the reason. */
export function Feedback({ data }: { data: ActionData }) {
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

/** Text a person wrote: kept as text, line breaks kept, long words wrapped, direction isolated. */
export function PersonText({ text }: { text: string }) {
  return (
    <Text as="p" breakWord>
      <span dir="auto" style={{ whiteSpace: "pre-wrap", unicodeBidi: "isolate" }}>
        {text}
      </span>
    </Text>
  );
}
