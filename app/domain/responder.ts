/**
 * The seam between the conversation engine and whatever writes AI replies.
 * The engine's reply job calls `respond` for one accepted shopper message; the responder streams
 * text through `sink` and returns the final reply. The engine owns persistence and state checks:
 * `sink.update` returns false once the conversation has left the `ai` state (an operator took over),
 * and the responder must stop at once.
 */
export interface ResponderCard {
  type: "product" | "order";
  [key: string]: unknown;
}

export interface ResponderInput {
  shop: string;
  conversationId: string;
  /** The shopper message being answered. */
  messageId: string;
  text: string;
  locale: string | null;
  /** Signed Shopify customer id (from the app proxy), or null for guests. */
  customerId: string | null;
  /** The sender's visitor key (app/lib/limits.server.ts), for per-visitor limits; null when unknown. */
  visitor?: string | null;
  /** Earlier messages, oldest first (shopper/ai/operator/system only; never internal notes). */
  history: { role: "shopper" | "ai" | "operator" | "system"; text: string }[];
  signal: AbortSignal;
}

export interface ResponderSink {
  /** Saves the growing text (throttled by the engine). Returns false when the reply must stop. */
  update(partialText: string): Promise<boolean>;
}

export interface ResponderResult {
  text: string;
  quickReplies?: string[];
  cards?: ResponderCard[];
  /** true when the responder could not answer (counts toward the two-failures escalation rule). */
  failed?: boolean;
  /** The responder asks for a person (the AI's handoff_to_human tool). */
  handoff?: { reason: string; summary?: string };
  usage?: { tokensIn: number; tokensOut: number; costMicros: number };
}

/** What a quick answer needs: no history, no stream, no I/O. */
export type QuickInput = Pick<
  ResponderInput,
  "shop" | "conversationId" | "messageId" | "text" | "locale" | "customerId"
>;

export interface QuickResult extends ResponderResult {
  /** A question the responder could not answer, to add to the shop's unanswered list. */
  unanswered?: { normalized: string; question: string; locale: string | null };
}

/**
 * Answers synchronously from what `Responder.quick` loaded (the engine writes the result), or
 * null when this message needs `respond` after all (e.g. a tool call).
 */
export type QuickResponder = (input: QuickInput) => QuickResult | null;

export interface Responder {
  respond(input: ResponderInput, sink: ResponderSink): Promise<ResponderResult>;
  /**
   * Optional: for a shop whose answers need no I/O (the built-in responder: no AI key), loads what
   * they need and returns a synchronous responder; null when the shop needs `respond` (a model, a
   * tool call, a stream). Lets the engine answer a batch of messages in one transaction (ADR 074).
   * Must give the same answer `respond` would give.
   */
  quick?(shop: string): Promise<QuickResponder | null>;
}

/** The `Message.payload` of an AI reply: its quick replies and cards as JSON, or null. */
export function replyPayload(result: Pick<ResponderResult, "quickReplies" | "cards">): string | null {
  return result.quickReplies?.length || result.cards?.length
    ? JSON.stringify({ quickReplies: result.quickReplies ?? [], cards: result.cards ?? [] })
    : null;
}
