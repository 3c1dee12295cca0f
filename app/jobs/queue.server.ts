/**
 * The transactional outbox (ADR 021). Jobs live in the `Job` table of the app database, so a domain
 * write and the job that follows it commit (or roll back) together.
 *
 * Life of a job: `pending` → claimed with a lease (`running`, `lockedBy`, `lockedUntil`) → `done`;
 * or on failure back to `pending` with an exponential, jittered `runAt`; after `maxAttempts` it is
 * `dead` (kept for inspection and manual retry). A lease that expires (the worker crashed or hung)
 * makes the job claimable again: handlers must be idempotent.
 *
 * Dates: raw queries pass `Date` parameters, which Prisma writes exactly as it writes model
 * fields (SQLite: ISO-8601 text `…+00:00`; PostgreSQL: `timestamp(3)` in UTC), so comparisons agree.
 */
import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import { db, dialectOf, type Tx } from "../db.server";
import { bindFor, sqlOf, type Sql } from "../db/sql.server";

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

const bind = bindFor;

// ---------------------------------------------------------------------------------------------
// Wake-up signal. Kept on globalThis: the Remix build and the Node entry bundle this module
// separately, and an enqueue in one copy must wake the worker started from the other.

export interface EnqueuedSignal {
  type: string;
  runAt: number;
}

declare global {
  var __tandemJobBus: EventEmitter | undefined;
}

export function jobBus(): EventEmitter {
  if (!globalThis.__tandemJobBus) {
    globalThis.__tandemJobBus = new EventEmitter();
    globalThis.__tandemJobBus.setMaxListeners(0);
  }
  return globalThis.__tandemJobBus;
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
  if (q.dialect === "postgresql") await q.run(`SELECT pg_notify('${JOB_CHANNEL}', $1)`, JSON.stringify(signal));
  q.afterCommit(() => jobBus().emit("enqueued", signal));
  return { id: row.id, created: true };
}

export interface ClaimOptions {
  worker: string;
  limit: number;
  leaseMs: number;
  /** Only these job types (the ones this process has handlers for). */
  types: string[];
  now?: Date;
}

const DUE = `(("status" = 'pending' AND "runAt" <= $1) OR ("status" = 'running' AND "lockedUntil" < $1))`;

/**
 * Claims up to `limit` due jobs (pending and due, or running with an expired lease) for one worker,
 * atomically: PostgreSQL locks candidate rows with `FOR UPDATE SKIP LOCKED`, so concurrent workers
 * take disjoint sets; SQLite runs one `UPDATE … RETURNING` under its single-writer lock.
 * Each claim counts as an attempt.
 */
export async function claimJobs(options: ClaimOptions, client: Tx = db()): Promise<JobRow[]> {
  if (options.limit <= 0 || options.types.length === 0) return [];
  const now = options.now ?? new Date();
  const dialect = dialectOf(client);
  const typeParams = (first: number) => options.types.map((_, i) => `$${i + first}`).join(", ");
  // A cheap read first: idle polling then never takes SQLite's write lock.
  const probe = await client.$queryRawUnsafe<{ id: string }[]>(
    ...bind(dialect, `SELECT "id" FROM "Job" WHERE ${DUE} AND "type" IN (${typeParams(2)}) LIMIT 1`, [
      now,
      ...options.types,
    ]),
  );
  if (probe.length === 0) return [];
  const lock = dialect === "postgresql" ? "FOR UPDATE SKIP LOCKED" : "";
  const rows = await client.$queryRawUnsafe<JobRow[]>(
    ...bind(
      dialect,
      `UPDATE "Job" SET "status" = 'running', "lockedBy" = $2, "lockedUntil" = $3,
              "attempts" = "attempts" + 1, "updatedAt" = $1
       WHERE "id" IN (
         SELECT "id" FROM "Job" WHERE ${DUE} AND "type" IN (${typeParams(5)})
         ORDER BY "runAt" LIMIT $4 ${lock})
       RETURNING *`,
      [now, options.worker, new Date(now.getTime() + options.leaseMs), options.limit, ...options.types],
    ),
  );
  return rows.map(normalize);
}

function normalize(row: JobRow): JobRow {
  const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
  return {
    ...row,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.maxAttempts),
    runAt: date(row.runAt) as Date,
    lockedUntil: date(row.lockedUntil),
    completedAt: date(row.completedAt),
    createdAt: date(row.createdAt) as Date,
    updatedAt: date(row.updatedAt) as Date,
  };
}

/** Marks a claimed job done. false when this worker no longer holds the lease. */
export async function completeJob(job: Pick<JobRow, "id">, worker: string, client: Tx = db()): Promise<boolean> {
  return completeJobSql(sqlOf(client, { fresh: true }), job, worker);
}

/** `completeJob` on the write path's executor (a batch handler completes its jobs with its writes). */
export async function completeJobSql(q: Sql, job: Pick<JobRow, "id">, worker: string): Promise<boolean> {
  const changed = await q.run(
    `UPDATE "Job" SET "status" = 'done', "completedAt" = $3, "lockedBy" = NULL, "lockedUntil" = NULL,
        "lastError" = NULL, "updatedAt" = $3
      WHERE "id" = $1 AND "lockedBy" = $2 AND "status" = 'running'`,
    job.id,
    worker,
    new Date(),
  );
  return changed === 1;
}

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

/**
 * Exponential backoff with "equal jitter": half the exponential delay plus a random share of the
 * other half, so retries of many jobs that failed together spread out.
 */
export function backoffDelay(attempt: number, { baseMs = 1_000, maxMs = 60 * 60_000 }: BackoffOptions = {}): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + Math.random() * (exp / 2));
}

/** Short, single-line error text for `lastError` (handlers must not put personal data in errors). */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, " ").slice(0, 500);
}

export interface FailOptions extends BackoffOptions {
  /** Dead-letter now whatever the attempt count (a permanent error). */
  permanent?: boolean;
  now?: Date;
}

/**
 * Records a failed attempt: back to `pending` with a backoff delay, or `dead` when the attempts are
 * used up. Returns the new status, or null when this worker no longer holds the lease.
 */
export async function failJob(
  job: Pick<JobRow, "id" | "attempts" | "maxAttempts">,
  worker: string,
  error: unknown,
  options: FailOptions = {},
  client: Tx = db(),
): Promise<"pending" | "dead" | null> {
  const now = options.now ?? new Date();
  const dead = options.permanent || job.attempts >= job.maxAttempts;
  const { count } = await client.job.updateMany({
    where: { id: job.id, lockedBy: worker, status: "running" },
    data: dead
      ? { status: "dead", lastError: describeError(error), lockedBy: null, lockedUntil: null, completedAt: now }
      : {
          status: "pending",
          lastError: describeError(error),
          lockedBy: null,
          lockedUntil: null,
          runAt: new Date(now.getTime() + backoffDelay(job.attempts, options)),
        },
  });
  if (count !== 1) return null;
  return dead ? "dead" : "pending";
}

/** Pushes the lease of a running job forward (heartbeat for long handlers). */
export async function extendLease(id: string, worker: string, leaseMs: number, client: Tx = db()): Promise<boolean> {
  const { count } = await client.job.updateMany({
    where: { id, lockedBy: worker, status: "running" },
    data: { lockedUntil: new Date(Date.now() + leaseMs) },
  });
  return count === 1;
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
