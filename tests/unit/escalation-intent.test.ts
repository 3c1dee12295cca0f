import { describe, expect, test } from "vitest";
import { detectEscalationIntent } from "../../app/domain/conversations/escalation-intent";
import { UTTERANCES } from "./escalation-intent.data";

describe("escalation intent detector", () => {
  test("the labelled set has at least 100 utterances in five languages, with negatives", () => {
    expect(UTTERANCES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(UTTERANCES.map(([, lang]) => lang))).toEqual(new Set(["en", "it", "fr", "de", "es"]));
    expect(UTTERANCES.filter(([, , label]) => !label).length).toBeGreaterThanOrEqual(40);
  });

  test("precision and recall on the labelled set are at least 0.9 each", () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const mistakes: string[] = [];
    for (const [text, lang, label] of UTTERANCES) {
      const predicted = detectEscalationIntent(text).escalate;
      if (predicted && label) tp++;
      else if (predicted && !label) {
        fp++;
        mistakes.push(`false positive (${lang}): ${text}`);
      } else if (!predicted && label) {
        fn++;
        mistakes.push(`missed (${lang}): ${text}`);
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `escalation intent: n=${UTTERANCES.length} precision=${precision.toFixed(3)} recall=${recall.toFixed(3)}` +
        (mistakes.length ? `\n  ${mistakes.join("\n  ")}` : ""),
    );
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  test('"is this product agent-free?" is not a request for a person', () => {
    expect(detectEscalationIntent("is this product agent-free?").escalate).toBe(false);
  });
});
