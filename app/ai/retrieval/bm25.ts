import { terms, toLang, type Lang } from "./text";

/**
 * Okapi BM25 over knowledge entries (question weighted above answer and tags), plus a confidence
 * in [0, 1]: the IDF-weighted share of the query's terms that the best entry contains. The built-in
 * responder answers only when confidence and score clear thresholds (ADR 044). An entry's
 * alternative phrasings are other versions of its question: each is scored as if it were the
 * question, and the entry counts with its best version (ADR 118).
 */
export interface RetrievalDoc {
  id: string;
  question: string;
  /** Other ways to ask the question. */
  phrasings?: string[];
  answer: string;
  tags: string[];
  locale: string;
  kind?: string;
}

export interface RetrievalHit<D extends RetrievalDoc = RetrievalDoc> {
  doc: D;
  score: number;
  confidence: number;
  matched: string[];
}

const K1 = 1.2;
const B = 0.75;
const QUESTION_WEIGHT = 2;
const ANSWER_ONLY_WEIGHT = 0.5;

/** One version of an entry: its question (or one of its phrasings) with the answer and tags. */
interface Version {
  tf: Map<string, number>;
  /** Terms of the question and tags: what the entry is about (answer-only terms count half). */
  intent: Set<string>;
  length: number;
}

interface Indexed<D> {
  doc: D;
  versions: Version[];
  lang: Lang;
}

export class Bm25Index<D extends RetrievalDoc = RetrievalDoc> {
  private readonly docs: Indexed<D>[];
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;
  static unknownWeight = 0.5;

  constructor(docs: D[]) {
    this.docs = docs.map((doc) => {
      const lang = toLang(doc.locale);
      const answerTerms = terms(doc.answer, lang);
      const tagTerms = terms(doc.tags.join(" "), lang);
      const versions = [doc.question, ...(doc.phrasings ?? [])].map((question): Version => {
        const questionTerms = terms(question, lang);
        const tf = new Map<string, number>();
        const add = (list: string[], weight: number) => {
          for (const t of list) tf.set(t, (tf.get(t) ?? 0) + weight);
        };
        add(questionTerms, QUESTION_WEIGHT);
        add(answerTerms, 1);
        add(tagTerms, 1);
        let length = 0;
        for (const n of tf.values()) length += n;
        return { tf, intent: new Set([...questionTerms, ...tagTerms]), length };
      });
      return { doc, versions, lang };
    });
    // Document frequency per entry (not per version), so phrasings do not make their words rarer.
    for (const d of this.docs) {
      const seen = new Set<string>();
      for (const v of d.versions) for (const t of v.tf.keys()) seen.add(t);
      for (const t of seen) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
    this.avgLength = this.docs.reduce((s, d) => s + d.versions[0]!.length, 0) / Math.max(1, this.docs.length);
  }

  get size(): number {
    return this.docs.length;
  }

  idf(term: string): number {
    const n = this.docs.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  search(query: string, locale: string | null, limit = 3): RetrievalHit<D>[] {
    const lang = toLang(locale);
    const q = [...new Set(terms(query, lang))];
    if (q.length === 0 || this.docs.length === 0) return [];
    // Words the knowledge base never uses count for less than known ones: a shopper's product
    // name or city should not sink an otherwise clear match, but a question made of them
    // (off-topic) still gets a low confidence.
    const totalIdf = q.reduce((s, t) => s + (this.df.has(t) ? this.idf(t) : this.idf(t) * Bm25Index.unknownWeight), 0);
    const hits: RetrievalHit<D>[] = [];
    for (const d of this.docs) {
      let best: RetrievalHit<D> | null = null;
      for (const v of d.versions) {
        let score = 0;
        let matchedIdf = 0;
        const matched: string[] = [];
        for (const t of q) {
          const f = v.tf.get(t);
          if (!f) continue;
          const idf = this.idf(t);
          score += (idf * (f * (K1 + 1))) / (f + K1 * (1 - B + (B * v.length) / this.avgLength));
          matchedIdf += v.intent.has(t) ? idf : idf * ANSWER_ONLY_WEIGHT;
          matched.push(t);
        }
        if (score <= 0) continue;
        // Entries in the shopper's language win ties against translations of the same answer.
        if (d.lang === lang) score *= 1.1;
        if (!best || score > best.score)
          best = { doc: d.doc, score, confidence: totalIdf > 0 ? matchedIdf / totalIdf : 0, matched };
      }
      if (best) hits.push(best);
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, limit);
  }
}
