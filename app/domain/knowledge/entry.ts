/**
 * An FAQ entry as the merchant writes it, validated by one zod schema for the editor, the JSON API
 * and every row of a CSV import: question, alternative phrasings, answer, tags, locale, enabled.
 * Pure (no I/O), so the admin's browser code can import the limits too.
 */
import { z } from "zod";
import { DEFAULT_LOCALE, type Locale } from "../../lib/i18n/core";
import { translator } from "../../lib/i18n/catalog";

export const KNOWLEDGE_LOCALES = ["en", "it", "fr", "de", "es"] as const;
export type KnowledgeLocale = (typeof KNOWLEDGE_LOCALES)[number];

export const LOCALE_NAMES: Record<KnowledgeLocale, string> = {
  en: "English",
  it: "Italiano",
  fr: "Français",
  de: "Deutsch",
  es: "Español",
};

export const LIMITS = {
  questionMin: 3,
  question: 300,
  phrasings: 10,
  answer: 4_000,
  tags: 20,
  tag: 40,
  /** A policy imported from Shopify is kept up to this many characters of text. */
  policyAnswer: 20_000,
  /** The JSON body of one entry's create or update. */
  requestBytes: 64_000,
} as const;

/** Control characters other than tab and newline, and Unicode line/paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029]/g;

/** One line: no control characters, runs of white space (newlines included) become one space. */
export function cleanLine(value: string): string {
  return value.replace(CONTROL, " ").replace(/\s+/g, " ").trim();
}

/** Free text: CRLF → LF, no control characters, trimmed. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(CONTROL, "").trim();
}

/** Stored phrasings (one per line) → list. */
export function splitPhrasings(stored: string): string[] {
  return stored.split("\n").map(cleanLine).filter(Boolean);
}

/** Stored tags ("a,b") → list. */
export function splitTags(stored: string): string[] {
  return stored.split(",").map(cleanLine).filter(Boolean);
}

/** What two questions must share to be "the same question": case, spacing and final punctuation aside. */
export function questionKey(question: string, locale: string): string {
  return `${locale}|${cleanLine(question)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s?!.。？！]+$/u, "")}`;
}

function uniqueBy(values: string[], key: (v: string) => string): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = key(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const listOf = (separator: RegExp) =>
  z.preprocess(
    (value) => {
      const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(separator) : value;
      if (!Array.isArray(items)) return items;
      const cleaned = items.map((v) => (typeof v === "string" ? cleanLine(v) : v)).filter((v) => v !== "");
      return uniqueBy(cleaned as string[], (v) => (typeof v === "string" ? v.toLowerCase() : String(v)));
    },
    z.array(z.string(), { invalid_type_error: "Give a list of texts." }),
  );

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  yes: true,
  on: true,
  "1": true,
  false: false,
  no: false,
  off: false,
  "0": false,
};

/**
 * The editable fields of an FAQ entry, with one clear message per field in the staff member's
 * language (knowledge.errors in app/lib/i18n; English for the JSON API's callers without one).
 */
