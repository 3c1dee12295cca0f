/**
 * SQLite through Prisma on one connection per process (ADR 071): the better-sqlite3 adapter wrapped
 * so that Prisma's queries, its interactive transactions and the app's own synchronous work on the
 * connection (app/db.server.ts `withSqliteConnection`) take turns under one lock (`createLock`), and a failed
 * COMMIT or ROLLBACK cannot leave the lock held.
 */
import type { Database as SqliteConnection } from "better-sqlite3";
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { registerSqliteFunctions } from "./sqlite-functions.server";

/**
 * Who asks for the connection: the app's own units ("app": the group commit's batches, `readUnit`,
 * `withSqliteConnection`, each holding it only while its statements run) or Prisma ("prisma": a
 * query, or an interactive transaction that holds it across its awaits, ~5–15 ms each).
 */
export type LockLane = "app" | "prisma";

/**
 * The lock that serialises everything on the connection (ADR 247): first in, first out within a
 * lane, and the lanes take turns: after each Prisma holder, every app unit waiting at that moment
 * goes before the next Prisma one. A burst of Prisma transactions (a batch of replies that each
 * escalate) then delays a shopper's message by one transaction, not by all of them, and Prisma
 * still gets the connection between two app turns. `release` is idempotent.
 */
export function createLock() {
  const waiting: Record<LockLane, (() => void)[]> = { app: [], prisma: [] };
  let held = false;
  /** App units still to go before the next Prisma holder (those waiting when the last one released). */
  let appTurn = 0;
  const grantNext = () => {
    let next: (() => void) | undefined;
    if (appTurn > 0 && waiting.app.length > 0) {
      appTurn--;
      next = waiting.app.shift();
    } else {
      appTurn = 0;
      next = waiting.prisma.shift() ?? waiting.app.shift();
    }
    if (next) next();
    else held = false;
  };
  return function acquire(lane: LockLane = "app"): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          if (lane === "prisma") appTurn = waiting.app.length;
          grantNext();
        });
      };
      if (held) waiting[lane].push(grant);
      else {
        held = true;
        grant();
      }
    });
  };
}

/**
 * Prisma's own better-sqlite3 connection and the lock that serialises everything on it, attached to
 * the client under a private symbol.
 */
export interface SqliteHandle {
  acquire: (lane?: LockLane) => Promise<() => void>;
  conn: SqliteConnection | undefined;
  synchronous: "normal" | "full";
  /** Set on every (re)connection, after `synchronous`. */
  pragmas: string[];
  file: string;
}
type SqliteFactory = PrismaBetterSQLite3;

/**
 * The longest Prisma's queries on SQLite run one after another without the event loop getting a
 * turn (ms, ADR 243). better-sqlite3 is synchronous, so a query's promise settles in microtasks, and
 * a loop of awaited queries (a sweep, the webhook planner's batches, an escalation) otherwise holds
 * the loop until it ends: 400–900 ms after a burst of messages, with every request waiting.
 */
export const TURN_MS = 10;
let lastTurn = performance.now();

/** Gives the event loop a turn when Prisma's queries have kept it for TURN_MS. */
async function turn(): Promise<void> {
  if (performance.now() - lastTurn < TURN_MS) return;
  await new Promise((resolve) => setImmediate(resolve));
  lastTurn = performance.now();
}

/** `fn` runs at most once, however often the result is called. */
function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

/**
 * Prisma ends an interactive transaction by running `COMMIT` (or `ROLLBACK`) through the
 * transaction's `executeRaw` and only then calling `commit()`/`rollback()`, which release the
 * adapter's mutex and our lock. When that statement itself fails (disk full, I/O error, read-only
 * file), Prisma skips the call, and every later query of the process would wait for ever. Here the
 * closing statement releases both on every path: on failure the connection is rolled back if SQLite
 * left the transaction open, the adapter's mutex and the lock are released, and the error is thrown.
 */
