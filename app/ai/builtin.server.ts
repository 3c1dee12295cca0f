import type { ResponderInput, ResponderResult, ResponderSink } from "../domain/responder";
import { maskPersonalData } from "../domain/pii";
import { recordUnansweredQuestion } from "../repositories/knowledge.server";
import { answerFromKnowledge, MIN_CONFIDENCE } from "./retrieval/answer";
import { normalize } from "./retrieval/text";
import { knowledgeIndex, type KnowledgeDoc } from "./knowledge-index.server";
import type { Bm25Index } from "./retrieval/bm25";
import { fallbackText, isGreeting } from "./fallback-text";
import type { ToolSource } from "./tools/types";

export type BuiltinReason =
  "no_key" | "daily_cap" | "conversation_budget" | "visitor_budget" | "circuit_open" | "provider_error";

export interface BuiltinOutcome extends ResponderResult {
  sources: ToolSource[];
  confidence: number | null;
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
  /** The question to log as unanswered (when the answer failed and was not a greeting). */
  unanswered?: UnansweredEntry;
}

/**
 * The built-in responder's answer, computed without I/O from the shop's knowledge index: the best
 * entry when it clears the confidence threshold; otherwise an offer of a person or a ticket, the
 * question to log as unanswered, and a failed answer (two in a row escalate, see the engine).
 */
export function builtinAnswer(
  index: Bm25Index<KnowledgeDoc>,
  input: Pick<ResponderInput, "text" | "locale">,
  options: { handoffEnabled?: boolean } = {},
): BuiltinAnswer {
  const t = fallbackText(input.locale);
  // "Talk to a person" escalates (the engine's intent detector); with nobody online the engine asks
  // for contact details and files a ticket, so one chip covers both offers.
  const offer = options.handoffEnabled === false ? [] : [t.person];
  if (isGreeting(input.text)) {
    return { text: t.greeting, quickReplies: [t.person], sources: [], confidence: null };
  }
  const result = answerFromKnowledge(index, input.text, input.locale);
  if (result.confident && result.best) {
    const best = result.best;
    const related = result.hits
      .slice(1)
      .filter((h) => h.confidence >= MIN_CONFIDENCE && h.doc.question.endsWith("?"))
      .map((h) => h.doc.question)
      .slice(0, 2);
    return {
      text: best.doc.answer,
      quickReplies: [...related, t.person].slice(0, 3),
      sources: [
        { type: best.doc.kind === "policy" ? "policy" : "knowledge", id: best.doc.id, title: best.doc.question },
      ],
      confidence: best.confidence,
    };
  }
  const unanswered = unansweredEntry(input.text, input.locale);
  return {
    text: t.unsure,
    quickReplies: offer,
    failed: true,
    sources: [],
    confidence: result.best?.confidence ?? 0,
    ...(unanswered ? { unanswered } : {}),
  };
}

/**
 * The built-in responder (see `builtinAnswer`): a confident answer is shown through the sink
 * first; an unanswered question is logged unless `logUnanswered` is false.
 */
export async function builtinRespond(
  input: Pick<ResponderInput, "shop" | "conversationId" | "text" | "locale">,
  sink: ResponderSink | null,
  options: { logUnanswered?: boolean; handoffEnabled?: boolean } = {},
): Promise<BuiltinOutcome> {
  const { unanswered, ...answer } = builtinAnswer(await knowledgeIndex(input.shop), input, options);
  if (!answer.failed && answer.confidence !== null && sink && !(await sink.update(answer.text))) {
    return { text: answer.text, sources: [], confidence: answer.confidence };
  }
  if (unanswered && options.logUnanswered !== false) {
    await recordUnansweredQuestion(input.shop, { ...unanswered, conversationId: input.conversationId });
  }
  return answer;
}
