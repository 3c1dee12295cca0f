/**
 * The analytics' group figures (app/db/raw-sql.server.ts `figuresBy`, `medianBy`): the same answers
 * from SQLite's one-pass aggregate (app/db/sqlite-functions.server.ts) and PostgreSQL's
 * percentile_cont — the middle value of an odd count, the mean of the middle two of an even one,
 * NULLs left out of a value's median, count and sum but counted as rows, a group with no values.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { num, numOrNull, query } from "~/db/raw-sql.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

const ROWS: [string, number | null, number | null][] = [
  ["a", 1, 10],
  ["a", 9, null],
  ["a", 4, 30],
  ["b", 2, 5],
  ["b", 8, 7],
  ["b", 3, null],
  ["b", 100, 1],
  ["c", null, null],
];

describe.each(databaseKinds)("group figures on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const from = () => {
    const v = (x: number | null) => (x === null ? "CAST(NULL AS DOUBLE PRECISION)" : `CAST(${x} AS DOUBLE PRECISION)`);
    const rows = ROWS.map(([g, x, y]) => `SELECT '${g}' AS gg, ${v(x)} AS x, ${v(y)} AS y`).join(" UNION ALL ");
    return `FROM (${rows}) AS t`;
  };

  test("per group: rows, and each value's median, count and sum", async () => {
    const q = query(t.db);
    const rows = await q.all<Record<string, unknown>>(t.db, q.figuresBy("gg", { x: "x", y: "y" }, from()));
    const byGroup = Object.fromEntries(
      rows.map((r) => [
        String(r.g),
        {
          rows: num(r.rows),
          x: [numOrNull(r.xMedian), num(r.xCount), num(r.xSum)],
          y: [numOrNull(r.yMedian), num(r.yCount), num(r.ySum)],
        },
      ]),
    );
    expect(byGroup).toEqual({
      a: { rows: 3, x: [4, 3, 14], y: [20, 2, 40] },
      b: { rows: 4, x: [5.5, 4, 113], y: [5, 3, 13] },
      c: { rows: 1, x: [null, 0, 0], y: [null, 0, 0] },
    });
  });

  test("medianBy leaves out a group without values, and one group over everything", async () => {
    const q = query(t.db);
    const rows = await q.all<{ g: unknown; median: unknown; n: unknown }>(t.db, q.medianBy("gg", "x", from()));
    expect(Object.fromEntries(rows.map((r) => [String(r.g), [num(r.median), num(r.n)]]))).toEqual({
      a: [4, 3],
      b: [5.5, 4],
    });
    const all = query(t.db);
    const [one] = await all.all<{ median: unknown; n: unknown }>(t.db, all.medianBy("1", "y", from()));
    expect([num(one?.median), num(one?.n)]).toEqual([7, 5]); // 1, 5, 7, 10, 30
  });
});
