import { afterAll, beforeAll, describe, expect, test } from "vitest";
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
});
