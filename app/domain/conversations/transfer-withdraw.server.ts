/** Withdrawing a waiting transfer (ADR 237). */
import { appendEvent } from "../events.server";
import { notify } from "../notifications.server";
import { can } from "../permissions";
import { visibleChange } from "../versions.server";
import { domainError } from "./errors";
import type { OperatorRef } from "./operator.server";
import { answered, claim, type Answer } from "./transfer-claim.server";

/**
 * The sender withdraws a transfer still waiting (or someone allowed to handle others' chats does):
 * nothing changes for the shopper or the holder; the receiver's request is closed and they are told.
 */
export async function cancelTransfer(shop: string, conversationId: string, me: OperatorRef): Promise<Answer> {
  return visibleChange(async (tx): Promise<Answer> => {
    const req = await tx.transferRequest.findFirst({ where: { shop, pendingKey: conversationId } });
    if (!req) throw domainError("not_found", "errors.transfer.noneWaiting");
    if (req.fromOperatorId !== me.id && !can(me.role ?? "operator", "conversations.manage_others"))
      throw domainError("forbidden", "errors.transfer.onlyRequester");
    if (!(await claim(tx, req, "cancelled", new Date()))) throw answered();
    await appendEvent(tx, {
      shop,
      type: "conversation.transfer_cancelled",
      conversationId,
      data: { conversationId, requestId: req.id, toOperatorId: req.toOperatorId, cancelledBy: me.id },
    });
    await notify(tx, shop, {
      type: "transfer_cancelled",
      operatorId: req.toOperatorId,
      title: "notifications.messages.transferWithdrawn",
      vars: { name: me.name },
      link: `/app/conversations/${conversationId}`,
    });
    return { outcome: "cancelled" };
  });
}
