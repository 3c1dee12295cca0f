import { type Bm25Index, type RetrievalDoc, type RetrievalHit } from "./bm25";

/** Thresholds of the built-in responder (measured in tests/unit/ai/responder-accuracy.test.ts). */
export const MIN_CONFIDENCE = 0.35;
export const MIN_SCORE = 2.5;

export interface KnowledgeAnswer<D extends RetrievalDoc = RetrievalDoc> {
  best: RetrievalHit<D> | null;
  /** true when the best hit clears the thresholds and may be given as the answer. */
  confident: boolean;
  hits: RetrievalHit<D>[];
}

export function answerFromKnowledge<D extends RetrievalDoc>(
  index: Bm25Index<D>,
  question: string,
  locale: string | null,
): KnowledgeAnswer<D> {
  const hits = index.search(question, locale, 3);
  const best = hits[0] ?? null;
  const confident = !!best && best.confidence >= MIN_CONFIDENCE && best.score >= MIN_SCORE;
  return { best, confident, hits };
}
