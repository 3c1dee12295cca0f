/**
 * The one classifier of database errors, for SQLite (better-sqlite3, directly or through Prisma's
 * adapter) and PostgreSQL (pg, directly or through Prisma). Callers decide by kind:
 * - `unique`: a unique constraint was violated (an idempotent retry, a race that lost);
 * - `busy`: the database was locked or a write conflicted; retrying soon may work;
 * - `disk_full`, `read_only`, `unavailable` (I/O error, cannot open, connection refused or lost,
 *   server shutting down): the database cannot take writes now. The request answers 503 with
 *   Retry-After and nothing is half-written; the process recovers by itself when the cause goes.
 */
export type DbErrorKind = "unique" | "busy" | "disk_full" | "read_only" | "unavailable";

const SQLITE_PRIMARY: Record<string, DbErrorKind> = {
  SQLITE_CONSTRAINT_UNIQUE: "unique",
  SQLITE_CONSTRAINT_PRIMARYKEY: "unique",
  SQLITE_BUSY: "busy",
  SQLITE_LOCKED: "busy",
  SQLITE_FULL: "disk_full",
  SQLITE_READONLY: "read_only",
  SQLITE_IOERR: "unavailable",
  SQLITE_CANTOPEN: "unavailable",
  SQLITE_NOTADB: "unavailable",
  SQLITE_CORRUPT: "unavailable",
  SQLITE_PERM: "read_only",
};

/** SQLite result codes by number (the primary code is the low byte of an extended code). */
const SQLITE_NUMERIC: Record<number, DbErrorKind> = {
  2067: "unique", // SQLITE_CONSTRAINT_UNIQUE
  1555: "unique", // SQLITE_CONSTRAINT_PRIMARYKEY
  5: "busy",
  6: "busy",
  13: "disk_full",
  8: "read_only",
  3: "read_only",
  10: "unavailable",
  14: "unavailable",
  26: "unavailable",
  11: "unavailable",
};

const PRISMA_CODES: Record<string, DbErrorKind> = {
  P2002: "unique",
  P2034: "busy",
  P1001: "unavailable", // database not reachable
  P1002: "unavailable", // timed out
  P1008: "unavailable", // socket timeout
  P1017: "unavailable", // server closed the connection
  P2037: "unavailable", // too many connections
};

function postgresKind(code: string): DbErrorKind | undefined {
  if (code === "23505") return "unique";
  if (code === "40001" || code === "40P01" || code === "55P03") return "busy";
  if (code === "53100") return "disk_full";
  if (code === "25006") return "read_only";
  // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now;
  // 53300: too many connections.
  if (code.startsWith("08") || /^57P0[1-3]$/.test(code) || code === "53300") return "unavailable";
  return undefined;
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH"]);

function kindOfOne(error: Record<string, unknown>): DbErrorKind | undefined {
  const code = typeof error.code === "string" ? error.code : undefined;
  if (code) {
    if (code.startsWith("SQLITE_")) {
      const exact = SQLITE_PRIMARY[code];
      if (exact) return exact;
      const primary = /^(SQLITE_[A-Z]+)/.exec(code)?.[1];
      if (primary && SQLITE_PRIMARY[primary]) return SQLITE_PRIMARY[primary];
    }
    if (PRISMA_CODES[code]) return PRISMA_CODES[code];
    if (/^[0-9A-Z]{5}$/.test(code)) {
      const pgKind = postgresKind(code);
      if (pgKind) return pgKind;
    }
    if (NETWORK_CODES.has(code)) return "unavailable";
  }
  // Prisma's driver adapter error: {cause: {kind, originalCode?, extendedCode?, code?}}.
  const kind = typeof error.kind === "string" ? error.kind : undefined;
  if (kind === "UniqueConstraintViolation") return "unique";
  if (kind === "TransactionWriteConflict") return "busy";
  if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed" || kind === "SocketTimeout") return "unavailable";
  if (typeof error.extendedCode === "number") {
    const n = error.extendedCode;
    return SQLITE_NUMERIC[n] ?? SQLITE_NUMERIC[n & 0xff];
  }
  if (typeof error.originalCode === "string") {
    const pgKind = postgresKind(error.originalCode);
    if (pgKind) return pgKind;
  }
  const message = typeof error.message === "string" ? error.message : "";
  if (/database or disk is full/i.test(message)) return "disk_full";
  if (/attempt to write a readonly database/i.test(message)) return "read_only";
  if (/disk I\/O error|unable to open database file/i.test(message)) return "unavailable";
  if (/database is locked/i.test(message)) return "busy";
  // PostgreSQL refusing new connections to one database (ALLOW_CONNECTIONS false, SQLSTATE 55000,
  // which is too broad to map by code) and pg's own words for a connection cut under it (a query
  // sent on it afterwards is refused with the second).
  if (
    /is not currently accepting connections|Connection terminated|encountered a connection error and is not queryable/i.test(
      message,
    )
  )
    return "unavailable";
  return undefined;
}

/** What kind of database failure `error` is, or undefined for anything else. */
export function classifyDbError(error: unknown): DbErrorKind | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    const kind = kindOfOne(record);
    if (kind) return kind;
    queue.push(record.cause);
    const meta = record.meta as Record<string, unknown> | undefined;
    if (meta && typeof meta === "object") queue.push(meta.driverAdapterError);
  }
  return undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return classifyDbError(error) === "unique";
}

/** The database cannot take writes now (disk full, read-only, I/O error, unreachable). */
export function isStorageUnavailable(error: unknown): boolean {
  const kind = classifyDbError(error);
  return kind === "disk_full" || kind === "read_only" || kind === "unavailable";
}
