/** Inspecting the outbox (how far behind the workers are) and deleting finished jobs. */
import { db, type Tx } from "../db.server";
import { registerJobHandler, scheduleRecurring } from "./registry.server";

/** Finished jobs are kept a week (dead ones a month) for inspection, then deleted. */
export function registerMaintenanceJobs(): void {
  registerJobHandler("jobs.purge", async (_job, ctx) => {
    const removed = await purgeFinishedJobs({}, ctx.db);
    if (removed > 0) ctx.logger.info({ removed }, "finished jobs purged");
  });
  scheduleRecurring("jobs.purge", 60 * 60_000);
}

export interface QueueHealth {
  /** Seconds the oldest due job has waited (0 when nothing is due). */
  lagSeconds: number;
  due: number;
  dead: number;
}

/** How far behind the workers are: the age of the oldest job that is due and not being run. */
export async function queueHealth(client: Tx = db(), now = new Date()): Promise<QueueHealth> {
  const dueWhere = {
    OR: [
      { status: "pending", runAt: { lte: now } },
      { status: "running", lockedUntil: { lt: now } },
    ],
  };
  const [oldest, due, dead] = await Promise.all([
    client.job.findFirst({ where: dueWhere, orderBy: { runAt: "asc" }, select: { runAt: true } }),
    client.job.count({ where: dueWhere }),
    client.job.count({ where: { status: "dead" } }),
  ]);
  const lagSeconds = oldest ? Math.max(0, (now.getTime() - oldest.runAt.getTime()) / 1000) : 0;
  return { lagSeconds, due, dead };
}

/** Deletes finished jobs older than the given ages (done after `doneMs`, dead after `deadMs`). */
export async function purgeFinishedJobs(
  { doneMs = 7 * 86_400_000, deadMs = 30 * 86_400_000 }: { doneMs?: number; deadMs?: number } = {},
  client: Tx = db(),
): Promise<number> {
  const now = Date.now();
  const { count } = await client.job.deleteMany({
    where: {
      OR: [
        { status: "done", completedAt: { lt: new Date(now - doneMs) } },
        { status: "dead", completedAt: { lt: new Date(now - deadMs) } },
      ],
    },
  });
  return count;
}
