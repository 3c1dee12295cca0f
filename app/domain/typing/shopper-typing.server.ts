/**
 * The shopper is typing: the widget reports it (throttled) through `POST /proxy/conversations/:id/typing`
 * and the operator sees "Visitor is typing…" in the conversation view through its live updates.
 *
 * A presence signal, like the operator's typing (operator-actions.server.ts `setOperatorTyping`): it
 * moves `Conversation.shopperTypingAt` only, bumps no version (the shopper's own poll has nothing new
 * to show) and writes no domain event (nothing is published to webhooks; ADR 142). It expires by
 * itself after SHOPPER_TYPING_TTL_MS.
 */
import { db } from "../../db.server";
import { findConversationForVisitor } from "../../repositories/conversations.server";
import { conversationNotFound } from "../conversations/errors";
import { hashToken, type Visitor } from "../conversations/tokens.server";

/** How long one signal lasts; the widget repeats it every few seconds while the shopper types. */
export const SHOPPER_TYPING_TTL_MS = 6_000;

/** Whether a `shopperTypingAt` still means "typing" at `now`. */
export function shopperIsTyping(at: Date | string | null | undefined, now = Date.now()): boolean {
  return !!at && now - new Date(at).getTime() < SHOPPER_TYPING_TTL_MS;
}

/** Records that the shopper started (or stopped) typing; the one 404 for a visitor without access. */
export async function setShopperTyping(shop: string, id: string, visitor: Visitor, typing: boolean): Promise<void> {
  const conv = await findConversationForVisitor(shop, id, {
    tokenHash: hashToken(visitor.token),
    customerId: visitor.customerId,
  });
  if (!conv) throw conversationNotFound();
  if (conv.state === "closed") return;
  if (!typing && !conv.shopperTypingAt) return;
  // At most one write per half a signal's lifetime, however often a client repeats it.
  if (typing && conv.shopperTypingAt && Date.now() - conv.shopperTypingAt.getTime() < SHOPPER_TYPING_TTL_MS / 2) return;
  await db().conversation.updateMany({
    where: { shop, id },
    data: { shopperTypingAt: typing ? new Date() : null },
  });
}