function buildFaqFieldsSchema(locale: Locale) {
  const t = translator(locale);
  const write = { question: t("knowledge.errors.question"), answer: t("knowledge.errors.answer") };
  return z
    .object({
      question: z
        .string({ required_error: write.question, invalid_type_error: write.question })
        .transform(cleanLine)
        .pipe(
          z
            .string()
            .min(LIMITS.questionMin, t("knowledge.errors.questionMin", { min: LIMITS.questionMin }))
            .max(LIMITS.question, t("knowledge.errors.questionMax", { max: LIMITS.question })),
        ),
      phrasings: listOf(/\r?\n/)
        .default([])
        .pipe(
          z
            .array(
              z
                .string()
                .min(LIMITS.questionMin, t("knowledge.errors.phrasingMin", { min: LIMITS.questionMin }))
                .max(LIMITS.question, t("knowledge.errors.phrasingMax", { max: LIMITS.question })),
            )
            .max(LIMITS.phrasings, t("knowledge.errors.phrasings", { max: LIMITS.phrasings })),
        ),
      answer: z
        .string({ required_error: write.answer, invalid_type_error: write.answer })
        .transform(cleanText)
        .pipe(
          z
            .string()
            .min(1, write.answer)
            .max(LIMITS.answer, t("knowledge.errors.answerMax", { max: LIMITS.answer })),
        ),
      tags: listOf(/,/)
        .default([])
        .pipe(
          z
            .array(z.string().max(LIMITS.tag, t("knowledge.errors.tagMax", { max: LIMITS.tag })))
            .max(LIMITS.tags, t("knowledge.errors.tags", { max: LIMITS.tags })),
        ),
      locale: z.preprocess(
        (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
        z.enum(KNOWLEDGE_LOCALES, { errorMap: () => ({ message: t("knowledge.errors.locale") }) }).default("en"),
      ),
      enabled: z.preprocess(
        (v) => {
          if (typeof v !== "string") return v;
          const word = v.trim().toLowerCase();
          return word === "" ? undefined : (BOOLEAN_WORDS[word] ?? v);
        },
        z.boolean({ invalid_type_error: t("knowledge.errors.enabled") }).default(true),
      ),
    })
    .transform((entry) => ({
      ...entry,
      // The question itself is not an alternative phrasing of itself.
      phrasings: entry.phrasings.filter((p) => questionKey(p, "") !== questionKey(entry.question, "")),
    }));
}

const schemas = new Map<Locale, ReturnType<typeof buildFaqFieldsSchema>>();

/** The FAQ fields' schema whose messages are in `locale`. */
export function faqFieldsSchemaIn(locale: Locale): ReturnType<typeof buildFaqFieldsSchema> {
  let schema = schemas.get(locale);
  if (!schema) schemas.set(locale, (schema = buildFaqFieldsSchema(locale)));
  return schema;
}

/** The FAQ fields' schema with English messages (CSV import, callers without a staff member). */
export const faqFieldsSchema = faqFieldsSchemaIn(DEFAULT_LOCALE);

export type FaqFields = z.output<typeof faqFieldsSchema>;
export type FaqField = keyof FaqFields;
export const FAQ_FIELDS: readonly FaqField[] = ["question", "phrasings", "answer", "tags", "locale", "enabled"];

/** The columns as stored: phrasings one per line, tags comma-separated. */
export function toStored(fields: FaqFields) {
  return {
    question: fields.question,
    phrasings: fields.phrasings.join("\n"),
    answer: fields.answer,
    tags: fields.tags.join(","),
    locale: fields.locale,
    enabled: fields.enabled,
  };
}

/** A stored row's fields in the editor's shape. */
export function fromStored(row: {
  question: string;
  phrasings: string;
  answer: string;
  tags: string;
  locale: string;
  enabled: boolean;
}): FaqFields {
  return {
    question: row.question,
    phrasings: splitPhrasings(row.phrasings),
    answer: row.answer,
    tags: splitTags(row.tags),
    locale: (KNOWLEDGE_LOCALES as readonly string[]).includes(row.locale) ? (row.locale as KnowledgeLocale) : "en",
    enabled: row.enabled,
  };
}

/** The fields of `next` that differ from `current` (the import preview's "what changes"). */
export function changedFields(current: FaqFields, next: FaqFields): FaqField[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return FAQ_FIELDS.filter((f) => !same(current[f], next[f]));
}

/** An entry as the admin's pages and the JSON API show it. */
export interface KnowledgeView extends FaqFields {
  id: string;
  kind: "faq" | "policy";
  /** The external key (CSV `key` column, policy type), or null. */
  key: string | null;
  updatedAt: string;
}

export function knowledgeView(row: {
  id: string;
  kind: string;
  externalId: string | null;
  question: string;
  phrasings: string;
  answer: string;
  tags: string;
  locale: string;
  enabled: boolean;
  updatedAt: Date;
}): KnowledgeView {
  return {
    id: row.id,
    kind: row.kind === "policy" ? "policy" : "faq",
    key: row.externalId,
    ...fromStored(row),
    // A policy's language is whatever was stored (fromStored would show an unknown one as en).
    locale: row.locale as KnowledgeLocale,
    updatedAt: row.updatedAt.toISOString(),
  };
}
