import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { KnowledgeSearch } from "../../../app/ai/retrieval/search";
import { answerFromKnowledge } from "../../../app/ai/retrieval/answer";

interface Fixture {
  questions: { q: string; expected: string; locale: string }[];
  offTopic: { q: string; locale: string }[];
}

const store = JSON.parse(readFileSync("tests/fixtures/demo-store.json", "utf8")) as {
  faq: { id: string; locale: string; question: string; answer: string; tags: string[] }[];
  policies: Record<string, string>;
};
const fixture = JSON.parse(readFileSync("tests/fixtures/faq-questions.json", "utf8")) as Fixture;
// The same knowledge base the demo seeds: the FAQ plus the shop's policies as entries.
const index = new KnowledgeSearch([
  ...store.faq,
  ...Object.entries(store.policies).map(([id, answer]) => ({
    id,
    locale: "en",
    question: id.replace(/([A-Z])/g, " $1").toLowerCase(),
    answer,
    tags: ["policy"],
  })),
]);

// The previous engine (hand-written BM25 and synonyms) was tuned on this set and reached 0.855 here.
// The MiniSearch engine was tuned only on the dev half of tests/fixtures/assistant-eval (ADR 120),
// so this set is held out for it: it reaches 0.823 (docs/assistant.md), asserted with a margin.
describe("built-in responder accuracy on the demo FAQ", () => {
  test("has at least 60 paraphrased questions", () => {
    expect(fixture.questions.length).toBeGreaterThanOrEqual(60);
  });

  test("answers at least 80% of paraphrased questions with the right FAQ entry (top-1, above threshold)", () => {
    const misses: string[] = [];
    let top1 = 0;
    let answeredRight = 0;
    for (const { q, expected, locale } of fixture.questions) {
      const result = answerFromKnowledge(index, q, locale);
      if (result.best?.doc.id === expected) top1++;
      if (result.confident && result.best?.doc.id === expected) answeredRight++;
      else
        misses.push(
          `${q} → ${result.best?.doc.id ?? "none"} (${result.best?.confidence.toFixed(2) ?? "-"}, ${result.best?.score.toFixed(2) ?? "-"})`,
        );
    }
    const n = fixture.questions.length;
    console.log(
      `top-1 accuracy: ${(top1 / n).toFixed(3)} (${top1}/${n}); answered correctly above threshold: ${(answeredRight / n).toFixed(3)}`,
    );
    if (misses.length) console.log(`misses:\n  ${misses.join("\n  ")}`);
    expect(answeredRight / n).toBeGreaterThanOrEqual(0.8);
  });

  test("gives no answer above the threshold to off-topic questions", () => {
    const answered: string[] = [];
    for (const { q, locale } of fixture.offTopic) {
      const result = answerFromKnowledge(index, q, locale);
      if (result.confident) answered.push(`${q} → ${result.best?.doc.id} (${result.best?.confidence.toFixed(2)})`);
    }
    const n = fixture.offTopic.length;
    console.log(
      `off-topic answered below threshold: ${((n - answered.length) / n).toFixed(3)} (${n - answered.length}/${n})`,
    );
    if (answered.length) console.log(`answered off-topic:\n  ${answered.join("\n  ")}`);
    expect(answered).toEqual([]);
  });
});
