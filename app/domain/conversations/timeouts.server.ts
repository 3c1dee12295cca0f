/**
 * Inactivity timeouts, run as a scheduled job every minute:
 * - a chat held by a person whose shopper has been silent for Shop.inactivityAwayMinutes (10)
 *   → `waiting_shopper`;
 * - a chat with the AI or in the queue inactive for Shop.inactivityCloseMinutes (30) → closed
 *   (abandoned).
 */
import { db } from "../../db.server";
import { findConversation } from "../../repositories/conversations.server";
import { registerJobHandler, scheduleRecurring } from "../../jobs/registry.server";
import { visibleChange } from "../versions.server";
import { ConversationChange } from "./engine.server";
import { DomainError } from "./errors";

export const TIMEOUTS_JOB = "conversation.timeouts";
export const TIMEOUTS_EVERY_MS = 60_000;

export interface TimeoutReport {
  away: number;
  closed: number;
}

async function applyTimeout(shop: string, id: string, kind: "away" | "close", cutoff: Date): Promise<boolean> {
  try {
    return await visibleChange(async (tx, bump) => {
      const conv = await findConversation(shop, id, tx);
      if (!conv) return false;
      const change = new ConversationChange(tx, bump, conv);
      if (kind === "away") {
        const lastShopper = Math.max(conv.lastShopperAt?.getTime() ?? 0, conv.assignedAt?.getTime() ?? 0);
        if (conv.state !== "assigned" || lastShopper >= cutoff.getTime()) return false;
        await change.apply({ type: "shopper_inactive", actor: { type: "system" } });
        return true;
      }
      if ((conv.state !== "ai" && conv.state !== "queued") || conv.lastActivityAt >= cutoff) return false;
      await change.apply({ type: "close", actor: { type: "system" }, reason: "abandoned" });
      await change.systemNotice("closed");
      return true;
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === "conflict") return false; // changed meanwhile
    throw error;
  }
}

export async function runTimeouts(now = new Date()): Promise<TimeoutReport> {
  const report: TimeoutReport = { away: 0, closed: 0 };
  const shops = await db().shop.findMany({
    where: { uninstalledAt: null },
    select: { shop: true, inactivityAwayMinutes: true, inactivityCloseMinutes: true },
  });
  for (const s of shops) {
    const awayCutoff = new Date(now.getTime() - s.inactivityAwayMinutes * 60_000);
    const closeCutoff = new Date(now.getTime() - s.inactivityCloseMinutes * 60_000);
    const assigned = await db().conversation.findMany({
      where: {
        shop: s.shop,
        state: "assigned",
        OR: [{ lastShopperAt: null }, { lastShopperAt: { lt: awayCutoff } }],
        assignedAt: { lt: awayCutoff },
      },
      select: { id: true },
      take: 500,
    });
    for (const c of assigned) if (await applyTimeout(s.shop, c.id, "away", awayCutoff)) report.away++;
    const idle = await db().conversation.findMany({
      where: { shop: s.shop, state: { in: ["ai", "queued"] }, lastActivityAt: { lt: closeCutoff } },
      select: { id: true },
      take: 500,
    });
    for (const c of idle) if (await applyTimeout(s.shop, c.id, "close", closeCutoff)) report.closed++;
  }
  return report;
}

export function registerTimeoutJobs(): void {
  registerJobHandler(TIMEOUTS_JOB, async () => {
    await runTimeouts();
  });
  scheduleRecurring(TIMEOUTS_JOB, TIMEOUTS_EVERY_MS);
}
