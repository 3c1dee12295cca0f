/**
 * Running claimed jobs for a worker (app/jobs/worker.server.ts): one job through its handler with a
 * lease heartbeat and the failure recorded, or a group of jobs of one type through its batch handler.
 */
import type { Logger } from "pino";
import type { Db } from "../db.server";
import { completeJob, extendLease, failJob } from "./leases.server";
import type { JobRow } from "./queue.server";
import { PermanentJobError, getJobHandler } from "./registry.server";

export interface JobRunner {
  /** The worker's name, which holds the leases. */
  name: string;
  db: Db;
  leaseMs: number;
  log: Logger;
}

/** Runs one claimed job: renews its lease a third of the way through, then completes or fails it. */
export async function runJob(runner: JobRunner, job: JobRow, abort: AbortController): Promise<void> {
  const { name, db: client, leaseMs, log } = runner;
  const spec = getJobHandler(job.type);
  const jobLog = log.child({ jobId: job.id, jobType: job.type, shop: job.shop ?? undefined, attempt: job.attempts });
  if (!spec) return; // claimed only for registered types
  if (job.attempts > job.maxAttempts) {
    // The final attempt's worker died: do not start another one.
    await failJob(job, name, new Error("lease expired on the final attempt"), { permanent: true }, client);
    jobLog.warn("job dead-lettered: lease expired on the final attempt");
    return;
  }
  const heartbeat = setInterval(
    () => {
      extendLease(job.id, name, leaseMs, client).catch((error: unknown) =>
        jobLog.warn({ err: error }, "lease renewal failed"),
      );
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  const started = Date.now();
  try {
    let payload: unknown = JSON.parse(job.payload);
    if (spec.schema) {
      const parsed = spec.schema.safeParse(payload);
      if (!parsed.success) throw new PermanentJobError(`invalid payload: ${parsed.error.issues[0]?.message ?? ""}`);
      payload = parsed.data;
    }
    await spec.handler(
      { ...job, payload },
      {
        db: client,
        workerName: name,
        attempt: job.attempts,
        signal: abort.signal,
        logger: jobLog,
      },
    );
    clearInterval(heartbeat);
    const held = await completeJob(job, name, client);
    if (!held) jobLog.warn("job finished after its lease was lost");
    jobLog.debug({ ms: Date.now() - started }, "job done");
  } catch (error) {
    clearInterval(heartbeat);
    const status = await failJob(
      job,
      name,
      error,
      { permanent: error instanceof PermanentJobError, ...spec.backoff },
      client,
    ).catch((failError: unknown) => {
      jobLog.warn({ err: failError }, "could not record job failure");
      return null;
    });
    const level = status === "dead" ? "error" : "warn";
    jobLog[level]({ err: { name: (error as Error)?.name }, status }, "job failed");
  } finally {
    clearInterval(heartbeat);
  }
}

/** Runs claimed jobs through their batch handlers; returns the jobs left for the normal handler. */
export async function runBatch(runner: JobRunner, jobs: JobRow[]): Promise<JobRow[]> {
  const { name, db: client, log } = runner;
  const left: JobRow[] = [];
  const byType = new Map<string, JobRow[]>();
  for (const job of jobs) {
    // The final attempt's worker died: runJob dead-letters it.
    if (job.attempts > job.maxAttempts) left.push(job);
    else byType.set(job.type, [...(byType.get(job.type) ?? []), job]);
  }
  for (const [type, group] of byType) {
    const batch = getJobHandler(type)?.batch;
    if (!batch) {
      left.push(...group);
      continue;
    }
    try {
      const { fallback } = await batch(group, { db: client, workerName: name, logger: log });
      const ids = new Set(fallback);
      left.push(...group.filter((job) => ids.has(job.id)));
    } catch (error) {
      // Nothing of the batch was committed: every job runs through the normal handler.
      log.warn({ err: error, jobType: type, jobs: group.length }, "batch handler failed; running its jobs one by one");
      left.push(...group);
    }
  }
  return left;
}
