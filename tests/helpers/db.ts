/**
 * Real databases for tests. SQLite: a migrated template file is made once per run and copied per
 * test file (fast). PostgreSQL: when TEST_DATABASE_URL is set, each call creates a fresh schema-less
 * database cloned from a migrated template database.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { migrate } from "../../app/db/migrate.server";
import { createDb, type Db } from "../../app/db.server";

const TMP = path.resolve("tmp/test-db");

export interface TestDatabase {
  url: string;
  kind: "sqlite" | "postgresql";
  db: Db;
  close(): Promise<void>;
}

async function sqliteTemplate(): Promise<string> {
  mkdirSync(TMP, { recursive: true });
  const template = path.join(TMP, `template-${process.pid}.sqlite`);
  if (!existsSync(template)) await migrate(`file:${template}`);
  return template;
}

export async function createSqliteDatabase(): Promise<TestDatabase> {
  const template = await sqliteTemplate();
  const file = path.join(TMP, `${randomUUID()}.sqlite`);
  copyFileSync(template, file);
  for (const suffix of ["-wal", "-shm"])
    if (existsSync(template + suffix)) copyFileSync(template + suffix, file + suffix);
  const url = `file:${file}`;
  const db = createDb(url);
  return { url, kind: "sqlite", db, close: () => db.$disconnect() };
}

let pgTemplateReady: Promise<string> | undefined;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function pgTemplate(base: string): Promise<string> {
  pgTemplateReady ??= (async () => {
    const name = `tandem_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    await migrate(withDatabase(base, name));
    return name;
  })();
  return pgTemplateReady;
}

/** A fresh PostgreSQL database migrated to the latest schema; dropped on close. */
export async function createPostgresDatabase(base = process.env.TEST_DATABASE_URL): Promise<TestDatabase> {
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const template = await pgTemplate(base);
  const name = `tandem_t_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.end();
  const url = withDatabase(base, name);
  const db = createDb(url);
  return {
    url,
    kind: "postgresql",
    db,
    async close() {
      await db.$disconnect();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * The databases an integration suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
 * `TEST_DATABASE_KINDS=postgresql` keeps only PostgreSQL: `npm test` sets it for its PostgreSQL step,
 * whose suites already ran their SQLite cases in the SQLite step.
 */
export const databaseKinds: ("sqlite" | "postgresql")[] = (() => {
  const all: ("sqlite" | "postgresql")[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgresql"] : ["sqlite"];
  const only = process.env.TEST_DATABASE_KINDS?.split(",").map((k) => k.trim());
  if (!only) return all;
  const kept = all.filter((k) => only.includes(k));
  if (kept.length === 0) throw new Error(`TEST_DATABASE_KINDS=${process.env.TEST_DATABASE_KINDS} keeps no database`);
  return kept;
})();

export function createTestDatabase(kind: "sqlite" | "postgresql"): Promise<TestDatabase> {
  return kind === "sqlite" ? createSqliteDatabase() : createPostgresDatabase();
}
