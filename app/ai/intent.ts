/**
 * The built-in responder's intent router, the pure part: what a shopper message asks for, from its
 * words alone, in en, it, fr, de, es. Products and orders are then answered with the same tools as
 * the AI (./router.server.ts); questions go to the knowledge base; small talk and messages without
 * words get a short polite reply and never an FAQ answer.
 */
import { CONCEPTS, findConcepts, type Concept } from "./retrieval/concepts";
import { isStopWord, normalize, tokens, toLang, type Lang } from "./retrieval/text";
import {
  SMALL_TALK,
  ORDER_NUMBER,
  EMAIL,
  ORDER_STATUS,
  ORDER_LIST,
  PRODUCT_CUES,
  POLICY_TOPICS,
  SHOPPING_WORDS,
  VARIANT_TOKEN,
} from "./intent-vocabulary";

export type SmallTalk = "greeting" | "thanks" | "bye" | "ack";

export type Intent =
  | { kind: "empty" }
  | { kind: "small_talk"; type: SmallTalk }
  | { kind: "order"; orderNumber: string | null; email: string | null }
  | { kind: "product"; keywords: string[] }
  | { kind: "question" };

export interface HistoryMessage {
  role: "shopper" | "ai" | "operator" | "system";
  text: string;
}

/** Normalised text with single spaces, apostrophes as spaces ("where's" → "where s"). */
const flat = (text: string) =>
  normalize(text)
    .replace(/[’'`´]/g, " ")
    .replace(/[^\p{L}\p{N}#@]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();

export function smallTalk(text: string): SmallTalk | null {
  const t = flat(text)
    .replace(/[.!?,+-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (const [type, re] of SMALL_TALK) if (re.test(t)) return type;
  return null;
}

/** No letters or digits at all: emoji, punctuation, symbols. */
export function hasNoWords(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

export function findOrderNumber(text: string): string | null {
  const m = ORDER_NUMBER.exec(text);
  const digits = m?.[1] ?? m?.[2];
  return digits ? `#${digits}` : null;
}

export function findEmail(text: string): string | null {
  return EMAIL.exec(text)?.[0].replace(/[.]+$/, "") ?? null;
}

function asksOrderStatus(text: string, topics: Concept[]): boolean {
  const t = flat(text);
  return ORDER_STATUS.some((re) => re.test(t)) || (topics.length === 0 && ORDER_LIST.some((re) => re.test(t)));
}

function policyTopics(text: string, lang: Lang): Concept[] {
  return findConcepts(text, lang)
    .map((m) => m.concept)
    .filter((c) => POLICY_TOPICS.has(c));
}

/**
 * What to search the catalogue for: the message's words without stop words, shopping words and
 * variant names; words of the commerce vocabulary's goods (a "casco", a "Jacke") in the catalogue's
 * language too.
 */
export function productKeywords(text: string, lang: Lang, catalogueLang: Lang = "en"): string[] {
  const words = tokens(normalize(text));
  const goods = findConcepts(text, lang).filter((m) => CONCEPTS[m.concept].kind === "object");
  const out: string[] = [];
  words.forEach((w, i) => {
    if (w.length < 2 || VARIANT_TOKEN.test(w) || SHOPPING_WORDS.has(w)) return;
    if (isStopWord(w, lang) || isStopWord(w, "en")) return;
    const concept = goods.find((g) => g.from <= i && i <= g.to)?.concept;
    if (concept === "order" || concept === "package" || concept === "place" || concept === "policy") return;
    const translated = concept ? normalize(CONCEPTS[concept].words[catalogueLang][0] ?? w) : null;
    out.push(w);
    if (translated && translated !== w && lang !== catalogueLang) out.push(translated);
  });
  return [...new Set(out)].slice(0, 6);
}

/** The most recent earlier shopper message that `pick` finds something in. */
function fromHistory<T>(history: HistoryMessage[], pick: (text: string) => T | null): T | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    if (m.role !== "shopper") continue;
    const found = pick(m.text);
    if (found) return found;
  }
  return null;
}

/** Whether the assistant's last reply asked for an order number or email. */
function askedForOrder(history: HistoryMessage[]): boolean {
  const last = [...history].reverse().find((m) => m.role === "ai");
  return (
    !!last &&
    /#1\d{3}|order number|numero d ordine|numero dell ordine|numero de commande|bestellnummer|numero de pedido|e ?mail|correo/i.test(
      flat(last.text),
    )
  );
}

export function classify(
  text: string,
  locale: string | null,
  history: HistoryMessage[] = [],
  catalogueLang: Lang = "en",
): Intent {
  if (hasNoWords(text)) return { kind: "empty" };
  const talk = smallTalk(text);
  if (talk) return { kind: "small_talk", type: talk };
  const lang = toLang(locale);

  const number = findOrderNumber(text);
  const email = findEmail(text);
  const topics = policyTopics(text, lang);
  const statusAsked = asksOrderStatus(text, topics);
  // An order number with a status question, or a number/email given when the assistant asked for them.
  if (statusAsked || (number && (email || topics.length === 0)) || ((number || email) && askedForOrder(history))) {
    return {
      kind: "order",
      orderNumber: number ?? fromHistory(history, findOrderNumber),
      email: email ?? fromHistory(history, findEmail),
    };
  }

  const t = flat(text);
  if (topics.length === 0 && PRODUCT_CUES.some((re) => re.test(t))) {
    let keywords = productKeywords(text, lang, catalogueLang);
    // "Is the 156 cm back in stock?": the product is the one asked about before.
    if (keywords.length === 0) {
      keywords =
        fromHistory(history, (h) => {
          const k = productKeywords(h, lang, catalogueLang);
          return k.length ? k : null;
        }) ?? [];
    }
    return { kind: "product", keywords };
  }
  return { kind: "question" };
}
