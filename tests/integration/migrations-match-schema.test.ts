/**
 * The migrations, applied in order to an empty database, give every table, column and index the
 * Prisma schema declares. Migrations written on parallel branches can each rebuild a SQLite table
 * from their own copy of the schema and so drop each other's columns; this catches it. Objects
 * the schema cannot express (the full-text search table and column, ADR 180) may exist besides.
 * SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, test } from "vitest";
import { databaseKinds, createTestDatabase } from "../helpers/db";

/** The SQL that creates the schema from nothing, as Prisma writes it. */
function schemaSql(kind: "sqlite" | "postgresql"): string {
  const schema = kind === "sqlite" ? "prisma/schema.prisma" : "prisma/postgresql/schema.prisma";
  // prisma.config.ts opens the database the URL names; give it a scratch one (a fresh clone has no data/).
  const url =
    kind === "sqlite"
      ? `file:${path.join(mkdtempSync(path.join(os.tmpdir(), "tandem-diff-")), "scratch.sqlite")}`
      : (process.env.TEST_DATABASE_URL ?? "");
  return execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"],
    {
      encoding: "utf8",
      env: { ...process.env, PRISMA_SCHEMA: kind === "postgresql" ? "postgresql" : "", DATABASE_URL: url },
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
}

const IGNORED = /^(_prisma_migrations|sqlite_|ConversationSearch)/;

function sqliteShape(conn: Database.Database): Set<string> {
  const out = new Set<string>();
  const tables = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  for (const { name } of tables) {
    if (IGNORED.test(name)) continue;
    for (const c of conn.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string }[])
      out.add(`${name}.${c.name} ${c.type}`);
  }
  for (const { name } of conn.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as {
    name: string;
  }[])
    if (!IGNORED.test(name)) out.add(`index ${name}`);
  return out;
}

async function postgresShape(url: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out = new Set<string>();
    const cols = await client.query<{ t: string; c: string; d: string }>(
      "SELECT table_name AS t, column_name AS c, data_type AS d FROM information_schema.columns WHERE table_schema = 'public'",
    );
    for (const r of cols.rows) if (!IGNORED.test(r.t) && r.c !== "searchVector") out.add(`${r.t}.${r.c} ${r.d}`);
    const idx = await client.query<{ n: string }>("SELECT indexname AS n FROM pg_indexes WHERE schemaname = 'public'");
    for (const r of idx.rows) if (!IGNORED.test(r.n) && !r.n.includes("searchVector")) out.add(`index ${r.n}`);
    return out;
  } finally {
    await client.end();
  }
}

describe.each(databaseKinds)("migrations on %s", (kind) => {
  test("give exactly the tables, columns and indexes of the schema", { timeout: 120_000 }, async () => {
    const migrated = await createTestDatabase(kind); // migrated by the project's own migrator
    try {
      if (kind === "sqlite") {
        const fresh = new Database(path.join(mkdtempSync(path.join(os.tmpdir(), "tandem-shape-")), "s.sqlite"));
        fresh.exec(schemaSql("sqlite"));
        const conn = new Database(migrated.url.replace(/^file:/, ""), { readonly: true });
        expect([...sqliteShape(conn)].sort()).toEqual([...sqliteShape(fresh)].sort());
        conn.close();
        fresh.close();
      } else {
        const other = await createTestDatabase("postgresql");
        const client = new pg.Client({ connectionString: other.url });
        await client.connect();
        // An empty database of the same server, built from the schema instead of the migrations.
        await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        await client.query(schemaSql("postgresql"));
        await client.end();
        expect([...(await postgresShape(migrated.url))].sort()).toEqual([...(await postgresShape(other.url))].sort());
        await other.close();
      }
    } finally {
      await migrated.close();
    }
  });
});
