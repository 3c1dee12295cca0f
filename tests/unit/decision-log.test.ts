/**
 * The decision log keeps one shape: every ADR has a numbered title, a date, a status and the
 * template's sections; numbers are unique; superseded ones name their successor, which exists; the
 * index lists them all as they are.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { DECISIONS_DIR, adrFiles, renderIndex, summarize } from "../../scripts/adr-index";

const files = adrFiles();

describe("the decision log", () => {
  test("numbers are unique", () => {
    const numbers = files.map((f) => f.slice(0, 3));
    expect(numbers.length).toBe(new Set(numbers).size);
  });

  test.each(files)("%s has a title, a date, a status, a decision and its consequences", (file) => {
    const text = readFileSync(path.join(DECISIONS_DIR, file), "utf8");
    const adr = summarize(file);
    expect(adr.number).toBe(file.slice(0, 3));
    expect(adr.title.length).toBeGreaterThan(5);
    expect(text).toMatch(/^(-\s*)?Date:\s*\d{4}-\d{2}-\d{2}/m);
    expect(adr.status).toMatch(/^(Proposed|Accepted|Superseded by \d{3})/i);
    expect(text).toMatch(/^## Decision/m);
    expect(text).toMatch(/^## Consequences/m);
    // From 077 on, the full template.
    if (Number(adr.number) >= 77) {
      expect(text).toMatch(/^## Context/m);
      expect(text).toMatch(/^## Alternatives considered/m);
    }
  });

  test("a superseded ADR names one that exists", () => {
    const numbers = new Set(files.map((f) => f.slice(0, 3)));
    for (const file of files) {
      const successor = /^Superseded by (\d{3})/i.exec(summarize(file).status)?.[1];
      if (successor) expect(numbers.has(successor), `${file} → ${successor}`).toBe(true);
    }
  });

  test("the index is up to date (npx tsx scripts/adr-index.ts)", () => {
    expect(readFileSync(path.join(DECISIONS_DIR, "README.md"), "utf8")).toBe(renderIndex());
  });
});
