/**
 * The write path's SQL layer (ADR 130): one small executor that the conversation commands run their
 * statements through, on SQLite and PostgreSQL alike. Statements are written once with `$1…`
 * placeholders; the executor binds them for the dialect and writes `Date` parameters as Prisma
 * writes them (SQLite: ISO-8601 text `…+00:00`; PostgreSQL: timestamps), so rows written here and
 * rows written by Prisma compare and read the same.
 *
 * Two ways to run a unit of work, same statements, same rules:
 * - `sqlOf(tx)`: inside a Prisma interactive transaction (a command that also needs Prisma-side
 *   work, e.g. escalation with routing), through `$queryRawUnsafe`.
 * - `writeUnit(fn)`: a command that needs nothing else. On SQLite it joins a **group commit** — the
 *   units that arrive while the previous batch holds the connection are written in the next batch,
 *   one `BEGIN IMMEDIATE … COMMIT` for up to 128 units or BATCH_BUDGET_MS, each in its own
 *   savepoint (a failing unit rolls back alone), statements prepared once and run synchronously on
 *   Prisma's own connection; the event loop runs between batches.
 *   On PostgreSQL it is one transaction on a connection of the pg pool under Prisma's adapter
 *   (app/db/pg-sql.server.ts, ADR 218).
 * `afterCommit` callbacks (publish a version, wake the worker) run only once the unit committed.
 */
import {
  db,
  dialectOf,
  hasSqliteConnection,
  pgPoolOf,
  withSqliteLock,
  type Db,
  type Dialect,
  type Tx,
} from "../db.server";
import type { Database } from "better-sqlite3";
import { NOTIFY_SQL, pgSql, pgWriteUnit } from "./pg-sql.server";
import { bindFor, sqliteSql } from "./sqlite-sql.server";
import { walRestartGap } from "./checkpointer.server";

export interface Sql {
  readonly dialect: Dialect;
  /** The first row, or undefined (also for `… RETURNING`). */
  one<T>(sql: string, ...args: unknown[]): Promise<T | undefined>;
  all<T>(sql: string, ...args: unknown[]): Promise<T[]>;
  /** Rows changed. */
  run(sql: string, ...args: unknown[]): Promise<number>;
  /**
   * A write whose result the unit does not read. It takes effect before the unit's next statement
   * and its error fails the unit, but on PostgreSQL it travels with that next statement or the
   * COMMIT, in one round trip (ADR 245). SQLite and Prisma transactions run it at once.
   */
  write(sql: string, ...args: unknown[]): Promise<void>;
  /** Runs `fn` after this unit committed (never when it rolled back). */
  afterCommit(fn: () => void): void;
  /**
   * PostgreSQL: `pg_notify(channel, payload)` in this unit, delivered to every listener when it
   * commits (the write path sends a unit's notifications with its COMMIT, in one round trip).
   * SQLite: nothing (one process; `afterCommit` publishes in process).
   */
  notify(channel: string, payload: string): Promise<void>;
}

/** A boolean column as read through either driver (SQLite answers 0 or 1). */
export function readBoolean(value: unknown): boolean {
  return value === true || value === 1;
}

/** A date column as read through either driver. */
export function readDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** Numbers come back as numbers (Prisma's raw SQLite queries may answer BigInt). */
function plain<T>(row: unknown): T {
  if (!row || typeof row !== "object") return row as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === "bigint" ? Number(v) : v;
  return out as T;
}

const byTransaction = new WeakMap<object, Sql & { commit(): void }>();

/**
 * The executor of a Prisma interactive transaction (the same one for every caller inside it, so
 * their after-commit work runs together); whoever opened the transaction runs `commit()` after it
 * committed. `fresh`: a new executor (for a client outside a transaction).
 */
export function sqlOf(tx: Tx, options: { fresh?: boolean } = {}): Sql & { commit(): void } {
  if (!options.fresh) {
    let q = byTransaction.get(tx);
    if (!q) byTransaction.set(tx, (q = executorOf(tx)));
    return q;
  }
  return executorOf(tx);
}

function executorOf(tx: Tx): Sql & { commit(): void } {
  const dialect = dialectOf(tx);
  const hooks: (() => void)[] = [];
  const bind = (sql: string, args: unknown[]) =>
    bindFor(dialect, sql, dialect === "sqlite" ? args.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v)) : args);
  return {
    dialect,
    async one<T>(sql: string, ...args: unknown[]) {
      const rows = await tx.$queryRawUnsafe<unknown[]>(...bind(sql, args));
      return rows[0] === undefined ? undefined : plain<T>(rows[0]);
    },
    async all<T>(sql: string, ...args: unknown[]) {
      const rows = await tx.$queryRawUnsafe<unknown[]>(...bind(sql, args));
      return rows.map((r) => plain<T>(r));
    },
    async run(sql: string, ...args: unknown[]) {
      return tx.$executeRawUnsafe(...bind(sql, args));
    },
    async write(sql: string, ...args: unknown[]) {
      await tx.$executeRawUnsafe(...bind(sql, args));
    },
    afterCommit: (fn) => hooks.push(fn),
    async notify(channel: string, payload: string) {
      if (dialect === "postgresql") await tx.$executeRawUnsafe(NOTIFY_SQL, channel, payload);
    },
    commit: () => hooks.splice(0).forEach((fn) => fn()),
  };
}

