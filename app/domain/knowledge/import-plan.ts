/**
 * What a CSV import would do, row by row, before anything is written (ADR 116): create, update,
 * unchanged, or an error with its reason. Pure: the service gives it the shop's FAQ entries and the
 * file's rows, and writes only a plan without errors.
 *
 * A row finds its entry by its `key` (the entry's external key, or for an entry without one its id,
 * which is what the export writes), otherwise by question + locale. A column the file lacks keeps
 * the entry's value; a new entry gets the default (no phrasings, no tags, en, enabled).
 */
import { DEFAULT_LOCALE, type Locale } from "../../lib/i18n/core";
import { translator } from "../../lib/i18n/catalog";
import { changedFields, faqFieldsSchemaIn, questionKey, type FaqField, type FaqFields } from "./entry";
import { formErrors } from "../../lib/i18n/form-errors";
import type { CsvColumn, CsvRow } from "./csv.server";

export interface ExistingFaq extends FaqFields {
  id: string;
  externalId: string | null;
}

export type PlanAction = "create" | "update" | "unchanged" | "error";

export interface PlannedRow {
  row: number;
  action: PlanAction;
  question: string;
  locale: string;
  key: string | null;
  /** The entry updated or left unchanged. */
  entryId?: string;
  /** For an update: the fields that change. */
  changes?: FaqField[];
  /** For an error: why, one reason per problem. */
  errors?: string[];
  /** The fields to write (create and update). */
  fields?: FaqFields;
}

export interface ImportPlan {
  rows: PlannedRow[];
  counts: Record<PlanAction, number>;
}

export const KEY_MAX = 100;

const FIELD_COLUMNS: readonly Exclude<CsvColumn, "key">[] = [
  "question",
  "phrasings",
  "answer",
  "tags",
  "locale",
  "enabled",
];

/** The plan, its row errors in `language` (the staff member's). */
export function planImport(
  existing: ExistingFaq[],
  columns: CsvColumn[],
  rows: CsvRow[],
  language: Locale = DEFAULT_LOCALE,
): ImportPlan {
  const t = translator(language);
  const faqFieldsSchema = faqFieldsSchemaIn(language);
  const byExternalId = new Map<string, ExistingFaq>();
  const byId = new Map<string, ExistingFaq>();
  const byQuestion = new Map<string, ExistingFaq[]>();
  for (const e of existing) {
    if (e.externalId) byExternalId.set(e.externalId, e);
    else byId.set(e.id, e);
    const k = questionKey(e.question, e.locale);
    byQuestion.set(k, [...(byQuestion.get(k) ?? []), e]);
  }
  const seenKeys = new Map<string, number>();
  const seenQuestions = new Map<string, number>();
  const seenEntries = new Map<string, number>();

  const planned = rows.map((csv): PlannedRow => {
    const key = csv.cells.key?.trim() || null;
    const rawQuestion = csv.cells.question ?? "";
    const errors: string[] = [];
    if (csv.cellCount !== undefined)
      errors.push(t("knowledge.importErrors.cells", { cells: csv.cellCount, columns: columns.length }));
    if (key && key.length > KEY_MAX) errors.push(t("knowledge.importErrors.key", { max: KEY_MAX }));

    // The row's fields over its entry's (a column the file lacks keeps the entry's value).
    const merged = (entry: ExistingFaq | undefined) => {
      const input: Record<string, unknown> = entry ? { ...entry } : {};
      for (const column of FIELD_COLUMNS) if (column in csv.cells) input[column] = csv.cells[column];
      return faqFieldsSchema.safeParse(input);
    };
    let entry = key ? (byExternalId.get(key) ?? byId.get(key)) : undefined;
    let parsed = merged(entry);
    if (!key && parsed.success) {
      const matches = byQuestion.get(questionKey(parsed.data.question, parsed.data.locale)) ?? [];
      if (matches.length > 1) errors.push(t("knowledge.importErrors.matches", { count: matches.length }));
      entry = matches[0];
      if (entry) parsed = merged(entry);
    }
    if (!parsed.success) {
      for (const [field, message] of Object.entries(formErrors(parsed.error, t, { field: "first" })))
        errors.push(`${field}: ${message}`);
    }
    const fields = parsed.success ? parsed.data : undefined;
    const locale = fields?.locale ?? (csv.cells.locale?.trim() || "en");
    const base = { row: csv.row, question: fields?.question ?? rawQuestion.trim(), locale, key };
    if (key) {
      const first = seenKeys.get(key);
      if (first !== undefined) errors.push(t("knowledge.importErrors.sameKey", { row: first }));
      else seenKeys.set(key, csv.row);
    }
    if (fields) {
      const qk = questionKey(fields.question, fields.locale);
      const first = seenQuestions.get(qk);
      if (first !== undefined) errors.push(t("knowledge.importErrors.sameQuestion", { row: first }));
      else seenQuestions.set(qk, csv.row);
      // A keyed row for a new entry must not repeat an existing entry's question either.
      const clash = (byQuestion.get(qk) ?? []).find((e) => e.id !== entry?.id);
      if (key && clash)
        errors.push(t("knowledge.importErrors.clash", { locale: fields.locale, key: clash.externalId ?? clash.id }));
    }
    if (entry) {
      const first = seenEntries.get(entry.id);
      if (first !== undefined) errors.push(t("knowledge.importErrors.sameEntry", { row: first }));
      else seenEntries.set(entry.id, csv.row);
    }

    if (errors.length > 0 || !fields) return { ...base, action: "error", errors };
    if (!entry) return { ...base, action: "create", fields };
    const changes = changedFields(entry, fields);
    return changes.length === 0
      ? { ...base, action: "unchanged", entryId: entry.id }
      : { ...base, action: "update", entryId: entry.id, changes, fields };
  });

  const counts: Record<PlanAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const p of planned) counts[p.action]++;
  return { rows: planned, counts };
}
