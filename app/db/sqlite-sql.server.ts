/**
 * The write path's executor on SQLite (app/db/sql.server.ts): statements with `$1…` placeholders
 * bound as `?`, prepared once per connection and run synchronously on Prisma's own connection;
 * `Date` parameters written as Prisma's adapter writes them.
 */
import type { Database, Statement } from "better-sqlite3";
import type { Dialect } from "../db.server";
import type { Sql } from "./sql.server";

/** Prisma's SQLite adapter (timestampFormat iso8601) stores `2026-01-02T03:04:05.678+00:00`. */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** `$1, $2…` as SQLite's `?` (repeating arguments as needed), or unchanged for PostgreSQL. */
export function bindFor(dialect: Dialect, sql: string, args: unknown[]): [string, ...unknown[]] {
  if (dialect === "postgresql") return [sql, ...args];
  const ordered: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    ordered.push(args[Number(n) - 1]);
    return "?";
  });
  return [text, ...ordered];
}

const prepared = new WeakMap<Database, Map<string, Statement>>();

function statement(conn: Database, sql: string): Statement {
  let cache = prepared.get(conn);
  if (!cache) prepared.set(conn, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = conn.prepare(bindFor("sqlite", sql, [])[0]).safeIntegers(false);
    cache.set(sql, stmt);
  }
  return stmt;
}

function sqliteArgs(sql: string, args: unknown[]): unknown[] {
  return (bindFor("sqlite", sql, args).slice(1) as unknown[]).map((v) =>
    v instanceof Date ? sqliteDate(v) : typeof v === "boolean" ? (v ? 1 : 0) : v === undefined ? null : v,
  );
}

export function sqliteSql(conn: Database, hooks: (() => void)[]): Sql {
  const run = (sql: string, args: unknown[]) => {
    const stmt = statement(conn, sql);
    const values = sqliteArgs(sql, args);
    if (stmt.reader) return stmt.all(...values).length;
    return stmt.run(...values).changes;
  };
  return {
    dialect: "sqlite",
    one: async <T>(sql: string, ...args: unknown[]) =>
      statement(conn, sql).get(...sqliteArgs(sql, args)) as T | undefined,
    all: async <T>(sql: string, ...args: unknown[]) => statement(conn, sql).all(...sqliteArgs(sql, args)) as T[],
    run: async (sql: string, ...args: unknown[]) => run(sql, args),
    write: async (sql: string, ...args: unknown[]) => void run(sql, args),
    afterCommit: (fn) => hooks.push(fn),
    notify: async () => undefined,
  };
}
