import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { writeUnit } from "../../app/db/sql.server";
import { createSqliteDatabase, type TestDatabase } from "../helpers/db";

describe("SQLite client", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createSqliteDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  test("a query issued while a transaction is open neither sees its uncommitted rows nor rolls back with it", async () => {
    let releaseTx!: () => void;
    const txMayFinish = new Promise<void>((resolve) => (releaseTx = resolve));
    let txStarted!: () => void;
    const started = new Promise<void>((resolve) => (txStarted = resolve));

    const tx = t.db
      .$transaction(async (client) => {
        await client.shop.create({ data: { shop: "inside.myshopify.com" } });
        txStarted();
        await txMayFinish;
        throw new Error("roll back");
      })
      .catch((error: Error) => error.message);

    await started;
    // Prisma queries are lazy: .then() sends them now.
    const outsideRead = t.db.shop.findUnique({ where: { shop: "inside.myshopify.com" } }).then((row) => row);
    const outsideWrite = t.db.shop.create({ data: { shop: "outside.myshopify.com" } }).then((row) => row);
    // Give both queries time to reach the driver while the transaction is still open.
    await new Promise((resolve) => setTimeout(resolve, 150));
    releaseTx();

    expect(await tx).toBe("roll back");
    expect(await outsideRead).toBeNull();
    await outsideWrite;
    const shops = await t.db.shop.findMany({ select: { shop: true } });
    expect(shops.map((s) => s.shop)).toEqual(["outside.myshopify.com"]);
  });

  test("a write unit waits for the Prisma transaction that holds the connection, not for those queued behind it", async () => {
    // Ten interactive transactions that each hold the connection across an await (as an
    // escalation does), all queued at once, then one unit of the write path (a shopper's message).
    const before = await t.db.shop.count();
    const finished: string[] = [];
    const hold = () => new Promise((resolve) => setTimeout(resolve, 20));
    const transactions = Array.from({ length: 10 }, (_, i) =>
      t.db
        .$transaction(async (tx) => {
          await tx.shop.create({ data: { shop: `burst-${i}.myshopify.com` } });
          await hold();
          await tx.shop.count();
        })
        .then(() => finished.push(`tx${i}`)),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const unit = writeUnit(
      (q) =>
        q.run(
          `INSERT INTO "Shop" ("shop", "installedAt", "updatedAt") VALUES ($1, $2, $2)`,
          "unit.myshopify.com",
          new Date(),
        ),
      t.db,
    ).then(() => finished.push("unit"));
    await Promise.all([...transactions, unit]);
    // The unit goes as soon as the transaction holding the connection commits.
    expect(finished.indexOf("unit")).toBeLessThanOrEqual(1);
    expect(finished).toHaveLength(11);
    expect(await t.db.shop.count()).toBe(before + 11);
  });
});
