import type { QuickResult, ResponderInput, ResponderResult, ResponderSink } from "../domain/responder";
import type { ShopifyData } from "../integrations/shopify/data.server";
import { maskPersonalData } from "../domain/pii";
import { recordUnansweredQuestion } from "../repositories/knowledge.server";
import { answerFromKnowledge, isConfident } from "./retrieval/answer";
import { normalize } from "./retrieval/text";
import { knowledgeIndex, type KnowledgeDoc } from "./knowledge-index.server";
import type { KnowledgeSearch } from "./retrieval/search";
import { fallbackText } from "./fallback-text";
import { classify, type HistoryMessage, type Intent } from "./intent";
import { answerIntent, mentionsOrderDetails } from "./router.server";
import type { ToolSource, ToolTrace } from "./tools/types";

export type BuiltinReason =
  "no_key" | "daily_cap" | "conversation_budget" | "visitor_budget" | "circuit_open" | "provider_error";

export interface BuiltinOutcome extends ResponderResult {
  sources: ToolSource[];
  confidence: number | null;
  /** What the router took the message for. */
  intent: Intent["kind"];
  trace: ToolTrace[];
}

export function normaliseQuestion(text: string): string {
  return normalize(text)
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}

export interface UnansweredEntry {
  normalized: string;
  question: string;
  locale: string | null;
}

/**
 * What the unanswered-questions log keeps of a shopper's text, on every path that writes it (the
 * built-in responder, the provider's path, the batched reply jobs): emails and phone numbers
 * masked first (app/domain/pii.ts), then normalised for counting. null: nothing to count.
 */
export function unansweredEntry(text: string, locale: string | null): UnansweredEntry | null {
  const question = maskPersonalData(text).slice(0, 500);
  const normalized = normaliseQuestion(question);
  return normalized ? { normalized, question, locale } : null;
}

export async function logUnanswered(
  shop: string,
  question: string,
  locale: string | null,
  conversationId: string | null,
) {
  const entry = unansweredEntry(question, locale);
  if (!entry) return;
  await recordUnansweredQuestion(shop, { ...entry, conversationId });
}

export interface BuiltinAnswer extends BuiltinOutcome {
  /** The question to log as unanswered (when the answer failed and was not small talk). */
  unanswered?: UnansweredEntry;
}

type AnswerInput = Pick<ResponderInput, "text" | "locale"> & { history?: HistoryMessage[] };

/**
 * The built-in responder's answer to what needs no I/O once the knowledge index is loaded: small
 * talk and messages without words get a short polite reply (never an FAQ answer); a question gets
 * the best knowledge entry when it clears the confidence threshold, otherwise an offer of a person
 * or a ticket, the question to log as unanswered, and a failed answer (two in a row escalate).
 * Products and orders need the tools: `builtinRespond` answers those.
 */
export function builtinAnswer(
  index: KnowledgeSearch<KnowledgeDoc>,
  input: AnswerInput,
  options: { handoffEnabled?: boolean } = {},
  intent: Intent = classify(input.text, input.locale, input.history ?? [], index.mainLanguage),
): BuiltinAnswer {
  const t = fallbackText(input.locale);
  // "Talk to a person" escalates (the engine's intent detector); with nobody online the engine asks
  // for contact details and files a ticket, so one chip covers both offers.
  const offer = options.handoffEnabled === false ? [] : [t.person];
  const base = { sources: [], confidence: null, intent: intent.kind, trace: [] };
  if (intent.kind === "empty") return { ...base, text: t.empty, quickReplies: offer };
  if (intent.kind === "small_talk") {
    const text = { greeting: t.greeting, thanks: t.thanks, bye: t.bye, ack: t.ack }[intent.type];
    return { ...base, text, ...(intent.type === "greeting" ? { quickReplies: offer } : {}) };
  }
  const result = answerFromKnowledge(index, input.text, input.locale);
  if (intent.kind === "question" && result.confident && result.best) {
    const best = result.best;
    const related = result.hits
      .slice(1)
      .filter((h) => isConfident(h) && h.doc.question.endsWith("?"))
      .map((h) => h.doc.question)
      .slice(0, 2);
    return {
      ...base,
      text: best.doc.answer,
      quickReplies: [...related, ...offer].slice(0, 3),
      sources: [
        { type: best.doc.kind === "policy" ? "policy" : "knowledge", id: best.doc.id, title: best.doc.question },
      ],
      confidence: best.confidence,
    };
  }
  const unanswered = unansweredEntry(input.text, input.locale);
  return {
    ...base,
    text: t.unsure,
    quickReplies: offer,
    failed: true,
    confidence: result.best?.confidence ?? 0,
    ...(unanswered ? { unanswered } : {}),
  };
}

