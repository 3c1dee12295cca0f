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
 * A parameter written into the statement's text, quoted as the driver sends a parameter (text of
 * unknown type, which PostgreSQL resolves from the context, as it resolves `$n`); undefined for a
 * value that has no such literal here (an array, an object, a buffer, a text holding NUL), whose
 * statement then runs with parameters.
 */
function literal(conn: pg.PoolClient, v: unknown): string | undefined {
  const x = value(v);
  if (x === null) return "NULL";
  // A NUL ends a simple query's text: such a value goes as a parameter (PostgreSQL refuses it there).
  if (typeof x === "string") return x.includes("\u0000") ? undefined : conn.escapeLiteral(x);
  if (typeof x === "number" && Number.isFinite(x)) return conn.escapeLiteral(String(x));
  if (typeof x === "boolean" || typeof x === "bigint") return conn.escapeLiteral(String(x));
  return undefined;
}

/** `text` with its `$n` placeholders replaced by literals; undefined when one has none. */
function inline(conn: pg.PoolClient, text: string, args: unknown[]): string | undefined {
  const values: string[] = [];
  for (const v of args) {
    const l = literal(conn, v);
    if (l === undefined) return undefined;
    values.push(l);
  }
  let missing = false;
  const out = text.replace(/\$(\d+)/g, (_, n: string) => values[Number(n) - 1] ?? ((missing = true), ""));
  return missing ? undefined : out;
}

type Result = pg.QueryResult<Record<string, unknown>>;

/**
 * An executor on one connection (a transaction's) or on the pool (reads outside a transaction).
 * In a unit (`unit` given), `write` statements and the unit's BEGIN wait in `unit.pending` and go
 * with the next statement as one simple query, `notify` collects notifications for the COMMIT.
 */
export function pgSql(
  conn: Queryable,
  hooks: (() => void)[],
  unit?: { conn: pg.PoolClient; pending: string[]; notifications: Notification[] },
): Sql {
  const prepared = (text: string, args: unknown[]) =>
    conn.query({ name: statementName(text), text, values: args.map(value), types: TYPES });
  const query = async (text: string, args: unknown[]): Promise<Result> => {
    if (!unit || unit.pending.length === 0) return prepared(text, args);
    const pending = unit.pending.splice(0);
    const own = inline(unit.conn, text, args);
    if (own === undefined) {
      await unit.conn.query(pending.join("; "));
      return prepared(text, args);
    }
    const results = (await unit.conn.query({ text: [...pending, own].join("; "), types: TYPES })) as unknown as
      Result | Result[];
    return Array.isArray(results) ? results[results.length - 1]! : results;
  };
  return {
    dialect: "postgresql",
    one: async <T>(sql: string, ...args: unknown[]) => (await query(sql, args)).rows[0] as T | undefined,
    all: async <T>(sql: string, ...args: unknown[]) => (await query(sql, args)).rows as T[],
    run: async (sql: string, ...args: unknown[]) => (await query(sql, args)).rowCount ?? 0,
    async write(sql: string, ...args: unknown[]) {
      const text = unit && inline(unit.conn, sql, args);
      if (unit && text !== undefined) unit.pending.push(text);
      else await query(sql, args);
    },
    afterCommit: (fn) => hooks.push(fn),
    async notify(channel, payload) {
      if (unit) unit.notifications.push({ channel, payload });
      else await query(NOTIFY_SQL, [channel, payload]);
    },
  };
}

/**
 * COMMIT, preceded by the unit's pending writes and its notifications in the same simple query (one
 * round trip instead of one per statement). The texts are quoted with the driver's `escapeLiteral`.
 * Nothing when the unit wrote nothing (its BEGIN was never sent).
 */
function commitText(conn: pg.PoolClient, pending: string[], notifications: Notification[]): string | null {
  if (pending.length === 1 && pending[0] === BEGIN && notifications.length === 0) return null;
  const calls = notifications.map(
    (n) => `pg_notify(${conn.escapeLiteral(n.channel)}, ${conn.escapeLiteral(n.payload)})`,
  );
  return [...pending, ...(calls.length ? [`SELECT ${calls.join(", ")}`] : []), "COMMIT"].join("; ");
}

const BEGIN = "BEGIN";

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
    const hooks: (() => void)[] = [];
    const unit = { conn, pending: [BEGIN], notifications: [] as Notification[] };
    let result: T;
    try {
      result = await fn(pgSql(conn, hooks, unit));
      const commit = commitText(conn, unit.pending.splice(0), unit.notifications);
      if (commit) await conn.query(commit);
    } catch (error) {
      // Nothing to roll back when the BEGIN was never sent (it is still waiting).
      if (unit.pending[0] !== BEGIN)
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
