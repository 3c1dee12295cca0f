/**
 * The transactional outbox (ADR 021). Jobs live in the `Job` table of the app database, so a domain
 * write and the job that follows it commit (or roll back) together.
 *
 * Life of a job: `pending` → claimed with a lease (`running`, `lockedBy`, `lockedUntil`) → `done`;
 * or on failure back to `pending` with an exponential, jittered `runAt`; after `maxAttempts` it is
 * `dead` (kept for inspection and manual retry). A lease that expires (the worker crashed or hung)
 * makes the job claimable again: handlers must be idempotent.
 *
 * This module is the enqueue side; claiming and finishing jobs is app/jobs/leases.server.ts, the
 * retry delays app/jobs/backoff.ts, inspection and purging app/jobs/maintenance.server.ts.
 *
 * Dates: raw queries pass `Date` parameters, which Prisma writes exactly as it writes model
 * fields (SQLite: ISO-8601 text `…+00:00`; PostgreSQL: `timestamp(3)` in UTC), so comparisons agree.
 */
import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import { db, dialectOf, type Tx } from "../db.server";
import { sqlOf, type Sql } from "../db/sql.server";

export const JOB_CHANNEL = "tandem_jobs";
export const DEFAULT_MAX_ATTEMPTS = 8;

export type JobStatus = "pending" | "running" | "done" | "dead";

export interface JobRow {
  id: string;
  shop: string | null;
  type: string;
  payload: string;
  status: JobStatus;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  dedupeKey: string | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface EnqueueOptions {
  /** The tenant the job belongs to (null for app-wide work such as sweeps). */
  shop?: string | null;
  /** Earliest time to run (default: now). */
  runAt?: Date;
  /** At most one job per key, ever: a second enqueue with the same key is a no-op. */
  dedupeKey?: string;
  maxAttempts?: number;
}

export interface EnqueueResult {
  id: string;
  /** false when a job with the same dedupeKey already existed. */
  created: boolean;
}

export { dialectOf, type Dialect } from "../db.server";

// ---------------------------------------------------------------------------------------------
// Wake-up signal: an enqueue by a Remix route or the widget API wakes the inline worker, all of which
// import this one module instance (ADR 210).

export interface EnqueuedSignal {
  type: string;
  runAt: number;
}

const bus = new EventEmitter().setMaxListeners(0);

export function jobBus(): EventEmitter {
  return bus;
}

// ---------------------------------------------------------------------------------------------

/** The row `enqueue` inserts for a job with a dedupe key (one row per key, ever). */
export interface DedupedJobRow {
  id: string;
  shop: string | null;
  type: string;
  payload: string;
  runAt: Date;
  maxAttempts: number;
  dedupeKey: string;
  createdAt: Date;
}

/** `$1…$8` = `dedupedJobArgs(row)`; inserts nothing when the dedupe key exists. */
export const DEDUPED_JOB_INSERT = `INSERT INTO "Job" ("id", "shop", "type", "payload", "status", "runAt", "attempts", "maxAttempts", "dedupeKey", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, 'pending', $5, 0, $6, $7, $8, $8)
         ON CONFLICT ("dedupeKey") DO NOTHING`;

/** Builds the row of a job with a dedupe key, exactly as `enqueue` writes it. */
export function dedupedJobRow(
  type: string,
  payload: unknown,
  options: EnqueueOptions & { dedupeKey: string },
  now = new Date(),
): DedupedJobRow {
  return {
    id: randomUUID(),
    shop: options.shop ?? null,
    type,
    payload: JSON.stringify(payload ?? {}),
    runAt: options.runAt ?? now,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    dedupeKey: options.dedupeKey,
    createdAt: now,
  };
}

/** The arguments of DEDUPED_JOB_INSERT, in order. */
export function dedupedJobArgs(row: DedupedJobRow): unknown[] {
  return [row.id, row.shop, row.type, row.payload, row.runAt, row.maxAttempts, row.dedupeKey, row.createdAt];
}

/** Wakes in-process workers for a job committed outside `enqueue` (call after the commit). */
export function signalEnqueued(type: string, runAt: Date): void {
  jobBus().emit("enqueued", { type, runAt: runAt.getTime() } satisfies EnqueuedSignal);
}

/**
 * Adds a job inside the caller's transaction (pass the transaction client). Wakes in-process
 * workers at once and, on PostgreSQL, other instances through NOTIFY (delivered at commit, so
 * nothing wakes for a rolled-back job).
 */
export async function enqueue(
  tx: Tx,
  type: string,
  payload: unknown = {},
  options: EnqueueOptions = {},
): Promise<EnqueueResult> {
  const now = new Date();
  const runAt = options.runAt ?? now;
  const data = JSON.stringify(payload ?? {});
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const dialect = dialectOf(tx);
  let result: EnqueueResult;
  if (options.dedupeKey) {
    // Woken at once (before the commit, as the worker chases an uncommitted job anyway).
    const q = sqlOf(tx, { fresh: true });
    const created = await enqueueSql(q, type, payload, { ...options, dedupeKey: options.dedupeKey }, now);
    q.commit();
    if (created) return created;
    const existing = await tx.job.findUnique({ where: { dedupeKey: options.dedupeKey }, select: { id: true } });
    return { id: existing?.id ?? "", created: false };
  } else {
    const job = await tx.job.create({
      data: { shop: options.shop ?? null, type, payload: data, runAt, maxAttempts },
      select: { id: true },
    });
    result = { id: job.id, created: true };
  }
  const signal: EnqueuedSignal = { type, runAt: runAt.getTime() };
  if (dialect === "postgresql") {
    await tx.$executeRawUnsafe(`SELECT pg_notify('${JOB_CHANNEL}', $1)`, JSON.stringify(signal));
  }
  jobBus().emit("enqueued", signal);
  return result;
}

/**
 * Enqueues a job with a dedupe key on the write path's executor: the row, the PostgreSQL NOTIFY
 * (delivered at commit) and, after the commit, the in-process wake-up. null when the key existed.
 */
export async function enqueueSql(
  q: Sql,
  type: string,
  payload: unknown,
  options: EnqueueOptions & { dedupeKey: string },
  now = new Date(),
): Promise<EnqueueResult | null> {
  const row = dedupedJobRow(type, payload, options, now);
  const inserted = await q.run(DEDUPED_JOB_INSERT, ...dedupedJobArgs(row));
  if (inserted === 0) return null;
  const signal: EnqueuedSignal = { type, runAt: row.runAt.getTime() };
  await q.notify(JOB_CHANNEL, JSON.stringify(signal));
  q.afterCommit(() => jobBus().emit("enqueued", signal));
  return { id: row.id, created: true };
}

/** Puts a dead job back in the queue with a fresh set of attempts. */
export async function retryDeadJob(id: string, client: Tx = db()): Promise<boolean> {
  const { count } = await client.job.updateMany({
    where: { id, status: "dead" },
    data: { status: "pending", attempts: 0, runAt: new Date(), lastError: null, completedAt: null },
  });
  if (count === 1) jobBus().emit("enqueued", { type: "", runAt: Date.now() } satisfies EnqueuedSignal);
  return count === 1;
}
