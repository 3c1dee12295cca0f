/**
 * The lock on the one SQLite connection (app/db/sqlite-serialized.server.ts `createLock`, ADR 247):
 * first in, first out within a lane; after each Prisma holder every app unit waiting at that moment
 * goes first; Prisma still gets the connection between two app turns.
 */
import { describe, expect, test } from "vitest";
import { createLock, type LockLane } from "../../../app/db/sqlite-serialized.server";

/** Asks for the lock in `lane`, records `name` when granted, and returns its release. */
function ask(acquire: ReturnType<typeof createLock>, order: string[], name: string, lane: LockLane) {
  return acquire(lane).then((release) => {
    order.push(name);
    return release;
  });
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("the SQLite connection's lock", () => {
  test("one holder at a time, in the order asked within a lane", async () => {
    const acquire = createLock();
    const order: string[] = [];
    const first = await ask(acquire, order, "a1", "app");
    const rest = ["a2", "a3", "a4"].map((n) => ask(acquire, order, n, "app"));
    await settle();
    expect(order).toEqual(["a1"]);
    first();
    for (const p of rest) (await p)();
    expect(order).toEqual(["a1", "a2", "a3", "a4"]);
  });

  test("app units waiting when a Prisma holder releases go before the Prisma ones queued ahead of them", async () => {
    const acquire = createLock();
    const order: string[] = [];
    const holder = await ask(acquire, order, "p0", "prisma");
    // A batch of replies that each escalate: 5 Prisma transactions queued, then a shopper message.
    const prisma = [1, 2, 3, 4, 5].map((i) => ask(acquire, order, `p${i}`, "prisma"));
    const app = ask(acquire, order, "write", "app");
    await settle();
    holder();
    (await app)();
    for (const p of prisma) (await p)();
    expect(order).toEqual(["p0", "write", "p1", "p2", "p3", "p4", "p5"]);
  });

  test("Prisma gets the connection between two app turns: a stream of app units never starves it", async () => {
    const acquire = createLock();
    const order: string[] = [];
    let release = await ask(acquire, order, "a0", "app");
    const prisma = ask(acquire, order, "p1", "prisma");
    // Each app holder asks again before it releases: without turns the app lane would never empty.
    for (let i = 1; i <= 3; i++) {
      const next = ask(acquire, order, `a${i}`, "app");
      release();
      if (i === 1) (await prisma)();
      release = await next;
    }
    release();
    expect(order).toEqual(["a0", "p1", "a1", "a2", "a3"]);
  });

  test("an app turn is the units waiting when it began: those that ask during it wait for the next Prisma holder", async () => {
    const acquire = createLock();
    const order: string[] = [];
    const p0 = await ask(acquire, order, "p0", "prisma");
    const a1 = ask(acquire, order, "a1", "app");
    const p1 = ask(acquire, order, "p1", "prisma");
    await settle();
    p0();
    const r1 = await a1;
    const a2 = ask(acquire, order, "a2", "app"); // asks during a1's turn
    r1();
    (await p1)();
    (await a2)();
    expect(order).toEqual(["p0", "a1", "p1", "a2"]);
  });

  test("a release called twice frees the lock once", async () => {
    const acquire = createLock();
    const order: string[] = [];
    const first = await ask(acquire, order, "a1", "app");
    const second = ask(acquire, order, "a2", "app");
    const third = ask(acquire, order, "a3", "app");
    first();
    first();
    await settle();
    expect(order).toEqual(["a1", "a2"]);
    (await second)();
    (await third)();
    expect(order).toEqual(["a1", "a2", "a3"]);
  });
});
