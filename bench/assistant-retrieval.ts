/**
 * Compares retrieval engines for the built-in responder on the assistant evaluation set
 * (tests/fixtures/assistant-eval): for each engine and configuration, the confidence threshold
 * is chosen on the dev half (most right answers minus three times the wrong and off-topic ones),
 * then dev and test are reported at that threshold. FAQ questions and off-topic / small-talk
 * messages only: product, order and escalation messages are routed before retrieval.
 *
 *   npx tsx bench/assistant-retrieval.ts
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { create, insertMultiple, search as oramaSearch } from "@orama/orama";
import { stemmer as stemEn } from "@orama/stemmers/english";
import { DEV_PATH, readEval, TEST_PATH, type EvalItem } from "../tests/fixtures/assistant-eval/split";
import { KnowledgeSearch, type RetrievalDoc, type SearchConfig } from "../app/ai/retrieval/search";
import { terms, toLang } from "../app/ai/retrieval/text";
import { conceptKind } from "../app/ai/retrieval/concepts";

interface Store {
  faq: { id: string; locale: string; question: string; answer: string; tags: string[] }[];
  policies: Record<string, string>;
}
const store = JSON.parse(readFileSync("tests/fixtures/demo-store.json", "utf8")) as Store;
const POLICY_TITLES: Record<string, string> = {
  shippingPolicy: "Shipping policy",
  refundPolicy: "Refund policy",
  privacyPolicy: "Privacy policy",
  termsOfService: "Terms of service",
};
/** The knowledge base the demo seeds: the FAQ plus the shop's policies. */
export const demoDocs: RetrievalDoc[] = [
  ...store.faq,
  ...Object.entries(store.policies).map(([id, answer]) => ({
    id,
    locale: "en",
    question: POLICY_TITLES[id] ?? id,
    answer,
    tags: ["policy"],
    kind: "policy",
  })),
];

type Ranker = (q: string, locale: string) => { id: string; confidence: number } | null;

interface Figures {
  top1: number;
  right: number;
  wrong: number;
  offTopic: number;
}

function measure(items: EvalItem[], rank: Ranker, threshold: number): Figures {
  const faq = items.filter((i) => i.label === "faq");
  const none = items.filter((i) => i.label === "none");
  let top1 = 0;
  let right = 0;
  let wrong = 0;
  for (const i of faq) {
    const best = rank(i.text, i.locale);
    const ok = !!best && i.expected!.includes(best.id);
    if (ok) top1++;
    if (best && best.confidence >= threshold) {
      if (ok) right++;
      else wrong++;
    }
  }
  const offTopic = none.filter((i) => {
    const best = rank(i.text, i.locale);
    return !!best && best.confidence >= threshold;
  }).length;
  return {
    top1: top1 / faq.length,
    right: right / faq.length,
    wrong: wrong / faq.length,
    offTopic: offTopic / none.length,
  };
}

const objective = (f: Figures) => f.right - 3 * f.wrong - 3 * f.offTopic;

function report(name: string, rank: Ranker, dev: EvalItem[], test: EvalItem[]) {
  let best = { threshold: 0, value: -Infinity };
  for (let t = 0.2; t <= 0.951; t += 0.025) {
    const value = objective(measure(dev, rank, t));
    if (value > best.value) best = { threshold: t, value };
  }
  const d = measure(dev, rank, best.threshold);
  const t = measure(test, rank, best.threshold);
  const fmt = (f: Figures) =>
    `top-1 ${f.top1.toFixed(3)}  answered right ${f.right.toFixed(3)}  confidently wrong ${f.wrong.toFixed(3)}  off-topic answered ${f.offTopic.toFixed(3)}`;
  console.log(`${name} (threshold ${best.threshold.toFixed(3)})\n  dev:  ${fmt(d)}\n  test: ${fmt(t)}`);
}

function miniSearch(config: Partial<SearchConfig>): Ranker {
  const index = new KnowledgeSearch(demoDocs, config);
  return (q, locale) => {
    const hit = index.search(q, locale, 1)[0];
    if (!hit) return null;
    // The responder's rule (app/ai/retrieval/answer.ts): a topic of the question, or two of its terms.
    const enough = hit.matched.some((t) => conceptKind(t) === "topic") || hit.matched.length >= 2;
    return { id: hit.doc.id, confidence: enough ? hit.confidence : 0 };
  };
}

/** Orama with its English stemmer; ranking from Orama, confidence = share of query terms in the entry. */
function orama(tolerance: number): Ranker {
  const db = create({
    schema: { id: "string", question: "string", tags: "string", answer: "string" } as const,
    components: { tokenizer: { stemming: true, stemmer: stemEn } },
  });
  void insertMultiple(
    db,
    demoDocs.map((d) => ({ id: d.id, question: d.question, tags: d.tags.join(" "), answer: d.answer })),
  );
  return (q, locale) => {
    const res = oramaSearch(db, {
      term: q,
      properties: ["question", "tags", "answer"],
      boost: { question: 3, tags: 2, answer: 1 },
      tolerance,
      limit: 1,
    }) as { hits: { document: { id: string } }[] };
    const id = res.hits[0]?.document.id;
    if (!id) return null;
    const doc = demoDocs.find((d) => d.id === id)!;
    const lang = toLang(locale);
    const qt = [...new Set(terms(q, lang))];
    const about = new Set([
      ...terms(doc.question, toLang(doc.locale)),
      ...terms(doc.tags.join(" "), toLang(doc.locale)),
    ]);
    const body = new Set(terms(doc.answer, toLang(doc.locale)));
    const covered = qt.reduce((s, t) => s + (about.has(t) ? 1 : body.has(t) ? 0.5 : 0), 0);
    return { id, confidence: qt.length ? covered / qt.length : 0 };
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dev = readEval(DEV_PATH).items;
  const test = readEval(TEST_PATH).items;
  report("MiniSearch + Snowball + concepts, fuzzy 0.2 (the built-in responder)", miniSearch({}), dev, test);
  report("MiniSearch + Snowball + concepts, no fuzzy", miniSearch({ fuzzy: false }), dev, test);
  report(
    "MiniSearch + Snowball + concepts, topics weighted as words",
    miniSearch({ topicBoost: 1, objectBoost: 1 }),
    dev,
    test,
  );
  report("Orama + English stemmer, tolerance 1", orama(1), dev, test);
  report("Orama + English stemmer, tolerance 0", orama(0), dev, test);
  report(
    "MiniSearch + Snowball + concepts, no subject check",
    miniSearch({ concepts: true, offSubjectFactor: 1 }),
    dev,
    test,
  );
  report("MiniSearch + Snowball, no concepts", miniSearch({ concepts: false }), dev, test);
}
