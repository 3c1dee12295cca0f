/**
 * PostgreSQL ending a connection while the write path holds it (a restart, a failover, an operator's
 * pg_terminate_backend) fails that unit of work; it must never end the process (the pool listens for
 * errors only on its idle connections). Runs when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pgPoolOf } from "../../app/db.server";
import { pgWriteUnit } from "../../app/db/pg-sql.server";
import { createPostgresDatabase, type TestDatabase } from "../helpers/db";

const enabled = Boolean(process.env.TEST_DATABASE_URL);

describe.runIf(enabled)("a PostgreSQL connection ended during a unit of work", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createPostgresDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  test("fails the unit, leaves the process running, and the next unit works", async () => {
    const pool = pgPoolOf(database.db)!;
    expect(pool).toBeDefined();
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      const unit = pgWriteUnit(pool, async (q) => {
        const me = await q.one<{ pid: number }>("SELECT pg_backend_pid() AS pid");
        // Another connection ends this one while the unit waits between two statements.
        await database.db.$queryRawUnsafe(`SELECT pg_terminate_backend(${Number(me!.pid)})`);
        await new Promise((r) => setTimeout(r, 300));
        return q.one("SELECT 1 AS one");
      });
      await expect(unit).rejects.toThrow();
      expect(uncaught).toEqual([]);
      const next = await pgWriteUnit(pool, (q) => q.one<{ one: number }>("SELECT 1 AS one"));
      expect(next?.one).toBe(1);
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });
});
