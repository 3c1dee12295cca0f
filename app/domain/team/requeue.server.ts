/**
 * Sending a chat back to the queue (ADR 174, ADR 220): it is handed back (return_to_ai) and escalated
 * again in the same transaction, through the conversation state machine, keeping the time it first
 * joined the queue so it keeps its place. The shopper sees the "connecting you with a person"
 * notice; the escalation appends the change feed's `conversation.escalated` event (the store does,
 * as for every state change). Used when an operator is deactivated (their open chats) and when a
 * transfer is declined or not answered in time.
 */
import type { Tx } from "../../db.server";
import type { Bump } from "../versions.server";
import { ConversationChange } from "../conversations/engine.server";
import type { Actor } from "../conversations/state-machine";

export const REQUEUE_REASON = "operator_deactivated";

/** Requeues the change's chat (held by a person) with `reason` recorded on both transitions. */
export async function requeueChat(change: ConversationChange, actor: Actor, reason: string, now: Date = new Date()) {
  const queuedAt = change.conv.queuedAt ?? now;
  await change.apply({ type: "return_to_ai", actor }, {}, { reason });
  await change.apply({ type: "escalate", actor }, { queuedAt, offline: false }, { reason });
  await change.systemNotice("queued");
}

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
  for (const conv of held) await requeueChat(new ConversationChange(tx, bump, conv), actor, REQUEUE_REASON, now);
  return held.map((c) => c.id);
}
