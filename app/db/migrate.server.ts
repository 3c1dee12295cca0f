import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { sqlitePath } from "../db.server";

/**
 * Applies the committed migration SQL files in order and records them in `_prisma_migrations`
 * with Prisma's own columns and checksums, so `prisma migrate deploy` agrees with what ran.
 * Used for PostgreSQL (Prisma's JS schema engine cannot migrate it offline), by tests and by
 * the demo, where spawning the CLI would cost seconds.
 */
export interface MigrationResult {
  applied: string[];
  skipped: number;
}

function migrationsDir(kind: "sqlite" | "postgresql", root = process.cwd()): string {
  return kind === "sqlite"
    ? path.join(root, "prisma", "migrations")
    : path.join(root, "prisma", "postgresql", "migrations");
}

function listMigrations(dir: string): { name: string; sql: string; checksum: string }[] {
  if (!existsSync(dir)) throw new Error(`no migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE_SQLITE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;
const CREATE_TABLE_PG = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

export async function migrate(url: string, root = process.cwd()): Promise<MigrationResult> {
  if (url.startsWith("file:")) return migrateSqlite(url, root);
  return migratePostgres(url, root);
}

function migrateSqlite(url: string, root: string): MigrationResult {
  const conn = new Database(sqlitePath(url));
  try {
    conn.pragma("journal_mode = WAL");
    conn.exec(CREATE_TABLE_SQLITE);
    const done = new Set(
      (
        conn.prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`).all() as {
          migration_name: string;
        }[]
      ).map((r) => r.migration_name),
    );
    const applied: string[] = [];
    const all = listMigrations(migrationsDir("sqlite", root));
    for (const m of all) {
      if (done.has(m.name)) continue;
      conn.transaction(() => {
        conn.exec(m.sql);
        conn
          .prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, current_timestamp, ?, 1)`,
          )
          .run(randomUUID(), m.checksum, m.name);
      })();
      applied.push(m.name);
    }
    return { applied, skipped: all.length - applied.length };
  } finally {
    conn.close();
  }
}

async function migratePostgres(url: string, root: string): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time across processes.
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(CREATE_TABLE_PG);
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
    );
    const done = new Set(rows.map((r) => r.migration_name));
    const applied: string[] = [];
    const all = listMigrations(migrationsDir("postgresql", root));
    for (const m of all) {
      if (done.has(m.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      applied.push(m.name);
    }
    return { applied, skipped: all.length - applied.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock(727274)").catch(() => undefined);
    await client.end();
  }
}
