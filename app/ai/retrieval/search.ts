import MiniSearch, { type SearchResult } from "minisearch";
import { conceptKind, findConcepts, conceptToken } from "./concepts";
import { normalize, terms, tokens, toLang, type Lang } from "./text";

/**
 * Full-text search over knowledge entries with MiniSearch (BM25+ ranking, fuzzy matching, field
 * boosts), on terms analysed per entry language by ./text (Snowball stop lists and stemmers), plus
 * a confidence in [0, 1]: the IDF-weighted share of the question's terms that the entry is about.
 * The built-in responder answers only when it clears a threshold (ADR 120).
 */
export interface RetrievalDoc {
  id: string;
  question: string;
  answer: string;
  tags: string[];
  locale: string;
  kind?: string;
  /**
   * Other ways shoppers ask the same question. Indexed like the question itself; empty until
   * knowledge entries carry them.
   */
  phrasings?: string[];
}

export interface RetrievalHit<D extends RetrievalDoc = RetrievalDoc> {
  doc: D;
  score: number;
  confidence: number;
  /** Query terms (analysed) that this entry contains. */
  matched: string[];
}

export interface SearchConfig {
  /** MiniSearch fuzziness (fraction of the term length) for terms of at least `fuzzyMinLength`. */
  fuzzy: number | false;
  fuzzyMinLength: number;
  boost: { question: number; phrasings: number; tags: number; answer: number };
  /** Weight of terms found only in the answer, in the confidence (the entry is not about them). */
  answerOnlyWeight: number;
  /** Weight of query terms the knowledge base never uses, in the confidence. */
  unknownWeight: number;
  /** Score factor for entries in the shopper's language. */
  sameLanguageBoost: number;

  /** Index and search the commerce vocabulary's concepts (./concepts.ts) beside the words. */
  concepts: boolean;
  /** Ranking weight of a topic / object concept token in the query (words weigh 1). */
  topicBoost: number;
  objectBoost: number;
  /**
   * Confidence factor for an entry whose question and tags share none of the question's topics
   * (an answer about another subject).
   */
  offSubjectFactor: number;
  /** Confidence factor for each of the question's topics that the entry never mentions. */
  missingTopicFactor: number;
}

export const DEFAULT_SEARCH_CONFIG: SearchConfig = {
  fuzzy: 0.2,
  fuzzyMinLength: 5,
  boost: { question: 3, phrasings: 3, tags: 2, answer: 1 },
  answerOnlyWeight: 0.5,
  unknownWeight: 0.3,
  sameLanguageBoost: 1.1,
  concepts: true,
  topicBoost: 2,
  objectBoost: 1,
  offSubjectFactor: 0.5,
  missingTopicFactor: 0.8,
};

const FIELDS = ["question", "phrasings", "tags", "answer"] as const;
type Field = (typeof FIELDS)[number];
const ABOUT: readonly Field[] = ["question", "phrasings", "tags"];
/** A term matched through a typo counts for a little less than an exact one. */
const FUZZY_WEIGHT = 0.8;

interface Analysed {
  lang: Lang;
  fields: Record<Field, string[]>;
}

export class KnowledgeSearch<D extends RetrievalDoc = RetrievalDoc> {
  private readonly engine: MiniSearch<{ id: number }>;
  private readonly docs: D[];
  private readonly analysed: Analysed[];
  private readonly df = new Map<string, number>();
  /** The language most entries are written in. */
  private readonly mainLang: Lang;
  readonly config: SearchConfig;

