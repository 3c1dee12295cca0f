/**
 * The job worker loop. Runs inline in the web process (TANDEM_WORKER=inline) or alone
 * (`npm run worker`); any number of workers may run against one database.
 *
 * - claims up to `concurrency` due jobs of the types registered in this process, with a lease;
 * - renews the lease while a handler runs (a third of the lease), so only crashed or hung workers
 *   lose their jobs;
 * - wakes at once on an in-process enqueue (the queue module's EventEmitter) and, on PostgreSQL, on
 *   NOTIFY from other instances; otherwise polls every `pollMs`;
 * - schedules the next slot of every recurring job.
 */
import { hostname } from "node:os";
import { subscribe } from "../db/listen.server";
import { db as defaultDb, type Db } from "../db.server";
import { env } from "../env.server";
import { logger as rootLogger } from "../logger.server";
import { reportDbFailure } from "../db/health.server";

/** How long the worker waits before it claims again while the database cannot take writes. */
const STORAGE_RETRY_MS = 2_000;
import { JOB_CHANNEL, dialectOf, enqueue, jobBus, type EnqueuedSignal, type JobRow } from "./queue.server";
import { claimJobs } from "./leases.server";
import { getJobHandler, handledJobTypes, recurringJobs } from "./registry.server";
import { runBatch, runJob, type JobRunner } from "./run-job.server";

export interface WorkerOptions {
  name: string;
  /** Jobs run at once by this worker (default 4). */
  concurrency?: number;
  /**
   * For the inline worker: true while the web process is busy serving requests. The worker then
   * runs one job at a time and pauses `yieldMs` before each claim, so background work (AI replies)
   * lags during a burst instead of delaying shoppers' requests on the shared event loop.
   */
  busy?: () => boolean;
  /** Pause before a claim while busy() (default 20 ms). */
  yieldMs?: number;
  /**
   * busy() is ignored while the jobs this worker claims were due longer ago than this (default
   * 2000 ms): under sustained load the backlog then drains at full speed instead of growing (ADR 191).
   */
  maxYieldLagMs?: number;
  /**
   * Jobs claimed at once for a type with a batch handler (SQLite only; default 32, and 8 while
   * busy()). A batch runs in one synchronous transaction, so this bounds how long it holds the
   * event loop.
   */
  batchSize?: number;
  /** Longest sleep between polls when nothing wakes the worker (default 1000 ms). */
  pollMs?: number;
  /** Lease per claim (default 30 s), renewed every third while the handler runs. */
  leaseMs?: number;
  /** How long stop() waits for running handlers before aborting them (default 10 s). */
  graceMs?: number;
  /**
   * The database. Default: the app's db(). On SQLite that is the process's single connection, whose
   * plain queries wait for an open interactive transaction (see app/db.server.ts): a second
   * connection in the same process would block the event loop in SQLite's busy handler while the
   * first holds the write lock.
   */
  db?: Db;
  /** PostgreSQL URL for LISTEN/NOTIFY (default: DATABASE_URL when the database is PostgreSQL). */
  listenUrl?: string;
}

export interface Worker {
  readonly name: string;
  stop(): Promise<void>;
}

/** After an in-process enqueue the job may still be inside an uncommitted transaction: look again. */
const CHASE_MS = [5, 15, 40, 100, 250, 500];