// ---------------------------------------------------------------------------------------------
// Group commit.

const MAX_BATCH = 128;
/**
 * How long one batch may run before it commits (ms, ADR 215). Units arriving meanwhile wait for the
 * batch to commit, so their latency is about twice this; more units per commit would share the
 * pages that every unit writes (the job queue, the feed, the indexes' last pages).
 */
export const BATCH_BUDGET_MS = 8;

interface Unit {
  fn: (q: Sql) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Committer {
  queue: Unit[];
  draining: boolean;
  batches: number;
  units: number;
}
const committers = new WeakMap<Db, Committer>();

function committerOf(client: Db): Committer {
  let c = committers.get(client);
  if (!c) committers.set(client, (c = { queue: [], draining: false, batches: 0, units: 0 }));
  return c;
}

/** Group-commit counters of a client (tests prove batching; metrics). */
export function writeUnitStats(client: Db = db()): { batches: number; units: number } {
  const c = committerOf(client);
  return { batches: c.batches, units: c.units };
}

type Settled = { ok: true; value: unknown; hooks: (() => void)[] } | { ok: false; error: unknown };

/**
 * Runs units of `batch` in one transaction until BATCH_BUDGET_MS have passed (at least one unit):
 * the statements are synchronous, so a batch holds the event loop for as long as it runs. The
 * units it did not reach go back to the front of the queue.
 */
async function runBatch(conn: Database, batch: Unit[]): Promise<Settled[]> {
  const out: Settled[] = [];
  const started = performance.now();
  conn.exec("BEGIN IMMEDIATE");
  try {
    for (const unit of batch) {
      if (out.length > 0 && performance.now() - started > BATCH_BUDGET_MS) break;
      const hooks: (() => void)[] = [];
      conn.exec("SAVEPOINT unit");
      try {
        const value = await unit.fn(sqliteSql(conn, hooks));
        conn.exec("RELEASE unit");
        out.push({ ok: true, value, hooks });
      } catch (error) {
        conn.exec("ROLLBACK TO unit");
        conn.exec("RELEASE unit");
        out.push({ ok: false, error });
      }
    }
    conn.exec("COMMIT");
  } catch (error) {
    if (conn.inTransaction) conn.exec("ROLLBACK");
    throw error;
  }
  return out;
}

async function drain(client: Db, c: Committer): Promise<void> {
  if (c.draining) return;
  c.draining = true;
  try {
    while (c.queue.length > 0) {
      // Let the background checkpoint finish the WAL while nothing writes, so that it restarts.
      const gap = walRestartGap(client);
      if (gap) await gap;
      let batch: Unit[] = [];
      let settled: Settled[];
      try {
        settled = await withSqliteLock(async (conn) => {
          batch = c.queue.splice(0, MAX_BATCH);
          const done = await runBatch(conn, batch);
          c.queue.unshift(...batch.splice(done.length));
          return done;
        }, client);
      } catch (error) {
        // Nothing of this batch was committed.
        for (const unit of batch.length > 0 ? batch : c.queue.splice(0)) unit.reject(error);
        continue;
      }
      c.batches++;
      c.units += batch.length;
      settled.forEach((s, i) => {
        const unit = batch[i]!;
        if (s.ok) {
          for (const fn of s.hooks) fn();
          unit.resolve(s.value);
        } else unit.reject(s.error);
      });
      // Between batches the event loop reads requests and writes the answers just resolved.
      if (c.queue.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    c.draining = false;
  }
}

/**
 * Runs `fn` as one unit of work in its own transaction (SQLite: a savepoint of the next group
 * commit). `fn` must only use `q`: nothing else may touch the database while it runs.
 */
export function writeUnit<T>(fn: (q: Sql) => Promise<T>, client: Db = db()): Promise<T> {
  const pool = pgPoolOf(client);
  if (pool) return pgWriteUnit(pool, fn);
  if (!hasSqliteConnection(client)) {
    return (async () => {
      let q: ReturnType<typeof sqlOf> | undefined;
      const value = await client.$transaction(
        async (tx) => {
          q = sqlOf(tx as Tx, { fresh: true });
          return fn(q);
        },
        { maxWait: 15_000, timeout: 30_000 },
      );
      q?.commit();
      return value;
    })();
  }
  const c = committerOf(client);
  return new Promise<T>((resolve, reject) => {
    c.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
    void drain(client, c);
  });
}

/** Reads outside a transaction with the same statements (SQLite: synchronously, prepared once). */
export function readUnit<T>(fn: (q: Sql) => Promise<T>, client: Db = db()): Promise<T> {
  const pool = pgPoolOf(client);
  if (pool) return fn(pgSql(pool, []));
  if (!hasSqliteConnection(client)) return fn(sqlOf(client, { fresh: true }));
  return withSqliteLock((conn) => fn(sqliteSql(conn, [])), client);
}