  constructor(docs: D[], config: Partial<SearchConfig> = {}) {
    this.config = { ...DEFAULT_SEARCH_CONFIG, ...config };
    this.docs = docs;
    this.analysed = docs.map((doc) => {
      const lang = toLang(doc.locale);
      return {
        lang,
        fields: {
          question: this.analyse(doc.question, lang),
          phrasings: this.analyse((doc.phrasings ?? []).join("\n"), lang),
          tags: this.analyse(doc.tags.join(" "), lang),
          answer: this.analyse(doc.answer, lang),
        },
      };
    });
    for (const a of this.analysed) {
      for (const t of new Set(FIELDS.flatMap((f) => a.fields[f]))) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
    const counts = new Map<Lang, number>();
    for (const a of this.analysed) counts.set(a.lang, (counts.get(a.lang) ?? 0) + 1);
    this.mainLang = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "en";
    // Terms are analysed above (per entry language); MiniSearch only splits on spaces.
    this.engine = new MiniSearch<{ id: number }>({
      fields: [...FIELDS],
      extractField: (doc, field) => (field === "id" ? doc.id : this.analysed[doc.id]!.fields[field as Field].join(" ")),
      tokenize: (text) => text.split(" ").filter(Boolean),
      processTerm: (term) => term,
    });
    this.engine.addAll(docs.map((_, id) => ({ id })));
  }

  /** Words (stems) of a text, and its concept tokens when concepts are on. */
  private analyse(text: string, lang: Lang): string[] {
    const words = terms(text, lang);
    return this.config.concepts ? [...words, ...findConcepts(text, lang).map((m) => conceptToken(m.concept))] : words;
  }

  /** The language most entries are written in (taken as the shop's, e.g. its catalogue's). */
  get mainLanguage(): Lang {
    return this.mainLang;
  }

  get size(): number {
    return this.docs.length;
  }

  /** Ranking and confidence weight of a query term: topics most, then objects, then words. */
  private termWeight(term: string): number {
    const kind = conceptKind(term);
    return kind === "topic" ? this.config.topicBoost : kind === "object" ? this.config.objectBoost : 1;
  }

  private idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (this.docs.length - df + 0.5) / (df + 0.5));
  }

  /**
   * The query's terms: concepts, and words analysed in the shopper's language and in the knowledge
   * base's main one (shoppers mix in the shop's words: product names, "PayPal").
   */
  queryTerms(query: string, locale: string | null): string[] {
    const lang = toLang(locale);
    const extraLangs = this.mainLang === lang ? [] : [this.mainLang];
    let text = query;
    const concepts: string[] = [];
    if (this.config.concepts) {
      // Words that a concept stands for are searched as the concept (a French "livraison" is
      // "_ship", as the English entry's "shipping" is), not as themselves.
      const matches = findConcepts(query, lang);
      const covered = new Set(matches.flatMap((m) => range(m.from, m.to)));
      concepts.push(...new Set(matches.map((m) => conceptToken(m.concept))));
      text = tokens(normalize(query))
        .filter((_, i) => !covered.has(i))
        .join(" ");
    }
    const own = terms(text, lang);
    const extra = extraLangs.flatMap((l) => terms(text, l));
    // Other languages' stems only where they are indexed terms (so they cannot dilute confidence).
    return [...new Set([...concepts, ...own, ...extra.filter((t) => this.df.has(t))])];
  }

  search(query: string, locale: string | null, limit = 3): RetrievalHit<D>[] {
    const q = this.queryTerms(query, locale);
    if (q.length === 0 || this.docs.length === 0) return [];
    const lang = toLang(locale);
    const { fuzzy, fuzzyMinLength, boost, sameLanguageBoost } = this.config;
    const results = this.engine.search(q.join(" "), {
      boost,
      fuzzy: fuzzy === false ? false : (term) => (term.length >= fuzzyMinLength ? fuzzy : false),
      prefix: false,
      combineWith: "OR",
      boostTerm: (term) => this.termWeight(term),
      // Entries in the shopper's language, or in the knowledge base's main one: a Spanish shopper
      // is answered from the shop's English entry, never from its Italian translation.
      filter: (r) => {
        const docLang = this.analysed[r.id as number]!.lang;
        return docLang === lang || docLang === this.mainLang;
      },
      boostDocument: (id) => (this.analysed[id as number]!.lang === lang ? sameLanguageBoost : 1),
    });
    return results.slice(0, limit).map((r) => this.hit(r, q));
  }

  private hit(r: SearchResult, q: string[]): RetrievalHit<D> {
    const a = this.analysed[r.id as number]!;
    const { answerOnlyWeight, unknownWeight } = this.config;
    // Concepts weigh as they rank (a topic most); words the knowledge base never uses count for
    // less than known ones: a product name or a city should not sink a clear match, but a
    // question made of them (off-topic) stays low.
    const weight = (t: string) => this.termWeight(t) * (this.df.has(t) ? 1 : unknownWeight);
    const total = q.reduce((s, t) => s + this.idf(t) * weight(t), 0);
    const matched = new Set<string>();
    // Document terms that no query term equals: matched through fuzziness.
    const fuzzyFields = new Set(
      Object.entries(r.match)
        .filter(([docTerm]) => !q.includes(docTerm))
        .flatMap(([, fields]) => fields as Field[]),
    );
    let covered = 0;
    for (const term of r.queryTerms) {
      const exact = r.match[term] as Field[] | undefined;
      const fields = exact ?? [...fuzzyFields];
      const about = ABOUT.some((f) => fields.includes(f));
      covered += this.idf(term) * weight(term) * (about ? 1 : answerOnlyWeight) * (exact ? 1 : FUZZY_WEIGHT);
      matched.add(term);
    }
    // An entry about another subject than the question's: "can I return the bindings?" is not
    // answered by the bindings' compatibility, however many words they share.
    const topics = q.filter((t) => conceptKind(t) === "topic");
    const about = new Set(ABOUT.flatMap((f) => a.fields[f]));
    const onSubject = topics.length === 0 || topics.some((t) => about.has(t));
    // "Is the return free?" is not answered by the shipping costs, though both say "free".
    const mentioned = new Set([...about, ...a.fields.answer]);
    const missing = topics.filter((t) => !mentioned.has(t)).length;
    const confidence =
      (total > 0 ? Math.min(1, covered / total) : 0) *
      (onSubject ? 1 : this.config.offSubjectFactor) *
      this.config.missingTopicFactor ** missing;
    return {
      doc: this.docs[r.id as number]!,
      score: r.score,
      confidence,
      matched: [...matched],
    };
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
