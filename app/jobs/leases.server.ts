/**
 * The worker's side of the outbox (ADR 021): claiming due jobs with a lease, renewing it, and
 * finishing a job as done or failed. Dates are passed as `Date` parameters (see queue.server.ts).
 */
import { db, dialectOf, type Db, type Tx } from "../db.server";
import { readUnit, sqlOf, writeUnit, type Sql } from "../db/sql.server";
import { backoffDelay, describeError, type BackoffOptions } from "./backoff";
import type { JobRow } from "./queue.server";

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
 * Each claim counts as an attempt. Both statements go through the write path's SQL layer (on
 * SQLite a prepared statement, the claim one unit of the group commit): the worker claims after
 * every batch and whenever a job is enqueued, so this runs hundreds of times a second under load.
 */
export async function claimJobs(options: ClaimOptions, client: Db = db()): Promise<JobRow[]> {
  if (options.limit <= 0 || options.types.length === 0) return [];
  const now = options.now ?? new Date();
  const types = options.types;
  const typeParams = (first: number) => types.map((_, i) => `$${i + first}`).join(", ");
  // A cheap read first: idle polling then never takes SQLite's write lock.
  const due = await readUnit(
    (q) =>
      q.one<{ id: string }>(
        `SELECT "id" FROM "Job" WHERE ${DUE} AND "type" IN (${typeParams(2)}) LIMIT 1`,
        now,
        ...types,
      ),
    client,
  );
  if (!due) return [];
  const lock = dialectOf(client) === "postgresql" ? "FOR UPDATE SKIP LOCKED" : "";
  const rows = await writeUnit(
    (q) =>
      q.all<JobRow>(
        `UPDATE "Job" SET "status" = 'running', "lockedBy" = $2, "lockedUntil" = $3,
                "attempts" = "attempts" + 1, "updatedAt" = $1
         WHERE "id" IN (
           SELECT "id" FROM "Job" WHERE ${DUE} AND "type" IN (${typeParams(5)})
           ORDER BY "runAt" LIMIT $4 ${lock})
         RETURNING ${JOB_COLUMNS}`,
        now,
        options.worker,
        new Date(now.getTime() + options.leaseMs),
        options.limit,
        ...types,
      ),
    client,
  );
  return rows.map(normalize);
}

/** JobRow's columns, named: a prepared statement's result must not change when a column is added. */
const JOB_COLUMNS = (
  [
    "id",
    "shop",
    "type",
    "payload",
    "status",
    "runAt",
    "attempts",
    "maxAttempts",
    "lockedBy",
    "lockedUntil",
    "lastError",
    "dedupeKey",
    "completedAt",
    "createdAt",
    "updatedAt",
  ] satisfies (keyof JobRow)[]
)
  .map((c) => `"${c}"`)
  .join(", ");

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
