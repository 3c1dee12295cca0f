/**
 * An FAQ entry as the merchant writes it, validated by one zod schema for the editor, the JSON API
 * and every row of a CSV import: question, alternative phrasings, answer, tags, locale, enabled.
 * Pure (no I/O), so the admin's browser code can import the limits too.
 */
import { z } from "zod";

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

/** The editable fields of an FAQ entry, with one clear message per field. */
export const faqFieldsSchema = z
  .object({
    question: z
      .string({ required_error: "Write the question.", invalid_type_error: "Write the question." })
      .transform(cleanLine)
      .pipe(
        z
          .string()
          .min(LIMITS.questionMin, `Write the question (at least ${LIMITS.questionMin} characters).`)
          .max(LIMITS.question, `The question has at most ${LIMITS.question} characters.`),
      ),
    phrasings: listOf(/\r?\n/)
      .default([])
      .pipe(
        z
          .array(
            z
              .string()
              .min(LIMITS.questionMin, `Each alternative phrasing has at least ${LIMITS.questionMin} characters.`)
              .max(LIMITS.question, `Each alternative phrasing has at most ${LIMITS.question} characters.`),
          )
          .max(LIMITS.phrasings, `At most ${LIMITS.phrasings} alternative phrasings.`),
      ),
    answer: z
      .string({ required_error: "Write the answer.", invalid_type_error: "Write the answer." })
      .transform(cleanText)
      .pipe(
        z
          .string()
          .min(1, "Write the answer.")
          .max(LIMITS.answer, `The answer has at most ${LIMITS.answer.toLocaleString("en")} characters.`),
      ),
    tags: listOf(/,/)
      .default([])
      .pipe(
        z
          .array(z.string().max(LIMITS.tag, `Each tag has at most ${LIMITS.tag} characters.`))
          .max(LIMITS.tags, `At most ${LIMITS.tags} tags.`),
      ),
    locale: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
      z
        .enum(KNOWLEDGE_LOCALES, { errorMap: () => ({ message: "Choose a language: en, it, fr, de or es." }) })
        .default("en"),
    ),
    enabled: z.preprocess(
      (v) => {
        if (typeof v !== "string") return v;
        const word = v.trim().toLowerCase();
        return word === "" ? undefined : (BOOLEAN_WORDS[word] ?? v);
      },
      z.boolean({ invalid_type_error: "Enabled is true or false." }).default(true),
    ),
  })
  .transform((entry) => ({
    ...entry,
    // The question itself is not an alternative phrasing of itself.
    phrasings: entry.phrasings.filter((p) => questionKey(p, "") !== questionKey(entry.question, "")),
  }));

export type FaqFields = z.output<typeof faqFieldsSchema>;
export type FaqField = keyof FaqFields;
export const FAQ_FIELDS: readonly FaqField[] = ["question", "phrasings", "answer", "tags", "locale", "enabled"];

/** The first message for each field of a failed parse: `{question: "Write the question."}`. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    out[field] ??= issue.message;
  }
  return out;
}

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
