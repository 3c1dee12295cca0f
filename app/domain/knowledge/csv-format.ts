/** The FAQ CSV format's columns and limits, shared by the import page and the reader (csv.server.ts). */
export const CSV_COLUMNS = ["key", "question", "phrasings", "answer", "tags", "locale", "enabled"] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const MAX_CSV_BYTES = 1_000_000;
export const MAX_CSV_ROWS = 1_000;
