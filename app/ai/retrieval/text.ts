/**
 * Text analysis for the languages the widget speaks (en, it, fr, de, es): Unicode word splitting,
 * Snowball stop lists (@orama/stopwords) and Snowball stemmers (@orama/stemmers). Nothing here is
 * hand-made vocabulary: what a merchant's knowledge base says is matched through these alone.
 */
import { stemmer as stemDe } from "@orama/stemmers/german";
import { stemmer as stemEn } from "@orama/stemmers/english";
import { stemmer as stemEs } from "@orama/stemmers/spanish";
import { stemmer as stemFr } from "@orama/stemmers/french";
import { stemmer as stemIt } from "@orama/stemmers/italian";
import { stopwords as stopDe } from "@orama/stopwords/german";
import { stopwords as stopEn } from "@orama/stopwords/english";
import { stopwords as stopEs } from "@orama/stopwords/spanish";
import { stopwords as stopFr } from "@orama/stopwords/french";
import { stopwords as stopIt } from "@orama/stopwords/italian";

export type Lang = "en" | "it" | "fr" | "de" | "es";

export const LANGS: readonly Lang[] = ["en", "it", "fr", "de", "es"];

export function toLang(locale: string | null | undefined): Lang {
  const base = (locale ?? "en").slice(0, 2).toLowerCase();
  return (LANGS as readonly string[]).includes(base) ? (base as Lang) : "en";
}

/** Lower case without accents (ß → ss), for comparisons that must not depend on spelling. */
export function normalize(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .toLowerCase();
}

const STEMMERS: Record<Lang, (word: string) => string> = {
  en: stemEn,
  it: stemIt,
  fr: stemFr,
  de: stemDe,
  es: stemEs,
};

const STOP: Record<Lang, Set<string>> = Object.fromEntries(
  (
    [
      ["en", stopEn],
      ["it", stopIt],
      ["fr", stopFr],
      ["de", stopDe],
      ["es", stopEs],
    ] as const
  ).map(([lang, list]) => [lang, new Set(list.flatMap((w) => [w, normalize(w)]))]),
) as Record<Lang, Set<string>>;

/**
 * Words of a text, lower case, accents kept (the stemmers expect them), apostrophes split
 * ("l'ordine" → "l", "ordine"; "what's" → "what", "s").
 */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function isStopWord(word: string, lang: Lang): boolean {
  return STOP[lang].has(word) || STOP[lang].has(normalize(word));
}

/** Index terms of a text in a language: words without stop words, stemmed, accents removed. */
export function terms(text: string, lang: Lang): string[] {
  const out: string[] = [];
  for (const word of tokens(text)) {
    if (word.length < 2 && !/\d/.test(word)) continue;
    if (isStopWord(word, lang)) continue;
    out.push(normalize(STEMMERS[lang](word)));
  }
  return out;
}
