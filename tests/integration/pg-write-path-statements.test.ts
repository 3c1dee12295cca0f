/**
 * The PostgreSQL write path (ADR 242): notifications collected in a unit are delivered once it
 * commits (sent with its COMMIT, quoted by the driver), never when it rolls back; statements run
 * as named prepared statements. Runs when TEST_DATABASE_URL is set.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pgPoolOf } from "../../app/db.server";
import { pgSql, pgWriteUnit } from "../../app/db/pg-sql.server";
import { createPostgresDatabase, type TestDatabase } from "../helpers/db";

const enabled = Boolean(process.env.TEST_DATABASE_URL);
const CHANNEL = "tandem_test_write_path";

describe.runIf(enabled)("the PostgreSQL write path's statements", () => {
  let database: TestDatabase;
  let listener: pg.Client;
  const heard: string[] = [];
  beforeAll(async () => {
    database = await createPostgresDatabase();
    listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    listener.on("notification", (n) => heard.push(n.payload ?? ""));
    await listener.query(`LISTEN ${CHANNEL}`);
  });
  afterAll(async () => {
    await listener?.end();
    await database?.close();
  });

  const settle = () => new Promise((r) => setTimeout(r, 200));

  test("a unit's notifications arrive after its commit, intact, and not at all after a rollback", async () => {
    const pool = pgPoolOf(database.db)!;
    heard.length = 0;
    const awkward = `it's a "quote" \\ and ${"é".repeat(3)}; COMMIT; --`;
    await pgWriteUnit(pool, async (q) => {
      await q.notify(CHANNEL, "first");
      await q.notify(CHANNEL, awkward);
      await settle();
      // Nothing is delivered before the unit commits.
      expect(heard).toEqual([]);
    });
    await settle();
    expect(heard).toEqual(["first", awkward]);

    heard.length = 0;
    await expect(
      pgWriteUnit(pool, async (q) => {
        await q.notify(CHANNEL, "rolled back");
        throw new Error("the unit fails");
      }),
    ).rejects.toThrow("the unit fails");
    await settle();
    expect(heard).toEqual([]);
  });

  test("a notification that cannot be sent fails the unit and commits nothing", async () => {
    const pool = pgPoolOf(database.db)!;
    await database.db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "WritePathProbe" ("id" text PRIMARY KEY)`);
    heard.length = 0;
    // PostgreSQL refuses payloads of 8,000 bytes and more.
    await expect(
      pgWriteUnit(pool, async (q) => {
        await q.run(`INSERT INTO "WritePathProbe" ("id") VALUES ($1)`, "kept?");
        await q.notify(CHANNEL, "x".repeat(9000));
      }),
    ).rejects.toThrow();
    await settle();
    expect(heard).toEqual([]);
    const rows = await database.db.$queryRawUnsafe<unknown[]>(`SELECT "id" FROM "WritePathProbe"`);
    expect(rows).toEqual([]);
    // The connection went back to the pool usable.
    const next = await pgWriteUnit(pool, (q) => q.one<{ one: number }>("SELECT 1 AS one"));
    expect(next?.one).toBe(1);
  });

  test("statements are prepared once per connection and reused", async () => {
    const pool = pgPoolOf(database.db)!;
    const conn = await pool.connect();
    try {
      const q = pgSql(conn, []);
      const text = `SELECT $1::int + 1 AS "n" /* prepared-statement probe */`;
      for (let i = 0; i < 3; i++) expect((await q.one<{ n: number }>(text, i))?.n).toBe(i + 1);
      const prepared = await conn.query<{ name: string }>(
        `SELECT "name" FROM pg_prepared_statements WHERE "statement" LIKE '%prepared-statement probe%'`,
      );
      expect(prepared.rows).toHaveLength(1);
      expect(prepared.rows[0]!.name).toMatch(/^tandem_w\d+$/);
    } finally {
      conn.release();
    }
  });
});
