import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { DEV_PATH, readEval, splitEval, TEST_PATH } from "../../fixtures/assistant-eval/split";

const dev = readEval(DEV_PATH).items;
const testHalf = readEval(TEST_PATH).items;
const store = JSON.parse(readFileSync("tests/fixtures/demo-store.json", "utf8")) as {
  faq: { id: string; question: string }[];
  policies: Record<string, string>;
  products: { handle: string }[];
};
const squash = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

describe("the assistant's evaluation set", () => {
  test("has at least 200 messages in the five languages, every label in each half", () => {
    const all = [...dev, ...testHalf];
    expect(all.length).toBeGreaterThanOrEqual(200);
    expect(new Set(all.map((i) => i.locale))).toEqual(new Set(["en", "it", "fr", "de", "es"]));
    for (const half of [dev, testHalf])
      expect(new Set(half.map((i) => i.label))).toEqual(new Set(["faq", "product", "order", "escalate", "none"]));
  });

  test("dev and test are exactly the deterministic split of their union", () => {
    const { dev: d, test: t } = splitEval([...dev, ...testHalf]);
    expect(d).toEqual(dev);
    expect(t).toEqual(testHalf);
  });

  test("labels name real entries and products, and no FAQ message copies an FAQ question", () => {
    const ids = new Set([...store.faq.map((f) => f.id), ...Object.keys(store.policies)]);
    const handles = new Set(store.products.map((p) => p.handle));
    const questions = new Set(store.faq.map((f) => squash(f.question)));
    for (const item of [...dev, ...testHalf]) {
      for (const id of item.expected ?? []) expect(ids, item.text).toContain(id);
      for (const h of item.handles ?? []) expect(handles, item.text).toContain(h);
      expect(questions.has(squash(item.text)), item.text).toBe(false);
    }
  });
});
