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

export type CsvRead =
  | { ok: true; columns: CsvColumn[]; rows: CsvRow[] }
  | { ok: false; code: "invalid_request" | "too_large"; message: string };

const fail = (message: string, code: "invalid_request" | "too_large" = "invalid_request"): CsvRead => ({
  ok: false,
  code,
  message,
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

/** Reads a CSV file's bytes: its columns and rows, or one clear error for the whole file. */
export function readFaqCsv(bytes: Uint8Array): CsvRead {
  if (bytes.byteLength === 0) return fail("The file is empty.");
  if (bytes.byteLength > MAX_CSV_BYTES)
    return fail(`The file is larger than ${MAX_CSV_BYTES / 1_000_000} MB: split it into smaller files.`, "too_large");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("The file is not UTF-8 text: save it as “CSV UTF-8” and try again.");
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
      const line = typeof error.lines === "number" ? ` (line ${error.lines})` : "";
      const reason =
        error.code === "CSV_QUOTE_NOT_CLOSED"
          ? "a quoted cell is never closed"
          : error.code === "CSV_INVALID_CLOSING_QUOTE"
            ? "a quote is followed by text instead of a comma or the end of the line"
            : error.message;
      return fail(`The file is not valid CSV${line}: ${reason}.`);
    }
    throw error;
  }
  const [header, ...body] = records;
  if (!header) return fail("The file is empty.");

  const columns: CsvColumn[] = [];
  const unknown: string[] = [];
  for (const name of header) {
    const column = name.trim().toLowerCase() as CsvColumn;
    if (!(CSV_COLUMNS as readonly string[]).includes(column)) unknown.push(name.trim() || "(empty)");
    else if (columns.includes(column)) return fail(`The column “${column}” appears twice in the first row.`);
    columns.push(column);
  }
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0 || unknown.length > 0) {
    const problems = [
      missing.length ? `it lacks ${missing.map((c) => `“${c}”`).join(" and ")}` : "",
      unknown.length ? `it names unknown columns: ${unknown.map((c) => `“${c}”`).join(", ")}` : "",
    ].filter(Boolean);
    return fail(
      `The first row must name the columns (${CSV_COLUMNS.join(", ")}; question and answer are required): ${problems.join("; ")}.`,
    );
  }
  if (body.length === 0) return fail("The file has a header row but no entries.");
  if (body.length > MAX_CSV_ROWS)
    return fail(
      `The file has ${body.length.toLocaleString("en")} entries; import at most ${MAX_CSV_ROWS.toLocaleString("en")} at a time.`,
      "too_large",
    );

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
