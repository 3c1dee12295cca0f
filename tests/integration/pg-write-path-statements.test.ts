/**
 * The PostgreSQL write path (ADR 242): notifications collected in a unit are delivered once it
 * commits (sent with its COMMIT, quoted by the driver), never when it rolls back; statements run
 * as named prepared statements. A unit's writes whose result it does not read (ADR 245) travel with
 * its next statement or its COMMIT, as literals that read back exactly as parameters do, and their
 * errors fail the unit. Runs when TEST_DATABASE_URL is set.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pgPoolOf } from "../../app/db.server";
import { pgSql, pgWriteUnit } from "../../app/db/pg-sql.server";
import { createPostgresDatabase, type TestDatabase } from "../helpers/db";
import { roundTrips } from "../helpers/pg-round-trips";
import { createPgPool } from "../../app/db/pg-pool.server";
import { classifyDbError } from "../../app/db/errors.server";

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

  describe("writes sent with the unit's next statement", () => {
    beforeAll(async () => {
      await database.db.$executeRawUnsafe(
        `CREATE TABLE IF NOT EXISTS "DeferProbe" ("id" text PRIMARY KEY, "t" text, "n" integer, "f" double precision, "b" boolean, "at" timestamp(3))`,
      );
    });
    const INSERT = `INSERT INTO "DeferProbe" ("id", "t", "n", "f", "b", "at") VALUES ($1, $2, $3, $4, $5, $6)`;
    const read = async (id: string) =>
      (await pgPoolOf(database.db)!.query(`SELECT "t", "n", "f", "b", "at" FROM "DeferProbe" WHERE "id" = $1`, [id]))
        .rows[0] as { t: string | null; n: number | null; f: number | null; b: boolean | null; at: Date | null };

    const unitRoundTrips = <T>(fn: Parameters<typeof pgWriteUnit<T>>[1]) =>
      roundTrips(pgPoolOf(database.db)!, () => pgWriteUnit(pgPoolOf(database.db)!, fn));

    test("values written as literals read back exactly as the same values written as parameters", async () => {
      const awkward = [
        `it's "quoted" \\ back\\slash; DROP TABLE "DeferProbe"; --`,
        "$1 $2 $10 placeholders inside a value",
        "E'not an escape' and unicode: é 中文 🙂 \u202e",
        "",
      ];
      const at = new Date("2026-12-07T15:04:05.678Z");
      for (const [i, t] of awkward.entries()) {
        const row = [t, i - 2, 1.25 + i, i % 2 === 0, at];
        await pgWriteUnit(pgPoolOf(database.db)!, async (q) => {
          await q.write(INSERT, `lit-${i}`, ...row);
          await q.run(INSERT, `par-${i}`, ...row);
        });
        const literal = await read(`lit-${i}`);
        expect(literal).toEqual(await read(`par-${i}`));
        expect(literal).toEqual({ t, n: i - 2, f: 1.25 + i, b: i % 2 === 0, at });
      }
      await pgWriteUnit(pgPoolOf(database.db)!, (q) => q.write(INSERT, "nulls", null, null, null, null, undefined));
      expect(await read("nulls")).toEqual({ t: null, n: null, f: null, b: null, at: null });
      // PostgreSQL refuses a NUL in a text: the same refusal either way.
      const nul = (write: boolean) =>
        pgWriteUnit(pgPoolOf(database.db)!, async (q) => {
          const args = [INSERT, `nul-${write}`, "a\u0000b", 0, 0, true, null] as const;
          if (write) await q.write(...args);
          else await q.run(...args);
        }).catch((e: { code?: string }) => e.code);
      expect(await nul(true)).toBe(await nul(false));
      expect(await nul(true)).toBe("22021");
    });

    test("BEGIN and the writes go with the next statement, which sees them; the rest with the COMMIT", async () => {
      const { value, sent } = await unitRoundTrips(async (q) => {
        const before = await q.one<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "DeferProbe" WHERE "id" LIKE 'rt-%'`);
        await q.write(INSERT, "rt-1", "a", 1, 1, true, new Date());
        await q.write(INSERT, "rt-2", "b", 2, 2, false, new Date());
        const seen = await q.one<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "DeferProbe" WHERE "id" LIKE 'rt-%'`);
        await q.write(INSERT, "rt-3", "c", 3, 3, true, new Date());
        await q.notify(CHANNEL, "rt");
        return { before: before?.n, seen: seen?.n };
      });
      expect(value).toEqual({ before: 0, seen: 2 });
      expect(sent).toHaveLength(3);
      expect(sent[0]).toMatch(/^BEGIN; SELECT COUNT/);
      expect(sent[1]).toMatch(/^INSERT INTO "DeferProbe".*'rt-1'.*; INSERT INTO "DeferProbe".*'rt-2'.*; SELECT COUNT/s);
      expect(sent[2]).toMatch(
        /^INSERT INTO "DeferProbe".*'rt-3'.*; SELECT pg_notify\('tandem_test_write_path', 'rt'\); COMMIT$/s,
      );
      expect((await read("rt-3"))?.t).toBe("c");
    });

    test("a unit that sends nothing costs no round trip", async () => {
      const { sent } = await unitRoundTrips(async () => "nothing");
      expect(sent).toEqual([]);
    });

    test("a write that fails fails its unit wherever it was sent, commits nothing, and the connection stays usable", async () => {
      const pool = pgPoolOf(database.db)!;
      await pgWriteUnit(pool, (q) => q.write(INSERT, "taken", "x", 0, 0, true, new Date()));
      // Failing with the COMMIT: the first write of the unit must not stay either.
      await expect(
        pgWriteUnit(pool, async (q) => {
          await q.write(INSERT, "fail-1", "x", 0, 0, true, new Date());
          await q.write(INSERT, "taken", "again", 0, 0, true, new Date());
        }),
      ).rejects.toMatchObject({ code: "23505" });
      expect(await read("fail-1")).toBeUndefined();
      // Failing with the next statement: the statement's result is never returned.
      await expect(
        pgWriteUnit(pool, async (q) => {
          await q.write(INSERT, "fail-2", "x", 0, 0, true, new Date());
          await q.write(INSERT, "taken", "again", 0, 0, true, new Date());
          return q.one(`SELECT 1 AS "one"`);
        }),
      ).rejects.toMatchObject({ code: "23505" });
      expect(await read("fail-2")).toBeUndefined();
      for (let i = 0; i < 3; i++) {
        expect((await pgWriteUnit(pool, (q) => q.one<{ one: number }>(`SELECT 1 AS "one"`)))?.one).toBe(1);
      }
      const idle = await pool.query(
        `SELECT COUNT(*)::int AS "n" FROM pg_stat_activity WHERE "datname" = current_database() AND "state" = 'idle in transaction (aborted)'`,
      );
      expect(idle.rows[0].n).toBe(0);
    });

    test("a write with a value that has no literal (an array) runs with parameters, in order", async () => {
      const { sent } = await unitRoundTrips(async (q) => {
        await q.write(INSERT, "order-1", "first", 1, 1, true, new Date());
        await q.write(`UPDATE "DeferProbe" SET "t" = array_to_string($2::text[], ',') WHERE "id" = $1`, "order-1", [
          "second",
          "third",
        ]);
      });
      expect((await read("order-1"))?.t).toBe("second,third");
      expect(sent[0]).toMatch(/^BEGIN; INSERT INTO "DeferProbe"/);
      expect(sent[1]).toMatch(/^UPDATE "DeferProbe"/);
      expect(sent[2]).toBe("COMMIT");
    });
  });

  test("a connection the server cuts while it is checked out fails its next statement as an outage, and the process lives", async () => {
    const pool = createPgPool({ connectionString: database.url, max: 2 });
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      // Checked out, and its borrower has no 'error' listener of its own (as between the pool
      // handing it over and the borrower's next line).
      const client = await pool.connect();
      const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      await database.db.$queryRawUnsafe("SELECT pg_terminate_backend($1::int)", pid);
      await new Promise((r) => setTimeout(r, 300));
      const failed = await client.query("SELECT 1").then(
        () => null,
        (e: unknown) => e,
      );
      expect(classifyDbError(failed)).toBe("unavailable");
      client.release(failed as Error);
      expect(uncaught).toEqual([]);
      // The pool makes a new connection for the next statement.
      expect((await pool.query<{ one: number }>("SELECT 1 AS one")).rows[0]!.one).toBe(1);
    } finally {
      process.off("uncaughtException", onUncaught);
      await pool.end();
    }
  });
});
