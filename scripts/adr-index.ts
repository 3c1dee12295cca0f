/**
 * `npx tsx scripts/adr-index.ts`: writes docs/decisions/README.md, the index of the decision log
 * (number, title, status), from the ADR files. `--check` exits 1 when the index is out of date
 * (the unit tests run it).
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const DECISIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../docs/decisions");

export interface AdrSummary {
  file: string;
  number: string;
  title: string;
  status: string;
}

/** The ADR files (NNN-title.md), in order. */
export function adrFiles(dir = DECISIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.md$/.test(f))
    .sort();
}

export function summarize(file: string, dir = DECISIONS_DIR): AdrSummary {
  const text = readFileSync(path.join(dir, file), "utf8");
  const heading = /^#\s+(\d{3})\s*[:—–-]*\s*(.+)$/m.exec(text);
  const status = /^(?:-\s*)?Status:\s*(.+)$/m.exec(text);
  return {
    file,
    number: heading?.[1] ?? file.slice(0, 3),
    title: (heading?.[2] ?? file).trim(),
    status: (status?.[1] ?? "").trim(),
  };
}

export function renderIndex(dir = DECISIONS_DIR): string {
  const rows = adrFiles(dir).map((f) => {
    const a = summarize(f, dir);
    return `| [${a.number}](${a.file}) | ${a.title.replaceAll("|", "\\|")} | ${a.status.replaceAll("|", "\\|")} |`;
  });
  return [
    "# Decision log",
    "",
    "Each significant decision is an ADR in this folder, written with [TEMPLATE.md](TEMPLATE.md): Title,",
    "Date, Status, Context, Decision, Alternatives considered, Consequences. An ADR is not edited once",
    "accepted; a later one supersedes it, and the earlier one's Status says so (`Superseded by NNN`).",
    "This index is generated: `npx tsx scripts/adr-index.ts`.",
    "",
    "| ADR | Decision | Status |",
    "|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = path.join(DECISIONS_DIR, "README.md");
  const next = renderIndex();
  if (process.argv.includes("--check")) {
    const current = readFileSync(target, "utf8");
    if (current !== next) {
      console.error("docs/decisions/README.md is out of date: run npx tsx scripts/adr-index.ts");
      process.exit(1);
    }
  } else writeFileSync(target, next);
}
