/**
 * A deactivated operator's open chats go back to the queue (ADR 174): each one is handed back
 * (return_to_ai) and escalated again in the same transaction, through the conversation state
 * machine, keeping the time it first joined the queue so it keeps its place. The shopper sees the
 * "connecting you with a person" notice; the escalation appends the change feed's `conversation.escalated` event (the store does, as for
 * every state change).
 */
import type { Tx } from "../../db.server";
import type { Bump } from "../versions.server";
import { ConversationChange } from "../conversations/engine.server";

export const REQUEUE_REASON = "operator_deactivated";

/** Requeues every chat `operatorId` holds; returns their ids. Call inside visibleChange. */
export async function requeueChatsOf(
  tx: Tx,
  bump: Bump,
  shop: string,
  operatorId: string,
  actorId: string,
  now: Date = new Date(),
): Promise<string[]> {
  const held = await tx.conversation.findMany({
    where: { shop, assigneeId: operatorId, state: { in: ["assigned", "waiting_shopper"] } },
    orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
  });
  const actor = { type: "operator" as const, id: actorId };
  for (const conv of held) {
    const change = new ConversationChange(tx, bump, conv);
    await change.apply({ type: "return_to_ai", actor }, {}, { reason: REQUEUE_REASON });
    await change.apply(
      { type: "escalate", actor },
      { queuedAt: conv.queuedAt ?? now, offline: false },
      { reason: REQUEUE_REASON },
    );
    await change.systemNotice("queued");
  }
  return held.map((c) => c.id);
}
