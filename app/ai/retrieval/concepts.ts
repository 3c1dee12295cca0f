/**
 * A small multilingual vocabulary of what shoppers ask a store about (shipping, returns, payment,
 * sizes, …) and of the commonest kinds of goods, in the widget's five languages. Stemmers match
 * "ship" with "shipping"; only a vocabulary matches "livraison", "Versand" and "delivery", or
 * "parcel" and "package". Each word or phrase maps to concept tokens that are indexed and searched
 * beside the words themselves (./search.ts), so a French question can find an English FAQ entry.
 *
 * Concepts are of two kinds: a `topic` is what a question is about (returning, shipping, paying);
 * an `object` is what it is about it (a board, the bindings, an order). "Can I return the bindings
 * from my last order?" is a returns question: the responder answers only with an entry that shares
 * the question's topic (ADR 120).
 *
 * This is general commerce vocabulary, not a copy of any shop's FAQ: entries are matched as whole
 * normalised words or word sequences (lower case, no accents).
 */
import { normalize, tokens, type Lang } from "./text";
import { CONCEPTS, type ConceptDef, type ConceptKind } from "./vocabulary";

export { CONCEPTS, type ConceptKind };

export type Concept = keyof typeof CONCEPTS;

/** The token a concept is indexed as (cannot collide with a word: words have no "_"). */
export const conceptToken = (c: Concept) => `_${c}`;

export function conceptKind(token: string): ConceptKind | null {
  const def = (CONCEPTS as Record<string, ConceptDef>)[token.slice(1)];
  return token.startsWith("_") && def ? def.kind : null;
}

/** A phrase's words; "*" stands for one or two words of any kind ("send * back"). */
type Pattern = string[];

interface Lexicon {
  /** First word → phrases (word sequences) starting with it, longest first. */
  phrases: Map<string, { words: Pattern; concepts: Concept[] }[]>;
  /** Single words of at least COMPOUND_PART letters, longest first: parts of compounds (German). */
  parts: { word: string; concepts: Concept[] }[];
}

const COMPOUND_PART = 4;
/** Languages whose nouns compound ("Versandkosten" = "Versand" + "Kosten"). */
const COMPOUNDING: ReadonlySet<Lang> = new Set<Lang>(["de"]);

function buildLexicon(lang: Lang): Lexicon {
  const phrases = new Map<string, { words: Pattern; concepts: Concept[] }[]>();
  const parts = new Map<string, Concept[]>();
  for (const [concept, def] of Object.entries(CONCEPTS) as [Concept, ConceptDef][]) {
    for (const entry of def.words[lang]) {
      const words = entry.split(/\s+/).flatMap((w) => (w === "*" ? ["*"] : tokens(normalize(w))));
      if (words.length === 0 || words[0] === "*") continue;
      const list = phrases.get(words[0]!) ?? [];
      const same = list.find((p) => p.words.join(" ") === words.join(" "));
      if (same) same.concepts.push(concept);
      else list.push({ words, concepts: [concept] });
      phrases.set(words[0]!, list);
      if (words.length === 1 && words[0]!.length >= COMPOUND_PART) {
        parts.set(words[0]!, [...new Set([...(parts.get(words[0]!) ?? []), concept])]);
      }
    }
  }
  for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  return {
    phrases,
    parts: [...parts].map(([word, concepts]) => ({ word, concepts })).sort((a, b) => b.word.length - a.word.length),
  };
}

/** The position after `pattern` matched at `i` in `words`, or -1. */
function matchAt(words: string[], i: number, pattern: Pattern, k = 0): number {
  if (k === pattern.length) return i;
  if (pattern[k] === "*") {
    for (let skip = 1; skip <= 2 && i + skip <= words.length; skip++) {
      const end = matchAt(words, i + skip, pattern, k + 1);
      if (end >= 0) return end;
    }
    return -1;
  }
  return words[i] === pattern[k] ? matchAt(words, i + 1, pattern, k + 1) : -1;
}

const LEXICONS = new Map<Lang, Lexicon>();
const lexicon = (lang: Lang) => {
  let l = LEXICONS.get(lang);
  if (!l) LEXICONS.set(lang, (l = buildLexicon(lang)));
  return l;
};

export interface ConceptMatch {
  concept: Concept;
  /** Positions (in `tokens(normalize(text))`) of the words that matched. */
  from: number;
  to: number;
}

/**
 * The concepts a text mentions, in its language and in English (shoppers mix in English words).
 * Matching is on whole normalised words; a word also matches its plural/inflected form when the
 * vocabulary lists it (the lists carry the common forms: no stemming here, so "spedire" never
 * matches "spedizione" by accident of a stemmer).
 */
export function findConcepts(text: string, lang: Lang): ConceptMatch[] {
  const words = tokens(normalize(text));
  const out: ConceptMatch[] = [];
  const lexicons = lang === "en" ? [lexicon("en")] : [lexicon(lang), lexicon("en")];
  for (let i = 0; i < words.length; i++) {
    let found = false;
    for (const lex of lexicons) {
      for (const p of lex.phrases.get(words[i]!) ?? []) {
        const end = matchAt(words, i, p.words);
        if (end < 0) continue;
        for (const concept of p.concepts) out.push({ concept, from: i, to: end - 1 });
        found = true;
        // The phrase's words are used up ("wie lange" is time, and its "lange" is not a length).
        i = end - 1;
        break;
      }
      if (found) break;
    }
    if (found || !COMPOUNDING.has(lang)) continue;
    // A compound: its first and last parts ("Rücksende|etikett", "Zahlungs|arten" has "zahlung").
    const word = words[i]!;
    const head = lexicon(lang).parts.find((p) => word.length >= p.word.length + 3 && word.startsWith(p.word));
    const tail = lexicon(lang).parts.find((p) => word.length >= p.word.length + 3 && word.endsWith(p.word));
    for (const part of [head, tail]) for (const concept of part?.concepts ?? []) out.push({ concept, from: i, to: i });
  }
  return out;
}

/** The concept tokens of a text (each once). */
export function conceptTokens(text: string, lang: Lang): string[] {
  return [...new Set(findConcepts(text, lang).map((m) => conceptToken(m.concept)))];
}
