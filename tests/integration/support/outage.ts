/**
 * A real database outage for one test database, without touching the server others use:
 * - SQLite: another connection holds the write lock (BEGIN EXCLUSIVE) past the app's busy timeout,
 *   so every write fails with SQLITE_BUSY (reads go on, as they do in WAL mode);
 * - PostgreSQL: the test database stops accepting connections (ALLOW_CONNECTIONS false) and its
 *   open connections are terminated (pg_terminate_backend), so every query fails.
 * `end()` lifts it; the app recovers by itself.
 */
import Database from "better-sqlite3";
import pg from "pg";
import type { TestDatabase } from "../../helpers/db";

export interface Outage {
  /** Whether reads fail too (PostgreSQL) or only writes (SQLite). */
  reads: boolean;
  end(): Promise<void>;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const base = new URL(url);
  base.pathname = "/postgres";
  const client = new pg.Client({ connectionString: base.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function startOutage(database: TestDatabase): Promise<Outage> {
  if (database.kind === "sqlite") {
    const lock = new Database(database.url.replace(/^file:/, ""));
    lock.exec("BEGIN EXCLUSIVE");
    return {
      reads: false,
      async end() {
        lock.exec("ROLLBACK");
        lock.close();
      },
    };
  }
  const name = new URL(database.url).pathname.slice(1);
  await adminQuery(database.url, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  await adminQuery(
    database.url,
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
  );
  return {
    reads: true,
    end: () => adminQuery(database.url, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`),
  };
}
