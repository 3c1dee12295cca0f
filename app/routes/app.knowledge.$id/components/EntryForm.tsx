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
import { useT } from "../../../lib/i18n/react";
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
  const { t, locale } = useT();
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
    const checked = validateDraft(draft, locale);
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
              label={t("knowledge.editor.question")}
              value={draft.question}
              onChange={set("question")}
              maxLength={LIMITS.question}
              showCharacterCount
              autoComplete="off"
              error={errors.question}
              helpText={t("knowledge.editor.questionHelp")}
            />
            <TextField
              label={t("knowledge.editor.phrasings")}
              value={draft.phrasings}
              onChange={set("phrasings")}
              multiline={3}
              autoComplete="off"
              error={errors.phrasings}
              helpText={t("knowledge.editor.phrasingsHelp", { max: LIMITS.phrasings })}
            />
            <TextField
              label={t("knowledge.editor.answer")}
              value={draft.answer}
              onChange={set("answer")}
              multiline={5}
              maxLength={LIMITS.answer}
              showCharacterCount
              autoComplete="off"
              error={errors.answer}
              helpText={t("knowledge.editor.answerHelp")}
            />
            <FormLayout.Group>
              <TextField
                label={t("knowledge.editor.tags")}
                value={draft.tags}
                onChange={set("tags")}
                autoComplete="off"
                error={errors.tags}
                helpText={t("knowledge.editor.tagsHelp")}
              />
              <Select
                label={t("knowledge.editor.language")}
                options={LOCALE_OPTIONS}
                value={draft.locale}
                onChange={(v) => set("locale")(v as KnowledgeLocale)}
                error={errors.locale}
              />
            </FormLayout.Group>
            <Checkbox
              label={t("knowledge.editor.liveLabel")}
              checked={draft.enabled}
              onChange={set("enabled")}
              error={errors.enabled}
            />
          </FormLayout>
          <InlineStack align="end" gap="200">
            <Button url="/app/knowledge">{t("common.actions.cancel")}</Button>
            <Button variant="primary" submit loading={api.busy}>
              {t("common.actions.save")}
            </Button>
          </InlineStack>
        </BlockStack>
      </form>
    </Card>
  );
}
