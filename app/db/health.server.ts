/**
 * Whether the database takes writes. A failed write (disk full, read-only file, I/O error, database
 * unreachable) is reported here by whoever saw it; from then on `/readyz` answers 503 until a probe
 * write commits again, which happens by itself once the cause is gone (space freed, file writable,
 * server back). The failure is logged once a minute per kind, never as a stack trace per request.
 */
import { db } from "../db.server";
import { logger } from "../logger.server";
import { classifyDbError, type DbErrorKind } from "./errors.server";

type StorageFailure = Extract<DbErrorKind, "disk_full" | "read_only" | "unavailable">;

/** Seconds a client waits before it retries a write the database could not take. */
export const UNAVAILABLE_RETRY_SECONDS = 5;
/** The widget API's error for a write the database could not take (answered with 503). */
export const UNAVAILABLE_ERROR = {
  code: "unavailable",
  message: "messages cannot be saved right now; try again shortly",
} as const;

const LOG_EVERY_MS = 60_000;
/** While writes fail, a probe result is reused for this long (readiness checks may come every second). */
const PROBE_EVERY_MS = 2_000;
/** While writes work, readiness still probes this often (a file made read-only with no traffic). */
const HEALTHY_PROBE_EVERY_MS = 30_000;
/** The probe writes this many bytes, so that it needs new pages as a real message would. */
const PROBE_BYTES = 16 * 1024;
const PROBE_TIMEOUT_MS = 2_000;

interface HealthState {
  failing: StorageFailure | undefined;
  since: number;
  lastProbe: number;
  lastProbeOk: boolean;
  probing: Promise<boolean> | undefined;
  loggedAt: Map<string, number>;
}

const state: HealthState = {
  failing: undefined,
  since: 0,
  lastProbe: 0,
  lastProbeOk: true,
  probing: undefined,
  loggedAt: new Map(),
};

const probeId = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

function storageFailureOf(error: unknown): StorageFailure | undefined {
  const kind = classifyDbError(error);
  return kind === "disk_full" || kind === "read_only" || kind === "unavailable" ? kind : undefined;
}

/** Logs `msg` for `key` at most once a minute (with how many were left out). */
function logThrottled(key: string, fields: Record<string, unknown>, msg: string): void {
  const now = Date.now();
  const last = state.loggedAt.get(key) ?? 0;
  if (now - last < LOG_EVERY_MS) return;
  state.loggedAt.set(key, now);
  logger.warn(fields, msg);
}

/**
 * Records a failed database operation. Returns the failure kind when `error` means the database
 * cannot take writes (the caller answers 503), undefined for any other error.
 */
export function reportDbFailure(error: unknown, where: string): StorageFailure | undefined {
  const kind = storageFailureOf(error);
  if (!kind) return undefined;
  if (state.failing !== kind) state.since = Date.now();
  state.failing = kind;
  state.lastProbeOk = false;
  state.lastProbe = Date.now();
  logThrottled(
    `${kind}:${where}`,
    { kind, where, code: (error as { code?: unknown } | null)?.code },
    "database cannot take writes; answering 503 until it recovers",
  );
  return kind;
}

async function probeWrite(): Promise<boolean> {
  const data = new Uint8Array(PROBE_BYTES);
  const at = new Date();
  const write = db().healthProbe.upsert({
    where: { id: probeId },
    create: { id: probeId, at, data },
    update: { at, data },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      write,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("write probe timed out")), PROBE_TIMEOUT_MS);
        timer.unref();
      }),
    ]);
    return true;
  } catch (error) {
    reportDbFailure(error, "readiness probe");
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export interface WriteHealth {
  ok: boolean;
  /** Why writes fail, while they do. */
  failing?: StorageFailure;
  /** When the current failure was first seen (ISO). */
  since?: string;
}

/**
 * Whether writes work. A small real write runs at most every 30 s while writes work, and at most
 * every 2 s after a failure was reported; the failure is cleared once a probe commits.
 */
export async function writeHealth(): Promise<WriteHealth> {
  const now = Date.now();
  if (now - state.lastProbe >= (state.failing ? PROBE_EVERY_MS : HEALTHY_PROBE_EVERY_MS)) {
    state.probing ??= probeWrite().finally(() => (state.probing = undefined));
    const ok = await state.probing;
    state.lastProbe = Date.now();
    state.lastProbeOk = ok;
    if (ok && state.failing) {
      logger.info({ kind: state.failing, downMs: Date.now() - state.since }, "database takes writes again");
      state.failing = undefined;
      state.loggedAt.clear();
      return { ok: true };
    }
  }
  return state.failing
    ? { ok: false, failing: state.failing, since: new Date(state.since).toISOString() }
    : { ok: true };
}

/** Forgets every reported failure (tests). */
export function resetWriteHealthForTests(): void {
  state.failing = undefined;
  state.since = 0;
  state.lastProbe = 0;
  state.lastProbeOk = true;
  state.loggedAt.clear();
}
