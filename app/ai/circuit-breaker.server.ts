/**
 * A circuit breaker per (shop, provider base URL): after `failureThreshold` consecutive failures the
 * provider is not called for a cool-down (doubling on each failed trial, capped), then one trial
 * call is let through (half-open; a trial that never reports back frees its slot after
 * `trialLeaseMs`). The rules are the pure functions below; the state lives in one `AiCircuit` row
 * shared by every instance on PostgreSQL (updated with optimistic concurrency), and in process
 * memory on SQLite (one instance).
 * Visible in /readyz (aiCircuitStatus) and in the assistant settings page.
 */
import { db } from "../db.server";
import type { PrismaClient as PgClient } from "../generated/prisma-pg/client";
import { env } from "../env.server";

export type CircuitState = "closed" | "open" | "half_open";

export const breakerSettings = {
  failureThreshold: 3,
  baseCooldownMs: 30_000,
  maxCooldownMs: 5 * 60_000,
  trialLeaseMs: 90_000,
};

interface Breaker {
  failures: number;
  openedAt: number | null;
  cooldownMs: number;
  trialAt: number | null;
  lastErrorKind: string | null;
}

// ---------------------------------------------------------------------------------------------
// The rules (pure).

function fresh(): Breaker {
  return {
    failures: 0,
    openedAt: null,
    cooldownMs: breakerSettings.baseCooldownMs,
    trialAt: null,
    lastErrorKind: null,
  };
}

function stateOf(b: Breaker, now: number): CircuitState {
  if (b.openedAt === null) return "closed";
  return now - b.openedAt >= b.cooldownMs ? "half_open" : "open";
}

type Change<T> = { next: Breaker | null; result: T };

function admit(b: Breaker, now: number): Change<boolean> {
  const state = stateOf(b, now);
  if (state === "closed") return { next: null, result: true };
  if (state === "open") return { next: null, result: false };
  if (b.trialAt !== null && now - b.trialAt < breakerSettings.trialLeaseMs) return { next: null, result: false };
  return { next: { ...b, trialAt: now }, result: true };
}

function succeeded(b: Breaker): Change<void> {
  const clean = b.failures === 0 && b.openedAt === null && b.trialAt === null && b.lastErrorKind === null;
  return { next: clean ? null : fresh(), result: undefined };
}

