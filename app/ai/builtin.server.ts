import type { ResponderInput, ResponderResult, ResponderSink } from "../domain/responder";
import { recordUnansweredQuestion } from "../repositories/knowledge.server";
import { answerFromKnowledge, MIN_CONFIDENCE } from "./retrieval/answer";
import { normalize } from "./retrieval/text";
import { knowledgeIndex } from "./knowledge-index.server";
import { fallbackText, isGreeting } from "./fallback-text";
import type { ToolSource } from "./tools/types";

export type BuiltinReason = "no_key" | "daily_cap" | "circuit_open" | "provider_error";

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

export async function logUnanswered(
  shop: string,
  question: string,
  locale: string | null,
  conversationId: string | null,
) {
  const normalized = normaliseQuestion(question);
  if (!normalized) return;
  await recordUnansweredQuestion(shop, { normalized, question: question.slice(0, 500), locale, conversationId });
}

/**
 * The built-in responder: answers from the shop's knowledge base by lexical retrieval when the best
 * entry clears the confidence threshold; otherwise offers a person or a ticket, logs the question
 * as unanswered and reports a failed answer (two in a row escalate, see the engine).
 */
export async function builtinRespond(
  input: Pick<ResponderInput, "shop" | "conversationId" | "text" | "locale">,
  sink: ResponderSink | null,
  options: { logUnanswered?: boolean; handoffEnabled?: boolean } = {},
): Promise<BuiltinOutcome> {
  const t = fallbackText(input.locale);
  // "Talk to a person" escalates (the engine's intent detector); with nobody online the engine asks
  // for contact details and files a ticket, so one chip covers both offers.
  const offer = options.handoffEnabled === false ? [] : [t.person];
  if (isGreeting(input.text)) {
    return { text: t.greeting, quickReplies: [t.person], sources: [], confidence: null };
  }
  const index = await knowledgeIndex(input.shop);
  const result = answerFromKnowledge(index, input.text, input.locale);
  if (result.confident && result.best) {
    const best = result.best;
    const related = result.hits
      .slice(1)
      .filter((h) => h.confidence >= MIN_CONFIDENCE && h.doc.question.endsWith("?"))
      .map((h) => h.doc.question)
      .slice(0, 2);
    if (sink && !(await sink.update(best.doc.answer))) {
      return { text: best.doc.answer, sources: [], confidence: best.confidence };
    }
    return {
      text: best.doc.answer,
      quickReplies: [...related, t.person].slice(0, 3),
      sources: [
        { type: best.doc.kind === "policy" ? "policy" : "knowledge", id: best.doc.id, title: best.doc.question },
      ],
      confidence: best.confidence,
    };
  }
  if (options.logUnanswered !== false) await logUnanswered(input.shop, input.text, input.locale, input.conversationId);
  return { text: t.unsure, quickReplies: offer, failed: true, sources: [], confidence: result.best?.confidence ?? 0 };
}
