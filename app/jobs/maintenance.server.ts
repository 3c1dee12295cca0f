import { purgeFinishedJobs } from "./queue.server";
import { registerJobHandler, scheduleRecurring } from "./registry.server";

/** Finished jobs are kept a week (dead ones a month) for inspection, then deleted. */
export function registerMaintenanceJobs(): void {
  registerJobHandler("jobs.purge", async (_job, ctx) => {
    const removed = await purgeFinishedJobs({}, ctx.db);
    if (removed > 0) ctx.logger.info({ removed }, "finished jobs purged");
  });
  scheduleRecurring("jobs.purge", 60 * 60_000);
}
