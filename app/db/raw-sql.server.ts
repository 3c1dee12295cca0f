/**
 * Raw SQL that runs on both databases, for aggregates Prisma's query API cannot express (group by
 * an expression, window functions). Identifiers are always double-quoted (PostgreSQL keeps the
 * models' camelCase names); values are always bound parameters (`?` on SQLite, `$n` on PostgreSQL).
 * SQLite stores dates as ISO-8601 text in UTC (ADR 003's adapter setting), PostgreSQL as
 * `timestamp(3)` in UTC: the expressions below turn either into seconds.
 */
import { dialectOf, type Tx } from "../db.server";

export type Dialect = "sqlite" | "postgresql";

export class Query {
  readonly values: unknown[] = [];
  constructor(readonly dialect: Dialect) {}

  /** Binds a value and returns its placeholder. */
  bind(value: unknown): string {
    this.values.push(value);
    return this.dialect === "postgresql" ? `$${this.values.length}` : "?";
  }

  /** Seconds since the epoch of a date column, as a number (whole seconds). */
  epoch(column: string): string {
    return this.dialect === "postgresql"
      ? `FLOOR(EXTRACT(EPOCH FROM ${column}))`
      : // julianday is several times faster than strftime('%s'); half a millisecond absorbs its rounding
        `CAST((julianday(${column}) - 2440587.5) * 86400.0 + 0.0005 AS INTEGER)`;
  }

  /** Seconds from `from` to `to` (two date columns), with fractions. */
  seconds(from: string, to: string): string {
    return this.dialect === "postgresql"
      ? `EXTRACT(EPOCH FROM (${to} - ${from}))`
      : `((julianday(${to}) - julianday(${from})) * 86400.0)`;
  }

  /** A text field of a JSON text column. */
  jsonText(column: string, field: string): string {
    if (!/^[a-zA-Z_]+$/.test(field)) throw new Error("bad JSON field name");
    return this.dialect === "postgresql"
      ? `(${column}::jsonb ->> '${field}')`
      : `json_extract(${column}, '$.${field}')`;
  }

  /**
   * The median of `value` per `group` over the rows of `from` (a FROM … WHERE … clause): the middle
   * value, or the mean of the middle two. Rows whose value is NULL are left out. Rows (g, median, n).
   */
  medianBy(group: string, value: string, from: string): string {
    if (this.dialect === "postgresql")
      return `SELECT g, percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS median, COUNT(v) AS n
        FROM (SELECT ${group} AS g, ${value} AS v ${from}) AS base WHERE v IS NOT NULL GROUP BY g`;
    return `SELECT g, "vMedian" AS median, "vCount" AS n FROM (${this.figuresBy(group, { v: value }, from)}) AS f
      WHERE "vCount" > 0`;
  }

  /**
   * Per `group`, in one pass over the rows of `from`: `rows` (every row) and, for each named value,
   * `<name>Median`, `<name>Count` (its non-NULL values) and `<name>Sum`. PostgreSQL: GROUP BY with
   * percentile_cont. SQLite: the tandem_group_figures aggregate (app/db/sqlite-functions.server.ts),
   * its JSON unpacked into rows.
   */
  figuresBy(group: string, values: Record<string, string>, from: string): string {
    const names = Object.keys(values);
    if (names.some((n) => !/^[a-zA-Z]+$/.test(n))) throw new Error("bad figure name");
    if (this.dialect === "postgresql") {
      const cols = names.map(
        (n) =>
          `percentile_cont(0.5) WITHIN GROUP (ORDER BY "${n}") AS "${n}Median", COUNT("${n}") AS "${n}Count", SUM("${n}") AS "${n}Sum"`,
      );
      const base = names.map((n) => `${values[n]} AS "${n}"`);
      return `SELECT g, COUNT(*) AS "rows", ${cols.join(", ")}
        FROM (SELECT ${group} AS g, ${base.join(", ")} ${from}) AS base GROUP BY g`;
    }
    const cols = names.map(
      (n, i) =>
        // typed: the driver takes a column's type from its first row, so a first median of 4 would
        // turn a later 5.5 into 5
        `CAST(json_extract(f.value, '$[${i + 2}][0]') AS REAL) AS "${n}Median", CAST(json_extract(f.value, '$[${i + 2}][1]') AS INTEGER) AS "${n}Count", CAST(json_extract(f.value, '$[${i + 2}][2]') AS REAL) AS "${n}Sum"`,
    );
    return `SELECT json_extract(f.value, '$[0]') AS g, CAST(json_extract(f.value, '$[1]') AS INTEGER) AS "rows", ${cols.join(", ")}
      FROM (SELECT tandem_group_figures(${group}, ${names.map((n) => values[n]).join(", ")}) AS r ${from}) AS agg,
        json_each(agg.r) AS f`;
  }

  async all<T = Record<string, unknown>>(client: Tx, sql: string): Promise<T[]> {
    return (await client.$queryRawUnsafe(sql, ...this.values)) as T[];
  }
}

export function query(client: Tx): Query {
  return new Query(dialectOf(client));
}

/** A count, sum or average from either driver (bigint, numeric string, number or null) as a number. */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "number" ? value : Number(value);
}

/** Like num, but null stays null. */
export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}
