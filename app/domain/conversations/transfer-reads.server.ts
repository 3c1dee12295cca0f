/**
 * Reads of transfers waiting for an answer (ADR 220): whether a request still applies to its chat,
 * the conversation page's pending transfer and the chats awaiting an operator's answer. The writes
 * are in transfers.server.ts.
 */
import type { Conversation, TransferRequest } from "../../generated/prisma/client";
import type { Tx } from "../../db.server";
import { db } from "../../db.server";

export interface PendingTransferView {
  id: string;
  fromOperatorId: string;
  fromName: string;
  toOperatorId: string;
  toName: string;
  expiresAt: string;
}

/** Still applicable: the chat is with a person and the same holder as when it was asked. */
export function applies(
  req: Pick<TransferRequest, "holderId">,
  conv: Pick<Conversation, "state" | "assigneeId"> | null,
) {
  return !!conv && (conv.state === "assigned" || conv.state === "waiting_shopper") && conv.assigneeId === req.holderId;
}

export async function names(client: Tx, shop: string, ids: string[]): Promise<Map<string, string>> {
  const rows = await client.operator.findMany({ where: { shop, id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The chat's pending transfer, if it still applies (the conversation page shows it). */
export async function pendingTransfer(shop: string, conv: Conversation, client: Tx = db()) {
  const req = await client.transferRequest.findFirst({ where: { shop, pendingKey: conv.id } });
  if (!req || !applies(req, conv)) return null;
  const byId = await names(client, shop, [req.fromOperatorId, req.toOperatorId]);
  return {
    id: req.id,
    fromOperatorId: req.fromOperatorId,
    fromName: byId.get(req.fromOperatorId) ?? "A colleague",
    toOperatorId: req.toOperatorId,
    toName: byId.get(req.toOperatorId) ?? "a colleague",
    expiresAt: req.expiresAt.toISOString(),
  } satisfies PendingTransferView;
}

/** The ids of the chats whose transfer waits for `operatorId` (the notifications page offers Accept/Decline). */
export async function chatsAwaitingAnswerFrom(shop: string, operatorId: string, client: Tx = db()): Promise<string[]> {
  const rows = await client.transferRequest.findMany({
    where: { shop, toOperatorId: operatorId, status: "pending" },
    select: { conversationId: true, holderId: true },
    take: 200,
  });
  const convs = await client.conversation.findMany({
    where: { shop, id: { in: rows.map((r) => r.conversationId) } },
    select: { id: true, state: true, assigneeId: true },
  });
  const byId = new Map(convs.map((c) => [c.id, c]));
  return rows.filter((r) => applies(r, byId.get(r.conversationId) ?? null)).map((r) => r.conversationId);
}
