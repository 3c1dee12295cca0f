/**
 * SQL functions SQLite lacks, registered on every connection the app opens (app/db/sqlite-serialized.server.ts).
 *
 * `tandem_group_figures(group, v0, v1, …)`: an aggregate that keeps, for each group, its row count
 * and, for each value, the non-NULL values, and returns JSON text
 * `[[group, rows, [median0, count0, sum0], [median1, count1, sum1], …], …]` — the median being the
 * middle value or the mean of the middle two (null without values). One pass gives what a
 * window-function median (ROW_NUMBER and COUNT(*) OVER a partition, a sort and a buffered partition
 * per group) and a GROUP BY gave in several: ADR 238. PostgreSQL has percentile_cont for the same.
 */
import type { Database as SqliteConnection } from "better-sqlite3";

interface Group {
  rows: number;
  values: number[][];
}
type Groups = Map<unknown, Group>;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export function registerSqliteFunctions(conn: SqliteConnection): void {
  conn.aggregate("tandem_group_figures", {
    start: (): Groups => new Map(),
    varargs: true,
    // (the declared type of `step` has one argument; with varargs SQLite passes the group and each value)
    step: (groups: Groups, group?: unknown, ...values: unknown[]) => {
      let g = groups.get(group);
      if (!g) groups.set(group, (g = { rows: 0, values: values.map(() => []) }));
      g.rows++;
      values.forEach((value, i) => {
        if (value !== null && value !== undefined) g.values[i]!.push(Number(value));
      });
      return groups;
    },
    // the connection reads integers as BigInt (safe integers on), which JSON cannot write
    result: (groups: Groups) =>
      JSON.stringify(
        [...groups].map(([key, g]) => [
          typeof key === "bigint" ? Number(key) : key,
          g.rows,
          ...g.values.map((values) => [median(values), values.length, sum(values)]),
        ]),
      ),
  });
}