function closeOnEveryPath(
  tx: SqliteTransaction,
  release: () => void,
  connection: () => SqliteConnection | undefined,
): SqliteTransaction {
  const commit = tx.commit.bind(tx);
  const rollback = tx.rollback.bind(tx);
  const executeRaw = tx.executeRaw.bind(tx);
  // The adapter's commit() and rollback() release its mutex: exactly one of them may run, once.
  let adapterUnlocked = false;
  const unlockAdapterWith = async (end: () => Promise<void>) => {
    if (adapterUnlocked) return;
    adapterUnlocked = true;
    await end();
  };
  const finish = async (end: () => Promise<void>) => {
    try {
      await unlockAdapterWith(end);
    } finally {
      release();
    }
  };
  const queryRaw = tx.queryRaw.bind(tx);
  tx.commit = () => finish(commit);
  tx.rollback = () => finish(rollback);
  tx.queryRaw = async (query) => {
    await turn();
    return queryRaw(query);
  };
  tx.executeRaw = async (query) => {
    const closing = /^\s*(COMMIT|ROLLBACK)\b/i.test(query.sql);
    try {
      if (!closing) await turn();
      return await executeRaw(query);
    } catch (error) {
      if (closing) {
        try {
          const conn = connection();
          if (conn?.inTransaction) conn.exec("ROLLBACK");
        } catch {
          // The connection is unusable; the next query reports it.
        } finally {
          await unlockAdapterWith(rollback).catch(() => undefined);
          release();
        }
      }
      throw error;
    }
  };
  return tx;
}
type SqliteAdapter = Awaited<ReturnType<SqliteFactory["connect"]>>;
type SqliteTransaction = Awaited<ReturnType<SqliteAdapter["startTransaction"]>>;

/**
 * better-sqlite3 gives Prisma one connection, and the adapter only serialises transactions with
 * each other: a plain query issued while an interactive transaction is open would run inside that
 * transaction (seeing its uncommitted rows and rolling back with it). This wraps the adapter so
 * plain queries and transactions share one lock (`createLock`): a query waits until the open transaction
 * commits or rolls back.
 */
export function serializeSqlite(factory: SqliteFactory, handle: SqliteHandle): SqliteFactory {
  const acquire = handle.acquire;
  const wrap = (adapter: SqliteAdapter): SqliteAdapter =>
    new Proxy(adapter, {
      get(target, prop, receiver) {
        if (prop === "queryRaw" || prop === "executeRaw") {
          const method = target[prop].bind(target) as (q: unknown) => Promise<unknown>;
          return async (query: unknown) => {
            const release = await acquire("prisma");
            try {
              // After the lock: queries keep the order they asked for it in.
              await turn();
              return await method(query);
            } finally {
              release();
            }
          };
        }
        if (prop === "startTransaction") {
          return async (isolationLevel?: Parameters<SqliteAdapter["startTransaction"]>[0]) => {
            const release = once(await acquire("prisma"));
            let tx: SqliteTransaction;
            try {
              tx = await target.startTransaction(isolationLevel);
            } catch (error) {
              release();
              throw error;
            }
            return closeOnEveryPath(tx, release, () => handle.conn);
          };
        }
        if (prop === "dispose") {
          return async () => {
            if (handle.conn === (target as unknown as { client: SqliteConnection }).client) handle.conn = undefined;
            return target.dispose();
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop === "connect")
        return async () => {
          const adapter = await target.connect();
          handle.conn = (adapter as unknown as { client: SqliteConnection }).client;
          handle.conn.pragma(`synchronous = ${handle.synchronous === "full" ? "FULL" : "NORMAL"}`);
          // Statement journals (a savepoint, a multi-row update) in memory, not a file created and
          // deleted per transaction (ADR 073).
          handle.conn.pragma("temp_store = MEMORY");
          for (const pragma of handle.pragmas) handle.conn.pragma(pragma);
          registerSqliteFunctions(handle.conn);
          return wrap(adapter);
        };
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
