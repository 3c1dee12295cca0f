/**
 * The write path's executor on PostgreSQL (ADR 218): the statements of app/db/sql.server.ts run on
 * the pg pool that Prisma's adapter uses (made by `createDb`), not through Prisma's raw queries,
 * each of which costs about a millisecond of query compilation in the process — a shopper message
 * is a dozen statements. Parameters and rows are converted as Prisma converts them for raw queries:
 * a `Date` is written as UTC into `timestamp(3)` columns and read back as a `Date`, 64-bit integers
 * (COUNT) come back as numbers.
 */
import pg from "pg";
import type { Sql } from "./sql.server";

/** `timestamp without time zone` holds UTC (as Prisma writes it); COUNT(*) and BIGINT as numbers. */
const TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.TIMESTAMP) return (v: string) => new Date(`${v.replace(" ", "T")}Z`);
    if (oid === pg.types.builtins.INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

function value(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  return v === undefined ? null : v;
}

type Queryable = Pick<pg.PoolClient, "query">;

/**
 * The write path's statements are a fixed set of texts: each runs as a named prepared statement,
 * parsed and planned once per connection instead of on every execution (ADR 242). Texts beyond the
 * first PREPARED_MAX (a statement built with a variable number of parameters) run unnamed, so a
 * connection never holds an unbounded number of them.
 */
const PREPARED_MAX = 500;
const statementNames = new Map<string, string | null>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = statementNames.size < PREPARED_MAX ? `tandem_w${statementNames.size}` : null;
    statementNames.set(text, name);
  }
  return name ?? undefined;
}

/** `pg_notify` as one statement (a notification sent at once rather than with the COMMIT). */
export const NOTIFY_SQL = `SELECT pg_notify($1, $2)`;

interface Notification {
  channel: string;
  payload: string;
}

/**
 * An executor on one connection (a transaction's) or on the pool (reads outside a transaction).
 * With `notifications`, `notify` collects them for the unit's COMMIT; without, it runs at once.
 */
export function pgSql(conn: Queryable, hooks: (() => void)[], notifications?: Notification[]): Sql {
  const query = (text: string, args: unknown[]) =>
    conn.query({ name: statementName(text), text, values: args.map(value), types: TYPES });
  return {
    dialect: "postgresql",
    one: async <T>(sql: string, ...args: unknown[]) => (await query(sql, args)).rows[0] as T | undefined,
    all: async <T>(sql: string, ...args: unknown[]) => (await query(sql, args)).rows as T[],
    run: async (sql: string, ...args: unknown[]) => (await query(sql, args)).rowCount ?? 0,
    afterCommit: (fn) => hooks.push(fn),
    async notify(channel, payload) {
      if (notifications) notifications.push({ channel, payload });
      else await query(NOTIFY_SQL, [channel, payload]);
    },
  };
}

/**
 * COMMIT, preceded by the unit's notifications in the same simple query (one round trip instead of
 * one per notification). The texts are quoted with the driver's `escapeLiteral`.
 */
function commitText(conn: pg.PoolClient, notifications: Notification[]): string {
  if (notifications.length === 0) return "COMMIT";
  const calls = notifications.map(
    (n) => `pg_notify(${conn.escapeLiteral(n.channel)}, ${conn.escapeLiteral(n.payload)})`,
  );
  return `SELECT ${calls.join(", ")}; COMMIT`;
}

/** Runs `fn` in one transaction on a connection of the pool; after-commit hooks once it committed. */
export async function pgWriteUnit<T>(pool: pg.Pool, fn: (q: Sql) => Promise<T>): Promise<T> {
  const conn = await pool.connect();
  let broken: unknown;
  // The pool listens for errors only on idle connections: on a checked-out one, the server ending the
  // connection between two statements (a restart) would be an unhandled 'error' event that ends the
  // process. Heard here, the connection is marked broken; the next statement fails and rolls back.
  const onError = (error: Error) => (broken = error);
  conn.on("error", onError);
  try {
    await conn.query("BEGIN");
    const hooks: (() => void)[] = [];
    const notifications: Notification[] = [];
    let result: T;
    try {
      result = await fn(pgSql(conn, hooks, notifications));
      await conn.query(commitText(conn, notifications));
    } catch (error) {
      await conn.query("ROLLBACK").catch((rollbackError: unknown) => (broken = rollbackError));
      throw error;
    }
    for (const hook of hooks) hook();
    return result;
  } finally {
    // A connection whose ROLLBACK failed is not given back to the pool.
    conn.off("error", onError);
    conn.release(broken instanceof Error ? broken : undefined);
  }
}