function failed(b: Breaker, kind: string, now: number): Change<void> {
  if (b.openedAt !== null) {
    // A failed trial: open again for longer.
    return {
      next: {
        ...b,
        lastErrorKind: kind,
        cooldownMs: Math.min(b.cooldownMs * 2, breakerSettings.maxCooldownMs),
        openedAt: now,
        trialAt: null,
      },
      result: undefined,
    };
  }
  const failures = b.failures + 1;
  return {
    next: { ...b, lastErrorKind: kind, failures, openedAt: failures >= breakerSettings.failureThreshold ? now : null },
    result: undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Where the state lives.

interface BreakerStore {
  read(shop: string, baseUrl: string): Promise<Breaker | null>;
  /** Applies `change` to the current state atomically (with respect to other instances). */
  update<T>(shop: string, baseUrl: string, change: (b: Breaker) => Change<T>): Promise<T>;
  /** Breakers whose base URL `match` accepts. */
  all(match: (baseUrl: string) => boolean): Promise<{ open: Breaker[]; tracked: number }>;
  clear(): Promise<void>;
}

const memoryStore: BreakerStore = {
  async read(shop, baseUrl) {
    return memory().get(`${shop}|${baseUrl}`) ?? null;
  },
  async update(shop, baseUrl, change) {
    const key = `${shop}|${baseUrl}`;
    const { next, result } = change(memory().get(key) ?? fresh());
    if (next) memory().set(key, next);
    return result;
  },
  async all(match) {
    const rows = [...memory().entries()].filter(([key]) => match(key.slice(key.indexOf("|") + 1))).map(([, b]) => b);
    return { open: rows.filter((b) => b.openedAt !== null), tracked: rows.length };
  },
  async clear() {
    memory().clear();
  },
};

const breakers = new Map<string, Breaker>();

function memory(): Map<string, Breaker> {
  return breakers;
}

interface CircuitRow {
  failures: number;
  openedAt: Date | null;
  cooldownMs: number;
  trialAt: Date | null;
  lastErrorKind: string | null;
}

function fromRow(r: CircuitRow): Breaker {
  return {
    failures: r.failures,
    openedAt: r.openedAt?.getTime() ?? null,
    cooldownMs: r.cooldownMs,
    trialAt: r.trialAt?.getTime() ?? null,
    lastErrorKind: r.lastErrorKind,
  };
}

function toRow(b: Breaker): CircuitRow {
  return {
    failures: b.failures,
    openedAt: b.openedAt === null ? null : new Date(b.openedAt),
    cooldownMs: b.cooldownMs,
    trialAt: b.trialAt === null ? null : new Date(b.trialAt),
    lastErrorKind: b.lastErrorKind,
  };
}

const MAX_RACES = 5;

const databaseStore: BreakerStore = {
  async read(shop, baseUrl) {
    const row = await db().aiCircuit.findUnique({ where: { shop_baseUrl: { shop, baseUrl } } });
    return row ? fromRow(row) : null;
  },
  async update(shop, baseUrl, change) {
    let outcome = change(fresh());
    for (let race = 0; race < MAX_RACES; race++) {
      const row = await db().aiCircuit.findUnique({ where: { shop_baseUrl: { shop, baseUrl } } });
      outcome = change(row ? fromRow(row) : fresh());
      if (!outcome.next) return outcome.result;
      if (!row) {
        // First write for this circuit: insert it (another instance may win), then update it.
        await (db() as unknown as PgClient).aiCircuit.createMany({
          data: [{ shop, baseUrl, ...toRow(fresh()) }],
          skipDuplicates: true,
        });
        continue;
      }
      const { count } = await db().aiCircuit.updateMany({
        where: { shop, baseUrl, revision: row.revision },
        data: { ...toRow(outcome.next), revision: { increment: 1 } },
      });
      if (count === 1) return outcome.result;
    }
    // Lost every race to other instances: their writes stand; this call's answer is still safe.
    return outcome.result;
  },
  async all(match) {
    const rows = (await db().aiCircuit.findMany({})).filter((r) => match(r.baseUrl));
    return { open: rows.filter((r) => r.openedAt !== null).map(fromRow), tracked: rows.length };
  },
  async clear() {
    await db().aiCircuit.deleteMany({});
  },
};

function store(): BreakerStore {
  return env().databaseKind === "postgresql" ? databaseStore : memoryStore;
}

// ---------------------------------------------------------------------------------------------
// The API.

/** Whether a call may go to the provider now. In half-open state only one trial at a time. */
export function allowRequest(shop: string, baseUrl: string, now = Date.now()): Promise<boolean> {
  return store().update(shop, baseUrl, (b) => admit(b, now));
}

export function recordSuccess(shop: string, baseUrl: string): Promise<void> {
  return store().update(shop, baseUrl, succeeded);
}

export function recordFailure(shop: string, baseUrl: string, kind: string, now = Date.now()): Promise<void> {
  return store().update(shop, baseUrl, (b) => failed(b, kind, now));
}

export interface CircuitInfo {
  state: CircuitState;
  failures: number;
  retryInMs: number | null;
  lastErrorKind: string | null;
}

export async function circuitInfo(shop: string, baseUrl: string, now = Date.now()): Promise<CircuitInfo> {
  const b = await store().read(shop, baseUrl);
  if (!b) return { state: "closed", failures: 0, retryInMs: null, lastErrorKind: null };
  const state = stateOf(b, now);
  return {
    state,
    failures: b.failures,
    retryInMs: state === "open" && b.openedAt !== null ? b.openedAt + b.cooldownMs - now : null,
    lastErrorKind: b.lastErrorKind,
  };
}

/**
 * For /readyz: how many provider circuits are open (of every instance on PostgreSQL). An open
 * circuit does not make the app unready (the built-in responder answers), so readyz reports it
 * without failing.
 */
export function aiCircuitStatus(
  now = Date.now(),
): Promise<{ ok: true; open: number; halfOpen: number; tracked: number }> {
  return circuitStatus((baseUrl) => !baseUrl.startsWith("workflow:"), now);
}

/** The same counts for the circuits whose key `match` accepts (the workflow mode keys its own `workflow:<url>`). */
export async function circuitStatus(
  match: (baseUrl: string) => boolean,
  now = Date.now(),
): Promise<{ ok: true; open: number; halfOpen: number; tracked: number }> {
  const { open: opened, tracked } = await store().all(match);
  let open = 0;
  let halfOpen = 0;
  for (const b of opened) {
    const s = stateOf(b, now);
    if (s === "open") open++;
    else if (s === "half_open") halfOpen++;
  }
  return { ok: true, open, halfOpen, tracked };
}

/** Tests: forget every breaker. */
export function resetCircuitBreakers(): Promise<void> {
  return store().clear();
}
