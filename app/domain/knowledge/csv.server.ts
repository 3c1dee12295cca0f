/**
 * The FAQ's CSV format, read with csv-parse and written with csv-stringify (ADR 116). One header
 * row naming the columns (any order, any case): `key, question, phrasings, answer, tags, locale,
 * enabled`; only `question` and `answer` are required. Phrasings are one per line inside their
 * cell, tags comma-separated. Files are UTF-8 (a BOM is fine), comma- or semicolon-separated. What
 * the export writes, the import reads back unchanged.
 */
import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { FaqFields } from "./entry";
import { translator, type MessageKey } from "../../lib/i18n/catalog";
import type { Vars } from "../../lib/i18n/core";
import { CSV_COLUMNS, MAX_CSV_BYTES, MAX_CSV_ROWS, type CsvColumn } from "./csv-format";

export { CSV_COLUMNS, MAX_CSV_BYTES, MAX_CSV_ROWS, type CsvColumn };
const REQUIRED: readonly CsvColumn[] = ["question", "answer"];

export interface CsvRow {
  /** The row's number in the file, the header being row 1. */
  row: number;
  /** The cells of the columns the file has (a missing column is absent, not empty). */
  cells: Partial<Record<CsvColumn, string>>;
  /** The number of cells, when it differs from the header's. */
  cellCount?: number;
}

type CsvErrorKey = Extract<MessageKey, `errors.csv.${string}`>;

/** A file that cannot be read: `message` in English, `key` and `vars` for the admin's languages. */
export type CsvRead =
  | { ok: true; columns: CsvColumn[]; rows: CsvRow[] }
  | { ok: false; code: "invalid_request" | "too_large"; message: string; key: CsvErrorKey; vars?: Vars };

const fail = (key: CsvErrorKey, vars?: Vars, code: "invalid_request" | "too_large" = "invalid_request"): CsvRead => ({
  ok: false,
  code,
  message: translator("en")(key, vars),
  key,
  ...(vars ? { vars } : {}),
});

/**
 * Spreadsheets run a cell that starts with one of these as a formula: exports prefix such a cell
 * with an apostrophe, and imports take that apostrophe away again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** What is wrong with the first row: required columns it lacks (both, or the one), unknown ones it names. */
function headerProblem(missing: readonly CsvColumn[], unknown: readonly string[]): [CsvErrorKey, Vars] {
  const quoted = (names: readonly string[]) => names.map((c) => `“${c}”`).join(", ");
  const vars: Vars = { columns: CSV_COLUMNS.join(", "), missing: quoted(missing), unknown: quoted(unknown) };
  const both = missing.length === REQUIRED.length;
  if (unknown.length === 0) return [both ? "errors.csv.lacksBoth" : "errors.csv.lacks", vars];
  if (missing.length === 0) return ["errors.csv.unknown", vars];
  return [both ? "errors.csv.lacksBothAndUnknown" : "errors.csv.lacksAndUnknown", vars];
}

/** Reads a CSV file's bytes: its columns and rows, or one clear error for the whole file. */
export function readFaqCsv(bytes: Uint8Array): CsvRead {
  if (bytes.byteLength === 0) return fail("errors.csv.empty");
  if (bytes.byteLength > MAX_CSV_BYTES)
    return fail("errors.csv.tooLarge", { mb: MAX_CSV_BYTES / 1_000_000 }, "too_large");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("errors.csv.notUtf8");
  }
  text = text.replace(/^\uFEFF/, "");
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = headerLine.includes(";") && !headerLine.includes(",") ? ";" : ",";

  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      max_record_size: MAX_CSV_BYTES,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      // the line as written in the file ("line 1234"), not as a number with separators
      const at = typeof error.lines === "number" ? { line: String(error.lines) } : null;
      if (error.code === "CSV_QUOTE_NOT_CLOSED")
        return fail(at ? "errors.csv.unclosedQuoteAt" : "errors.csv.unclosedQuote", at ?? undefined);
      if (error.code === "CSV_INVALID_CLOSING_QUOTE")
        return fail(at ? "errors.csv.badClosingQuoteAt" : "errors.csv.badClosingQuote", at ?? undefined);
      // any other parser error: its own (English) words
      return fail(at ? "errors.csv.invalidAt" : "errors.csv.invalid", { ...at, reason: error.message });
    }
    throw error;
  }
  const [header, ...body] = records;
  if (!header) return fail("errors.csv.empty");

  const columns: CsvColumn[] = [];
  const unknown: string[] = [];
  for (const name of header) {
    const column = name.trim().toLowerCase() as CsvColumn;
    if (!(CSV_COLUMNS as readonly string[]).includes(column)) unknown.push(name.trim() || "(empty)");
    else if (columns.includes(column)) return fail("errors.csv.columnTwice", { column });
    columns.push(column);
  }
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0 || unknown.length > 0) return fail(...headerProblem(missing, unknown));
  if (body.length === 0) return fail("errors.csv.noEntries");
  if (body.length > MAX_CSV_ROWS)
    return fail("errors.csv.tooManyRows", { rows: body.length, max: MAX_CSV_ROWS }, "too_large");

  const rows = body.map((record, index): CsvRow => {
    const cells: Partial<Record<CsvColumn, string>> = {};
    columns.forEach((column, i) => {
      cells[column] = unescapeCell(record[i] ?? "");
    });
    return {
      row: index + 2,
      cells,
      ...(record.length !== header.length ? { cellCount: record.length } : {}),
    };
  });
  return { ok: true, columns, rows };
}

export interface CsvEntry extends FaqFields {
  key: string;
}

/** The FAQ as CSV (UTF-8 with a BOM, so spreadsheets read accents and € signs correctly). */
export function writeFaqCsv(entries: CsvEntry[]): string {
  return stringify(
    entries.map((e) => ({
      key: e.key,
      question: e.question,
      phrasings: e.phrasings.join("\n"),
      answer: e.answer,
      tags: e.tags.join(", "),
      locale: e.locale,
      enabled: e.enabled ? "true" : "false",
    })),
    {
      bom: true,
      header: true,
      columns: [...CSV_COLUMNS],
      record_delimiter: "\r\n",
      cast: { string: escapeCell },
    },
  );
}
