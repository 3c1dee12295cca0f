import path from "node:path";
import { mkdirSync } from "node:fs";
import type { Database as SqliteConnection, Statement } from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "./generated/prisma-pg/client";
import { env } from "./env.server";

/** The Prisma client type. Both generated clients (SQLite, PostgreSQL) have identical models. */
export type Db = PrismaClient;
/** A client or an interactive-transaction client: what repositories accept. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** A case-insensitive substring filter on either database (SQLite's LIKE already ignores ASCII case). */
export function textContains(client: Tx, value: string): { contains: string } {
  return (dialectOf(client) === "postgresql" ? { contains: value, mode: "insensitive" } : { contains: value }) as {
    contains: string;
  };
}

export function sqlitePath(url: string): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

export interface CreateDbOptions {
  /**
   * SQLite `synchronous` (ADR 073). `normal` (default): in WAL mode a commit survives a crash or
   * kill of the process, and the WAL is synced at checkpoints; a power loss or OS crash may lose the
   * last commits. `full`: every commit waits for fsync (about ten times the cost of a commit here).
   */
  sqliteSynchronous?: "normal" | "full";
}

/** Creates a Prisma client for a database URL (SQLite `file:` or `postgresql://`). */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  if (url.startsWith("file:")) {
    const file = sqlitePath(url);
    mkdirSync(path.dirname(file), { recursive: true });
    const handle: SqliteHandle = {
      acquire: createLock(),
      conn: undefined,
      synchronous: options.sqliteSynchronous ?? "normal",
      pragmas: [],
      file,
    };
    const adapter = serializeSqlite(
      new PrismaBetterSQLite3({ url: file, timeout: 10_000 }, { timestampFormat: "iso8601" }),
      handle,
    );
    const client = new PrismaClient({ adapter });
    Object.defineProperty(client, SQLITE_HANDLE, { value: handle });
    Object.defineProperty(client, DIALECT, { value: "sqlite" });
    return client;
  }
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  const client = new PgPrismaClient({ adapter }) as unknown as Db;
  Object.defineProperty(client, DIALECT, { value: "postgresql" });
  return client;
}

/** Where `createDb` records a client's dialect (its transaction clients see it too). */
const DIALECT = Symbol("tandem.dialect");

/** A FIFO async lock. */
function createLock() {
  let tail: Promise<void> = Promise.resolve();
  return async function acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = tail;
    tail = previous.then(() => next);
    await previous;
    return release;
  };
}

/**
 * Prisma's own better-sqlite3 connection and the lock that serialises everything on it, attached to
 * the client under a private symbol.
 */
interface SqliteHandle {
  acquire: () => Promise<() => void>;
  conn: SqliteConnection | undefined;
  synchronous: "normal" | "full";
  /** Set on every (re)connection, after `synchronous`. */
  pragmas: string[];
  file: string;
}
const SQLITE_HANDLE = Symbol("tandem.sqliteHandle");

function sqliteHandleOf(client: Db): SqliteHandle | undefined {
  return (client as unknown as Record<symbol, SqliteHandle | undefined>)[SQLITE_HANDLE];
}

/** Whether `withSqliteConnection` can run on this client (a SQLite client made by `createDb`). */
export function hasSqliteConnection(client: Db = db()): boolean {
  return sqliteHandleOf(client) !== undefined;
}

const preparedByConnection = new WeakMap<SqliteConnection, Map<unknown, unknown>>();

/**
 * The statements `build` prepares, prepared once per connection (keyed by `build`). `prep` reads
 * integers as numbers (the adapter turns safe integers on for the connection).
 */
export function preparedOnce<T>(conn: SqliteConnection, build: (prep: (sql: string) => Statement) => T): T {
  let cache = preparedByConnection.get(conn);
  if (!cache) preparedByConnection.set(conn, (cache = new Map()));
  if (!cache.has(build))
    cache.set(
      build,
      build((sql) => conn.prepare(sql).safeIntegers(false)),
    );
  return cache.get(build) as T;
}

/** The database file of a SQLite client made by `createDb` (undefined for PostgreSQL). */
export function sqliteFileOf(client: Db = db()): string | undefined {
  return sqliteHandleOf(client)?.file;
}

