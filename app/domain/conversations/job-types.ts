/** Job types the conversation engine enqueues for other areas (the handlers live with those areas). */

/** Builds the operator's handoff summary for a chat handed to a person without one. */
export const HANDOFF_SUMMARY_JOB = "ai.handoff-summary";

/**
 * The payload of a `conversation.reply` job: the shopper message to answer and, when known, the
 * sender's visitor key (app/lib/limits.server.ts `visitorKey`: the assistant's per-visitor limits).
 */
export interface ReplyJobPayload {
  conversationId: string;
  messageId: string;
  visitor?: string;
}

export function replyPayloadFor(conversationId: string, messageId: string, visitor?: string | null): ReplyJobPayload {
  return { conversationId, messageId, ...(visitor ? { visitor } : {}) };
}