/**
 * The synchronous form of the built-in responder for the engine's batched replies (ADR 074):
 * null when the message needs the tools (a product or order question, or an order number or
 * email that may answer an earlier question) — the engine then calls `respond`.
 */
export function builtinQuick(
  index: KnowledgeSearch<KnowledgeDoc>,
  input: Pick<ResponderInput, "text" | "locale">,
  options: { handoffEnabled?: boolean } = {},
): QuickResult | null {
  const intent = classify(input.text, input.locale, [], index.mainLanguage);
  if (intent.kind === "product" || intent.kind === "order" || mentionsOrderDetails(input.text)) return null;
  const { unanswered, text, quickReplies, failed } = builtinAnswer(index, input, options, intent);
  return {
    text,
    ...(quickReplies?.length ? { quickReplies } : {}),
    ...(failed ? { failed: true } : {}),
    ...(unanswered ? { unanswered } : {}),
  };
}

/**
 * The built-in responder: the intent router first (products and orders through the AI's tools),
 * then the knowledge base (`builtinAnswer`). A confident answer is shown through the sink first;
 * an unanswered question is logged unless `logUnanswered` is false.
 */
export async function builtinRespond(
  input: Pick<ResponderInput, "shop" | "conversationId" | "text" | "locale"> &
    Partial<Pick<ResponderInput, "customerId" | "history" | "signal" | "visitor">>,
  sink: ResponderSink | null,
  options: {
    logUnanswered?: boolean;
    handoffEnabled?: boolean;
    /** Shopify data for product and order questions; without it those go to the knowledge base. */
    shopify?: () => Promise<ShopifyData>;
  } = {},
): Promise<BuiltinOutcome> {
  const index = await knowledgeIndex(input.shop);
  const intent = classify(input.text, input.locale, input.history ?? [], index.mainLanguage);
  const logUnanswered = async (entry: UnansweredEntry | undefined) => {
    if (entry && options.logUnanswered !== false)
      await recordUnansweredQuestion(input.shop, { ...entry, conversationId: input.conversationId });
  };
  let notInCatalogue: BuiltinOutcome | undefined;
  if (options.shopify && (intent.kind === "product" || intent.kind === "order")) {
    const routed = await answerIntent(
      intent,
      {
        shop: input.shop,
        conversationId: input.conversationId,
        customerId: input.customerId ?? null,
        visitor: input.visitor ?? null,
        locale: input.locale,
        text: input.text,
        signal: input.signal ?? AbortSignal.timeout(30_000),
      },
      options.shopify,
      { handoffEnabled: options.handoffEnabled },
    );
    const outcome: BuiltinOutcome = { ...routed, confidence: null, intent: intent.kind };
    // "Do you have a student programme?" reads like a product question; when the catalogue has
    // nothing, the knowledge base may still answer it, and otherwise it is an unanswered question.
    if (!(intent.kind === "product" && routed.failed && !routed.cards?.length)) return outcome;
    notInCatalogue = outcome;
  }
  const { unanswered, ...answer } = builtinAnswer(
    index,
    input,
    options,
    intent.kind === "product" || intent.kind === "order" ? { kind: "question" } : intent,
  );
  if (notInCatalogue && answer.failed) {
    await logUnanswered(unanswered);
    return notInCatalogue;
  }
  if (!answer.failed && answer.confidence !== null && sink && !(await sink.update(answer.text))) {
    return { ...answer, text: answer.text, sources: [] };
  }
  await logUnanswered(unanswered);
  return answer;
}
