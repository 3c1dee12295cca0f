/**
 * SQLite connection settings (ADR 073) and WAL checkpoints on a background thread (ADR 075), on a
 * real database file: the app connection's pragmas, the thread copying the WAL back while the app
 * keeps writing, and a clean stop.
 */
import { statSync } from "node:fs";
import { afterEach, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createDb, sqliteFileOf, withSqliteConnection } from "../../app/db.server";
import { BACKSTOP_PAGES, RESTART_FRAMES, startBackgroundCheckpoints } from "../../app/db/checkpointer.server";
import { writeUnit } from "../../app/db/sql.server";

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

const pragma = (db: TestDatabase["db"], name: string) =>
  withSqliteConnection((conn) => conn.pragma(name, { simple: true }) as number | bigint, db);

describe("SQLite connection settings", () => {
  test("synchronous NORMAL by default, FULL on request, temp store in memory", async () => {
    database = await createTestDatabase("sqlite");
    expect(Number(await pragma(database.db, "synchronous"))).toBe(1);
    expect(Number(await pragma(database.db, "temp_store"))).toBe(2);
    const full = createDb(database.url, { sqliteSynchronous: "full" });
    try {
      expect(Number(await pragma(full, "synchronous"))).toBe(2);
    } finally {
      await full.$disconnect();
    }
  });
});

describe("background checkpoints", () => {
  test("copy the WAL back while the app writes, with the app's own checkpoints as a backstop", async () => {
    database = await createTestDatabase("sqlite");
    const db = database.db;
    const file = sqliteFileOf(db)!;
    const checkpoints = await startBackgroundCheckpoints(db, { everyMs: 20 });
    try {
      expect(Number(await pragma(db, "wal_autocheckpoint"))).toBe(BACKSTOP_PAGES);
      await db.shop.create({ data: { shop: "wal.myshopify.com" } });
      for (let round = 0; round < 20; round++) {
        await db.$transaction(
          Array.from({ length: 25 }, (_, i) =>
            db.knowledgeEntry.create({
              data: { shop: "wal.myshopify.com", question: `Q ${round}-${i}?`, answer: "A".repeat(400) },
            }),
          ),
        );
      }
      // The thread catches up: everything in the WAL has been copied into the database file.
      for (let waited = 0; waited < 5_000; waited += 20) {
        const s = checkpoints.stats();
        if (s.checkpoints > 2 && s.mostDone > 0 && s.lastDone === s.lastLog) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const stats = checkpoints.stats();
      expect(stats.errors).toBe(0);
      expect(stats.mostDone).toBeGreaterThan(0);
      expect(stats.lastDone).toBe(stats.lastLog);
      expect(statSync(file).size).toBeGreaterThan(500 * 400);
      expect(await db.knowledgeEntry.count()).toBe(500);
    } finally {
      await checkpoints.stop();
    }
    // Stopped: no more checkpoints, the app's connection still works.
    const after = checkpoints.stats().checkpoints;
    await new Promise((r) => setTimeout(r, 100));
    expect(checkpoints.stats().checkpoints).toBe(after);
    expect(await db.knowledgeEntry.count()).toBe(500);
  });

  test("under a steady stream of group commits the WAL is rewound instead of growing to the backstop", async () => {
    database = await createTestDatabase("sqlite");
    const db = database.db;
    const file = sqliteFileOf(db)!;
    await db.shop.create({ data: { shop: "wal.myshopify.com" } });
    const checkpoints = await startBackgroundCheckpoints(db, { everyMs: 20 });
    const page = 4096 + 24; // a WAL frame
    const UNITS = 1_500;
    let rows = 0;
    try {
      // Back-to-back commits of about ten pages each, no pause for the thread to catch up in: about
      // eight times RESTART_FRAMES frames in all, half again the backstop, so a WAL that is never
      // rewound reaches the backstop.
      for (let unit = 0; unit < UNITS; unit++) {
        await writeUnit(async (q) => {
          for (let i = 0; i < 10; i++) {
            await q.run(
              `INSERT INTO "KnowledgeEntry" ("id", "shop", "question", "answer", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $5)`,
              `wal-${unit}-${i}`,
              "wal.myshopify.com",
              `Q ${unit}-${i}?`,
              "A".repeat(3000),
              new Date(),
            );
          }
        }, db);
        rows += 10;
        // The next unit arrives a moment later, as requests do.
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const stats = checkpoints.stats();
      expect(stats.errors).toBe(0);
      // The group commit made gaps, and at least one of them let the thread copy the whole WAL with
      // nothing written meanwhile.
      expect(stats.gaps).toBeGreaterThan(0);
      expect(stats.completeGaps).toBeGreaterThan(0);
      // The WAL file is as large as the WAL ever was: far under what was written and under the
      // backstop. How far above RESTART_FRAMES it gets depends on how long a checkpoint takes: a few
      // milliseconds on an idle disk, up to 250 ms while other processes sync files (the thread
      // reports the WAL's length only when its checkpoint ends).
      const written = rows * page;
      expect(written).toBeGreaterThan(BACKSTOP_PAGES * page * 1.4);
      expect(statSync(`${file}-wal`).size).toBeLessThan(BACKSTOP_PAGES * page * 0.75);
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(RESTART_FRAMES * page * 0.5);
      expect(await db.knowledgeEntry.count()).toBe(UNITS * 10);
    } finally {
      await checkpoints.stop();
    }
  });

  test("is a no-op for a database that is not SQLite", async () => {
    const fake = {} as TestDatabase["db"];
    const checkpoints = await startBackgroundCheckpoints(fake);
    expect(checkpoints.stats().checkpoints).toBe(0);
    await checkpoints.stop();
  });
});
