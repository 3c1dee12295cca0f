/**
 * Each process loads every app module once (ADR 210), so module state is plain module-level state:
 * nothing of the app is kept on globalThis to be shared between copies of a module.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

const ROOTS = ["app", "server", "scripts", "bench", "tests"];
const SKIP = new Set(["generated", "node_modules", "results"]);
/** This file names the patterns it looks for. */
const SELF = path.resolve("tests/unit/no-process-globals.test.ts");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sources(file);
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) && path.resolve(file) !== SELF ? [file] : [];
  });
}

test("no app state is kept on globalThis", () => {
  const found = ROOTS.flatMap(sources).flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
      .filter(({ line }) => /globalThis\.__tandem|globalThis as unknown|Symbol\.for\("tandem/.test(line))
      .map(({ where }) => where),
  );
  expect(found).toEqual([]);
});