export function startWorker(options: WorkerOptions): Worker {
  const name = options.name || `worker-${hostname()}-${process.pid}`;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pollMs = options.pollMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 30_000;
  const graceMs = options.graceMs ?? 10_000;
  const client = options.db ?? defaultDb();
  const dialect = dialectOf(client);
  const log = rootLogger.child({ worker: name });
  const runner: JobRunner = { name, db: client, leaseMs, log };
  const batchSize = Math.max(1, options.batchSize ?? 32);
  const busyBatchSize = Math.max(1, Math.min(batchSize, 8));
  /** true after a batch in which nothing could be finished in the batch (claim only what can run). */
  let batchFellBack = false;
  const maxYieldLagMs = options.maxYieldLagMs ?? 2_000;
  /**
   * true from a claim of jobs that had waited longer than maxYieldLagMs until a claim comes back
   * short of its limit (nothing more is due): busy() is not obeyed meanwhile. Without the second
   * half, the claim after a full batch finds younger jobs, obeys busy() again and yields, and under
   * steady load the backlog grew by the difference (ADR 239).
   */
  let behind = false;
  const noteLag = (jobs: JobRow[], now: number, limit: number) => {
    if (jobs.length === 0) return;
    const oldest = Math.min(...jobs.map((job) => job.runAt.getTime()));
    behind = now - oldest > maxYieldLagMs || (behind && jobs.length >= limit);
  };

  let stopping = false;
  const running = new Map<string, { done: Promise<void>; abort: AbortController }>();
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let chase = CHASE_MS.length;
  let nextKnownRunAt = Number.POSITIVE_INFINITY;
  const scheduledSlots = new Map<string, number>();

  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const onEnqueued = (signal: EnqueuedSignal) => {
    if (signal.runAt <= Date.now() + 5) {
      chase = 0;
      wake();
    } else if (signal.runAt < nextKnownRunAt) {
      nextKnownRunAt = signal.runAt;
      wake();
    }
  };
  jobBus().on("enqueued", onEnqueued);

  const listener = startListener(options, client, onEnqueued, log);

  async function scheduleRecurringSlots(now: number): Promise<void> {
    for (const spec of recurringJobs()) {
      if (!getJobHandler(spec.type)) continue;
      const slot = Math.ceil((now + 1) / spec.everyMs) * spec.everyMs;
      if (scheduledSlots.get(spec.type) !== slot) {
        await enqueue(client, spec.type, spec.payload, {
          runAt: new Date(slot),
          dedupeKey: `recurring:${spec.type}:${slot}`,
        });
        scheduledSlots.set(spec.type, slot);
      }
      nextKnownRunAt = Math.min(nextKnownRunAt, slot);
    }
  }

  function start(job: JobRow): void {
    const abort = new AbortController();
    const done = runJob(runner, job, abort).finally(() => {
      running.delete(job.id);
      wake();
    });
    running.set(job.id, { done, abort });
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      woken = false;
      const now = Date.now();
      if (nextKnownRunAt <= now) nextKnownRunAt = Number.POSITIVE_INFINITY;
      let claimed = 0;
      const busy = !behind && (options.busy?.() ?? false);
      if (busy && running.size === 0) await sleep(options.yieldMs ?? 20);
      if (stopping) break;
      let free = (busy ? 1 : concurrency) - running.size;
      let fullBatch = false;
      try {
        await scheduleRecurringSlots(now);
        const types = handledJobTypes();
        const batchTypes = dialect === "sqlite" ? types.filter((t) => getJobHandler(t)?.batch) : [];
        if (free > 0 && batchTypes.length > 0) {
          const limit = batchFellBack ? free : busy ? busyBatchSize : batchSize;
          const jobs = await claimJobs({ worker: name, limit, leaseMs, types: batchTypes }, client);
          noteLag(jobs, now, limit);
          if (jobs.length > 0) {
            claimed += jobs.length;
            const left = await runBatch(runner, jobs);
            batchFellBack = left.length === jobs.length;
            for (const job of left) start(job);
            free -= left.length;
            fullBatch = jobs.length === limit;
          }
        }
        const otherTypes = types.filter((t) => !batchTypes.includes(t));
        if (free > 0 && otherTypes.length > 0) {
          const jobs = await claimJobs({ worker: name, limit: free, leaseMs, types: otherTypes }, client);
          noteLag(jobs, now, free);
          claimed += jobs.length;
          for (const job of jobs) start(job);
          free -= jobs.length;
        }
      } catch (error) {
        if (stopping) break;
        // A database that cannot take writes is logged once a minute (health module), not per try.
        if (reportDbFailure(error, "job claim")) await sleep(STORAGE_RETRY_MS);
        else {
          log.warn({ err: error }, "job claim failed; retrying");
          await sleep(Math.min(pollMs, 500));
        }
        continue;
      }
      if (claimed === 0) behind = false;
      if (stopping) break;
      if (claimed > 0 && (free > 0 || fullBatch)) {
        // There may be more due jobs. On SQLite a claim and a batch can settle in microtasks alone
        // (the driver is synchronous): let the event loop read requests before the next claim.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      if (woken) continue;
      let delay = pollMs;
      if (claimed === 0 && chase < CHASE_MS.length) delay = CHASE_MS[chase++] ?? pollMs;
      if (Number.isFinite(nextKnownRunAt)) delay = Math.min(delay, Math.max(0, nextKnownRunAt - Date.now()));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
        if (woken) wakeUp();
      });
      wakeUp = undefined;
    }
  }

  const loopDone = loop();
  log.info({ concurrency, pollMs, leaseMs }, "worker started");

  let stopped: Promise<void> | undefined;
  return {
    name,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        jobBus().off("enqueued", onEnqueued);
        wake();
        await loopDone;
        const inFlight = [...running.values()];
        const settled = Promise.allSettled(inFlight.map((r) => r.done));
        const timedOut = await Promise.race([settled.then(() => false), sleep(graceMs).then(() => true)]);
        if (timedOut) {
          // Their leases expire and another worker runs them again.
          for (const r of inFlight) r.abort.abort();
          log.warn({ running: running.size }, "worker stopped with jobs still running");
        }
        await listener.close();

        log.info("worker stopped");
      })();
      return stopped;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Listener {
  close(): Promise<void>;
}

/** PostgreSQL: the jobs channel on the process's one LISTEN connection. No-op on SQLite. */
function startListener(
  options: WorkerOptions,
  client: Db,
  onSignal: (signal: EnqueuedSignal) => void,
  _log: typeof rootLogger,
): Listener {
  if (dialectOf(client) !== "postgresql") return { close: async () => undefined };
  const unsubscribe = subscribe(options.listenUrl ?? env().DATABASE_URL, {
    channel: JOB_CHANNEL,
    onNotify(payload) {
      try {
        onSignal(JSON.parse(payload || "{}") as EnqueuedSignal);
      } catch {
        onSignal({ type: "", runAt: Date.now() });
      }
    },
    // Enqueues announced while disconnected were missed: look now.
    onConnect: () => onSignal({ type: "", runAt: Date.now() }),
  });
  return { close: async () => unsubscribe() };
}
