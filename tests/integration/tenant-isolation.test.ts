/**
 * Tenant isolation: no repository function lets one shop read or change another shop's rows.
 *
 * Every exported function of every `app/repositories/<area>.server.ts` needs an entry in
 * `tests/integration/tenant-isolation/<area>.cases.ts`, which exports:
 *
 *   import type * as repo from "~/repositories/<area>.server";
 *   import type { IsolationCases } from "./types";
 *   export const cases: IsolationCases<typeof repo> = {
 *     // a case calls the function AS SHOP B, aiming at shop A's rows where it takes ids,
 *     // and checks that nothing of A comes back:
 *     async findThing({ a, b, expectNoLeak }) {
 *       expect(await findThing(b.shop, a.thingId)).toBeNull();
 *     },
 *     async listThings({ b, expectNoLeak }) {
 *       expectNoLeak(await listThings(b.shop));
 *     },
 *     // functions that never touch the database:
 *     formatThing: { pure: "formats a row, no database access" },
 *   };
 *
 * Repository functions called without a client use db(), which the harness points at the database
 * under test. For each database (SQLite; PostgreSQL when TEST_DATABASE_URL is set) two shops are seeded with a
 * row in every table (tenant-isolation/seed.ts): A once, B afresh before every case. After every
 * case the harness compares all of A's rows in every table with a snapshot taken before it, so
 * "shop B changed nothing of A" is checked for every function without writing it in the case.
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setDb } from "~/db.server";
import { deleteAllShopData } from "~/repositories/installation.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";
import { seedShop, snapshotShop, type SeededShop } from "./tenant-isolation/seed";
import { leakChecker, type IsolationCase, type PureFunction } from "./tenant-isolation/types";

const repositoryModules = import.meta.glob<Record<string, unknown>>("../../app/repositories/*.server.ts", {
  eager: true,
});
const caseModules = import.meta.glob<{ cases?: Record<string, IsolationCase | PureFunction> }>(
  "./tenant-isolation/*.cases.ts",
  { eager: true },
);

const areaOf = (file: string) => path.basename(file).replace(/\.(server|cases)\.ts$/, "");

interface Area {
  area: string;
  functions: string[];
  cases: Record<string, IsolationCase | PureFunction>;
}

const areas: Area[] = Object.entries(repositoryModules)
  .map(([file, mod]) => {
    const area = areaOf(file);
    const caseFile = Object.entries(caseModules).find(([f]) => areaOf(f) === area)?.[1];
    return {
      area,
      functions: Object.keys(mod)
        .filter((name) => typeof mod[name] === "function")
        .sort(),
      cases: caseFile?.cases ?? {},
    };
  })
  .sort((x, y) => x.area.localeCompare(y.area));

describe("tenant isolation coverage", () => {
  test("there are repository modules to check", () => {
    expect(areas.length).toBeGreaterThan(0);
  });

  test.each(areas.map((a) => [a.area, a] as const))(
    "every exported function of %s.server.ts has a case",
    (_name, area) => {
      const missing = area.functions.filter((fn) => !(fn in area.cases));
      expect(missing, `add these to tests/integration/tenant-isolation/${area.area}.cases.ts`).toEqual([]);
      const stale = Object.keys(area.cases).filter((fn) => !area.functions.includes(fn));
      expect(stale, `cases for functions that no longer exist in ${area.area}.server.ts`).toEqual([]);
    },
  );
});

describe.each(databaseKinds)("on %s, shop B can neither read nor change shop A's rows", (kind) => {
  let t: TestDatabase;
  let a: SeededShop;
  const id = randomUUID().slice(0, 6);
  const shopB = `bravo${id}.myshopify.com`;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setDb(t.db); // repository functions default to db()
    a = await seedShop(t.db, `alpha${id}.myshopify.com`);
  });
  afterAll(async () => {
    setDb(undefined);
    await t?.close();
  });

  const runnable = areas.flatMap((area) =>
    area.functions
      .map((fn) => [area.area, fn, area.cases[fn]] as const)
      .filter((entry): entry is readonly [string, string, IsolationCase] => typeof entry[2] === "function"),
  );

  test.each(runnable)("%s.%s", async (_area, _fn, run) => {
    setDb(t.db);
    await deleteAllShopData(shopB, t.db);
    const b = await seedShop(t.db, shopB);
    const before = await snapshotShop(t.db, a.shop);
    await run({ db: t.db, kind, a, b, expectNoLeak: leakChecker(a) });
    const after = await snapshotShop(t.db, a.shop);
    for (const table of Object.keys(before)) {
      expect(after[table], `shop A's ${table} rows changed`).toBe(before[table]);
    }
  });
});
