/**
 * Retention (PRODUCT.md B9, ADRs 072 and 094): an hourly scheduled job deletes, per shop,
 * - closed conversations older than the shop's `retentionDays` (default 365) with their messages,
 *   internal notes and events (cascades), in batches; tickets keep the transcript snapshot they
 *   were created with;
 * - unanswered-question entries last asked before the same cutoff (they hold shoppers' words);
 * - customer data exports (customers/data_request) older than DATA_EXPORT_DAYS, or the shop's
 *   retention when that is shorter: the merchant has 30 days to send one to the customer.
 * Each purge is written to the audit log as counts (no content).
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
/** How long a customer data export is kept (Shopify gives the merchant 30 days to answer a request). */
export const DATA_EXPORT_DAYS = 30;

export interface RetentionReport {
  /** Conversations deleted. */
  deleted: number;
  unansweredQuestions: number;
  dataRequests: number;
  /** Shops where anything was deleted. */
  shops: number;
}

/** Deletes what is past each shop's retention period. Idempotent. */
export async function runRetention(now = new Date()): Promise<RetentionReport> {
  const report: RetentionReport = { deleted: 0, unansweredQuestions: 0, dataRequests: 0, shops: 0 };
  const shops = await db().shop.findMany({ select: { shop: true, retentionDays: true } });
  for (const { shop, retentionDays } of shops) {
    const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
    const exportCutoff = new Date(now.getTime() - Math.min(retentionDays, DATA_EXPORT_DAYS) * DAY_MS);
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
      await db().domainEvent.deleteMany({ where: { shop, conversationId: { in: ids } } });
      await db().workflowAnswer.deleteMany({ where: { shop, conversationId: { in: ids } } });
      forgetConversations(ids);
      deletedHere += count;
      if (batch.length < BATCH) break;
    }
    const { count: unansweredQuestions } = await db().unansweredQuestion.deleteMany({
      where: { shop, lastAskedAt: { lt: cutoff } },
    });
    const { count: dataRequests } = await db().dataRequest.deleteMany({
      where: { shop, createdAt: { lt: exportCutoff } },
    });
    if (deletedHere + unansweredQuestions + dataRequests > 0) {
      report.shops++;
      report.deleted += deletedHere;
      report.unansweredQuestions += unansweredQuestions;
      report.dataRequests += dataRequests;
      const counts = { deleted: deletedHere, unansweredQuestions, dataRequests, retentionDays };
      await writeAudit(shop, {
        actorType: "system",
        action: "retention.purged",
        targetType: "conversation",
        data: counts,
      });
      logger.info({ shop, ...counts }, "retention purge");
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
