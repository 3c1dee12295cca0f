import path from "node:path";
import { mkdirSync } from "node:fs";
import type pg from "pg";
import type { Database as SqliteConnection, Statement } from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "./generated/prisma-pg/client";
import { env } from "./env.server";
import { createLock, serializeSqlite, type SqliteHandle } from "./db/sqlite-serialized.server";
import { createPgPool } from "./db/pg-pool.server";

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
  // The pool is ours, so that the write path can run its statements on it directly (ADR 218).
  const pool = createPgPool({ connectionString: url, max: 10 });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PgPrismaClient({ adapter }) as unknown as Db;
  Object.defineProperty(client, DIALECT, { value: "postgresql" });
  Object.defineProperty(client, PG_POOL, { value: pool });
  return client;
}

const PG_POOL = Symbol("tandem.pgPool");

/** The pg pool under a PostgreSQL client made by `createDb` (undefined otherwise). */
export function pgPoolOf(client: Db): pg.Pool | undefined {
  return (client as unknown as Record<symbol, pg.Pool | undefined>)[PG_POOL];
}

/** Where `createDb` records a client's dialect (its transaction clients see it too). */
const DIALECT = Symbol("tandem.dialect");

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
 * Runs `fn` synchronously on Prisma's own SQLite connection, holding the same lock as Prisma's
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
