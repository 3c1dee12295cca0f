import { conceptKind } from "./concepts";
import type { KnowledgeSearch, RetrievalDoc, RetrievalHit } from "./search";

/**
 * Threshold of the built-in responder: the least confidence of an answer (chosen on the dev half
 * of tests/fixtures/assistant-eval; figures in docs/assistant.md).
 */
export const MIN_CONFIDENCE = 0.45;

export interface KnowledgeAnswer<D extends RetrievalDoc = RetrievalDoc> {
  best: RetrievalHit<D> | null;
  /** true when the best hit clears the threshold and may be given as the answer. */
  confident: boolean;
  hits: RetrievalHit<D>[];
}

/**
 * Whether a hit says enough about the question to be its answer: above the threshold, and
 * matching a topic of the question or at least two of its terms (one shared word or place name
 * is a coincidence: "the capital of Australia" is not a shipping question).
 */
export function isConfident(hit: RetrievalHit | null | undefined): boolean {
  if (!hit || hit.confidence < MIN_CONFIDENCE) return false;
  return hit.matched.some((t) => conceptKind(t) === "topic") || hit.matched.length >= 2;
}

export function answerFromKnowledge<D extends RetrievalDoc>(
  index: KnowledgeSearch<D>,
  question: string,
  locale: string | null,
): KnowledgeAnswer<D> {
  const hits = index.search(question, locale, 3);
  const best = hits[0] ?? null;
  return { best, confident: isConfident(best), hits };
}