/** Sets a pragma on the client's SQLite connection now and on every reconnection. */
export async function setSqlitePragma(pragma: string, client: Db = db()): Promise<void> {
  const handle = sqliteHandleOf(client);
  if (!handle) throw new Error("setSqlitePragma needs a SQLite client created by createDb");
  handle.pragmas.push(pragma);
  await withSqliteConnection((conn) => conn.pragma(pragma), client);
}

/**
 * Runs `fn` synchronously on Prisma's own SQLite connection, holding the same FIFO lock as Prisma's
 * queries and interactive transactions (so it never runs inside one of them, and nothing runs
 * inside it). For hot paths that need prepared statements without a second connection in the
 * process. Note: the adapter turns on `defaultSafeIntegers(true)`; call `stmt.safeIntegers(false)`
 * on statements that read integers as numbers. `fn` must not await.
 */
export async function withSqliteConnection<T>(fn: (conn: SqliteConnection) => T, client: Db = db()): Promise<T> {
  const handle = sqliteHandleOf(client);
  if (!handle) throw new Error("withSqliteConnection needs a SQLite client created by createDb");
  if (!handle.conn) await client.$connect();
  const release = await handle.acquire();
  try {
    const conn = handle.conn;
    if (!conn) throw new Error("the SQLite connection is not open");
    return fn(conn);
  } finally {
    release();
  }
}

/**
 * Like `withSqliteConnection`, but `fn` may await — only on work that does not use Prisma (which
 * would wait for this lock for ever): the group commit of app/db/sql.server.ts awaits its units'
 * statements, which run synchronously on `conn`.
 */
export async function withSqliteLock<T>(fn: (conn: SqliteConnection) => Promise<T>, client: Db = db()): Promise<T> {
  const handle = sqliteHandleOf(client);
  if (!handle) throw new Error("withSqliteLock needs a SQLite client created by createDb");
  if (!handle.conn) await client.$connect();
  const release = await handle.acquire();
  try {
    const conn = handle.conn;
    if (!conn) throw new Error("the SQLite connection is not open");
    return await fn(conn);
  } finally {
    release();
  }
}

type SqliteFactory = PrismaBetterSQLite3;

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
  tx.commit = () => finish(commit);
  tx.rollback = () => finish(rollback);
  tx.executeRaw = async (query) => {
    const closing = /^\s*(COMMIT|ROLLBACK)\b/i.test(query.sql);
    try {
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
 * plain queries and transactions share one FIFO lock: a query waits until the open transaction
 * commits or rolls back.
 */
function serializeSqlite(factory: SqliteFactory, handle: SqliteHandle): SqliteFactory {
  const acquire = handle.acquire;
  const wrap = (adapter: SqliteAdapter): SqliteAdapter =>
    new Proxy(adapter, {
      get(target, prop, receiver) {
        if (prop === "queryRaw" || prop === "executeRaw") {
          const method = target[prop].bind(target) as (q: unknown) => Promise<unknown>;
          return async (query: unknown) => {
            const release = await acquire();
            try {
              return await method(query);
            } finally {
              release();
            }
          };
        }
        if (prop === "startTransaction") {
          return async (isolationLevel?: Parameters<SqliteAdapter["startTransaction"]>[0]) => {
            const release = once(await acquire());
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
          return wrap(adapter);
        };
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

let current: Db | undefined;

/**
 * The process's Prisma client, made on first use. The server, the Remix routes and the worker import
 * this one module instance (ADR 210), so they share one client and one connection pool.
 */
export function db(): Db {
  const e = env();
  current ??= createDb(e.DATABASE_URL, { sqliteSynchronous: e.SQLITE_SYNCHRONOUS });
  return current;
}

/** Replaces the client (tests point it at their own database). */
export function setDb(client: Db | undefined): void {
  current = client;
}

export type Dialect = "sqlite" | "postgresql";

/**
 * Which database a Prisma client (or transaction client) talks to: the one dialect switch. Read
 * from the mark `createDb` leaves on the client, never from Prisma's private fields.
 */
export function dialectOf(client: Tx): Dialect {
  const marked = (client as unknown as Record<symbol, Dialect | undefined>)[DIALECT];
  return marked ?? (env().databaseKind === "postgresql" ? "postgresql" : "sqlite");
}

export function isPostgres(): boolean {
  return env().databaseKind === "postgresql";
}

export default db;
