/** The editor's inputs: the route's params and query, and the draft checked in the browser with the API's schema. */
import { z } from "zod";
import { faqFieldsSchemaIn, type FaqFields, type KnowledgeLocale } from "../../domain/knowledge/entry";
import { translator } from "../../lib/i18n/catalog";
import { formErrors } from "../../lib/i18n/form-errors";
import type { Locale } from "../../lib/i18n/core";

export const paramsSchema = z.object({ id: z.string().min(1).max(64) });
export const querySchema = z.object({ unanswered: z.string().min(1).max(64).optional().catch(undefined) });

/** The form as typed: phrasings one per line, tags comma-separated. */
export interface Draft {
  question: string;
  phrasings: string;
  answer: string;
  tags: string;
  locale: KnowledgeLocale;
  enabled: boolean;
}

export function draftOf(fields: Partial<FaqFields>): Draft {
  return {
    question: fields.question ?? "",
    phrasings: (fields.phrasings ?? []).join("\n"),
    answer: fields.answer ?? "",
    tags: (fields.tags ?? []).join(", "),
    locale: fields.locale ?? "en",
    enabled: fields.enabled ?? true,
  };
}

/** The same rules the server applies (app/domain/knowledge/entry.ts), before anything is sent. */
export function validateDraft(
  draft: Draft,
  locale: Locale,
): { ok: true; fields: FaqFields } | { ok: false; errors: Record<string, string> } {
  const parsed = faqFieldsSchemaIn(locale).safeParse(draft);
  return parsed.success
    ? { ok: true, fields: parsed.data }
    : { ok: false, errors: formErrors(parsed.error, translator(locale), { field: "first" }) };
}
