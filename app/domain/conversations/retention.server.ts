/**
 * Retention (PRODUCT.md B9): closed conversations older than the shop's `retentionDays` (default
 * 365) are deleted with their messages, internal notes and events (cascades), in batches, by an
 * hourly scheduled job. Tickets keep the transcript snapshot they were created with. Each purge is
 * written to the audit log as a count (no content).
 */
import { db } from "../../db.server";
import { registerJobHandler, scheduleRecurring } from "../../jobs/registry.server";
import { logger } from "../../logger.server";
import { writeAudit } from "../../repositories/audit.server";
import { forgetConversations } from "../versions.server";

export const RETENTION_JOB = "conversation.retention";
export const RETENTION_EVERY_MS = 60 * 60_000;
const BATCH = 500;
const DAY_MS = 24 * 60 * 60_000;

export interface RetentionReport {
  deleted: number;
  shops: number;
}

/** Deletes the closed conversations past each shop's retention period. Idempotent. */
export async function runRetention(now = new Date()): Promise<RetentionReport> {
  const report: RetentionReport = { deleted: 0, shops: 0 };
  const shops = await db().shop.findMany({ select: { shop: true, retentionDays: true } });
  for (const { shop, retentionDays } of shops) {
    const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
    let deletedHere = 0;
    for (;;) {
      const batch = await db().conversation.findMany({
        where: { shop, state: "closed", closedAt: { lt: cutoff } },
        select: { id: true },
        take: BATCH,
      });
      if (batch.length === 0) break;
      const ids = batch.map((c) => c.id);
      const { count } = await db().conversation.deleteMany({
        where: { shop, id: { in: ids }, state: "closed", closedAt: { lt: cutoff } },
      });
      forgetConversations(ids);
      deletedHere += count;
      if (batch.length < BATCH) break;
    }
    if (deletedHere > 0) {
      report.shops++;
      report.deleted += deletedHere;
      await writeAudit(shop, {
        actorType: "system",
        action: "retention.purged",
        targetType: "conversation",
        data: { deleted: deletedHere, retentionDays },
      });
      logger.info({ shop, deleted: deletedHere, retentionDays }, "retention purge");
    }
  }
  return report;
}

export function registerRetentionJob(): void {
  registerJobHandler(RETENTION_JOB, async () => {
    await runRetention();
  });
  scheduleRecurring(RETENTION_JOB, RETENTION_EVERY_MS);
}
