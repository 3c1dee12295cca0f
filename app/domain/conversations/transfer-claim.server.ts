/** How an answer to a TransferRequest is recorded (ADR 220): one guarded claim for every kind of answer. */
import type { TransferRequest } from "../../generated/prisma/client";
import type { Tx } from "../../db.server";
import { domainError } from "./errors";

export type TransferOutcome = "accepted" | "declined" | "timed_out" | "cancelled";
export type Answer = { outcome: TransferOutcome };

/** Marks the request answered; false when another answer got there first. */
export async function claim(tx: Tx, req: TransferRequest, status: TransferOutcome, now: Date): Promise<boolean> {
  const done = await tx.transferRequest.updateMany({
    where: { id: req.id, shop: req.shop, status: "pending" },
    data: { status, pendingKey: null, resolvedAt: now },
  });
  return done.count === 1;
}

export const answered = () =>
  domainError("conflict", "errors.transfer.answered", undefined, { details: { reason: "answered" } });
