/**
 * Routing: the online operator with the fewest open chats under their capacity gets the next
 * queued chat (auto mode); in manual mode chats wait in the queue until someone claims them.
 */
import type { Tx } from "../../db.server";
import { countOpenChatsByOperator } from "../../repositories/conversations.server";
import { onlineOperatorsWhere } from "../operators.server";

export interface Candidate {
  id: string;
  name: string;
  capacity: number;
  open: number;
}

/** Pure: picks the least-loaded candidate with room; ties go to the earliest in the list. */
export function chooseOperator(candidates: Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (c.open >= c.capacity) continue;
    if (!best || c.open < best.open) best = c;
  }
  return best;
}

export async function pickOperator(shop: string, tx: Tx, now = new Date()): Promise<Candidate | null> {
  const operators = await tx.operator.findMany({
    where: onlineOperatorsWhere(shop, now),
    select: { id: true, name: true, capacity: true },
    orderBy: [{ lastSeenAt: "asc" }, { id: "asc" }],
  });
  if (operators.length === 0) return null;
  const open = await countOpenChatsByOperator(shop, tx);
  return chooseOperator(operators.map((o) => ({ ...o, open: open.get(o.id) ?? 0 })));
}
