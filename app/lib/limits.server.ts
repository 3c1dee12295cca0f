/**
 * The one place counters for limits are kept (rate-limiter-flexible). On PostgreSQL every counter
 * is a row of one table (`tandem_rate_limits`) shared by all instances, created once per process
 * before the first counter is read; should the table be unreachable, each instance falls back to
 * its own in-memory counters (the limit still holds per instance). On SQLite (one instance) the
 * counters live in process memory.
 *
 * A limit is a `LimitSpec` (prefix, points, window in seconds); callers pick the key. Keys that
 * stand for a visitor's network address use `visitorKey`: a keyed hash, never the address itself.
 */
import { isUniqueViolation } from "../db/errors.server";
import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import type pg from "pg";
import { createPgPool } from "../db/pg-pool.server";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { env } from "../env.server";
import { logger } from "../logger.server";

export const LIMITS_TABLE = "tandem_rate_limits";

export interface LimitSpec {
  keyPrefix: string;
  points: number;
  /** Window in seconds, starting with the first point taken. */
  duration: number;
}

interface Store {
  pool: pg.Pool | null;
  ready: Promise<void> | null;
  limiters: Map<string, RateLimiterAbstract>;
}

let current: Store | undefined;

// The table rate-limiter-flexible itself would create (RateLimiterPostgres._getCreateTableStmt).
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "${LIMITS_TABLE}" (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
)`;

function store(): Store {
  if (current) return current;
  const config = env();
  let pool: pg.Pool | null = null;
  if (config.databaseKind === "postgresql") {
    // A counter is not worth a disk flush: its commits do not wait for the WAL to reach the disk
    // (ADR 242). A crash forgets at most the last moment's points; a limit still holds.
    pool = createPgPool({ connectionString: config.DATABASE_URL, max: 4, options: "-c synchronous_commit=off" });
  }
  current = { pool, ready: null, limiters: new Map() };
  return current;
}

function tableReady(s: Store): Promise<void> {
  if (!s.pool) return Promise.resolve();
  s.ready ??= s.pool.query(CREATE_TABLE).then(
    () => undefined,
    (error: { code?: string }) => {
      // 23505 / 42P07: another instance created it at the same moment.
      if (isUniqueViolation(error) || error.code === "42P07") return;
      logger.warn({ code: error.code }, "limits: the shared counter table is not reachable; counting in memory");
      s.ready = null; // try again on the next call
    },
  );
  return s.ready;
}

async function limiter(spec: LimitSpec): Promise<RateLimiterAbstract> {
  const s = store();
  await tableReady(s);
  let l = s.limiters.get(spec.keyPrefix);
  if (!l) {
    const { keyPrefix, points, duration } = spec;
    l = s.pool
      ? new RateLimiterPostgres({
          keyPrefix,
          points,
          duration,
          storeClient: s.pool,
          storeType: "pool",
          tableName: LIMITS_TABLE,
          tableCreated: true,
          // One limiter sweeps expired rows of the whole table.
          clearExpiredByTimeout: s.limiters.size === 0,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
        })
      : new RateLimiterMemory({ keyPrefix, points, duration });
    s.limiters.set(keyPrefix, l);
  }
  return l;
}

/**
 * Takes `points` from `key`'s allowance. Returns null when they fit, or the seconds to wait when
 * the limit is reached (the points are counted either way).
 */
export async function take(spec: LimitSpec, key: string, points = 1): Promise<number | null> {
  try {
    await (await limiter(spec)).consume(key, points);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}

/** Points taken from `key` in the current window (0 when none). */
export async function used(spec: LimitSpec, key: string): Promise<number> {
  const res = await (await limiter(spec)).get(key);
  return res?.consumedPoints ?? 0;
}

/** The seconds until `key` may take points again when it has used its whole allowance, else null. */
export async function waitFor(spec: LimitSpec, key: string): Promise<number | null> {
  const res = await (await limiter(spec)).get(key);
  if (!res || res.consumedPoints < spec.points) return null;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Adds `points` to `key` without refusing anything (counting what was already spent). */
export async function add(spec: LimitSpec, key: string, points = 1): Promise<void> {
  await (await limiter(spec)).penalty(key, points);
}

/** Gives back points taken for something that turned out not to count. */
export async function giveBack(spec: LimitSpec, key: string, points = 1): Promise<void> {
  await (await limiter(spec)).reward(key, points);
}

/**
 * A visitor's network address as a limit key: HMAC-SHA256 (keyed with TANDEM_ENCRYPTION_KEY) of
 * the shop and the address, so neither the counter table nor a job payload holds an IP address.
 */
let hmacKey: { source: string; key: KeyObject } | undefined;

export function visitorKey(shop: string, ip: string): string {
  const source = env().TANDEM_ENCRYPTION_KEY;
  if (hmacKey?.source !== source) hmacKey = { source, key: createSecretKey(Buffer.from(source)) };
  return createHmac("sha256", hmacKey.key).update(`${shop}\n${ip}`).digest("base64url").slice(0, 22);
}

/**
 * Forgets this process's limiters (and its connection pool); with `clearCounters` also deletes
 * every shared counter of the current database. Tests only.
 */
export async function resetLimits(options: { clearCounters?: boolean } = {}): Promise<void> {
  const s = current;
  current = undefined;
  if (!s?.pool) return;
  if (options.clearCounters) await s.pool.query(`DELETE FROM "${LIMITS_TABLE}"`).catch(() => undefined);
  await s.pool.end().catch(() => undefined);
}
