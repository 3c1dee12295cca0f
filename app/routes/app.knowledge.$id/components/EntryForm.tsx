import { useState } from "react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Select,
  TextField,
} from "@shopify/polaris";
import { KNOWLEDGE_LOCALES, LIMITS, LOCALE_NAMES, type KnowledgeLocale } from "../../../domain/knowledge/entry";
import { useAdminApi } from "../../../lib/admin-api";
import { validateDraft, type Draft } from "../validator";

const LOCALE_OPTIONS = KNOWLEDGE_LOCALES.map((l) => ({ label: `${LOCALE_NAMES[l]} (${l})`, value: l }));

export function EntryForm({
  initial,
  entryId,
  unansweredId,
  onSaved,
}: {
  initial: Draft;
  entryId: string | null;
  unansweredId: string | null;
  onSaved: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const api = useAdminApi<unknown>();
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) => {
      setDraft((d) => ({ ...d, [key]: value }));
      setErrors(({ [key]: _gone, ...rest }) => rest);
    };

  const save = async () => {
    const checked = validateDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    const r = entryId
      ? await api.call(`/app/api/knowledge/${entryId}`, { method: "PUT", json: checked.fields }, { revalidate: false })
      : await api.call(
          "/app/api/knowledge",
          { method: "POST", json: { ...checked.fields, ...(unansweredId ? { unansweredId } : {}) } },
          { revalidate: false },
        );
    if (r.ok) onSaved();
    else setErrors(r.error.fields ?? {});
  };

  const serverError = api.result && !api.result.ok && !api.result.error.fields ? api.result.error.message : null;
  return (
    <Card>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <BlockStack gap="400">
          {serverError ? <Banner tone="critical">{serverError}</Banner> : null}
          <FormLayout>
            <TextField
              label="Question"
              value={draft.question}
              onChange={set("question")}
              maxLength={LIMITS.question}
              showCharacterCount
              autoComplete="off"
              error={errors.question}
              helpText="As a shopper would ask it."
            />
            <TextField
              label="Other ways to ask it"
              value={draft.phrasings}
              onChange={set("phrasings")}
              multiline={3}
              autoComplete="off"
              error={errors.phrasings}
              helpText={`One per line, up to ${LIMITS.phrasings}. The assistant recognises these too.`}
            />
            <TextField
              label="Answer"
              value={draft.answer}
              onChange={set("answer")}
              multiline={5}
              maxLength={LIMITS.answer}
              showCharacterCount
              autoComplete="off"
              error={errors.answer}
              helpText="Plain text, shown to shoppers exactly as written."
            />
            <FormLayout.Group>
              <TextField
                label="Tags"
                value={draft.tags}
                onChange={set("tags")}
                autoComplete="off"
                error={errors.tags}
                helpText="Comma-separated, e.g. shipping, returns."
              />
              <Select
                label="Language"
                options={LOCALE_OPTIONS}
                value={draft.locale}
                onChange={(v) => set("locale")(v as KnowledgeLocale)}
                error={errors.locale}
              />
            </FormLayout.Group>
            <Checkbox
              label="Live: the assistant answers with this entry"
              checked={draft.enabled}
              onChange={set("enabled")}
              error={errors.enabled}
            />
          </FormLayout>
          <InlineStack align="end" gap="200">
            <Button url="/app/knowledge">Cancel</Button>
            <Button variant="primary" submit loading={api.busy}>
              Save
            </Button>
          </InlineStack>
        </BlockStack>
      </form>
    </Card>
  );
}
