/**
 * A circuit breaker per (shop, provider base URL): after `failureThreshold` consecutive failures the
 * provider is not called for a cool-down (doubling on each failed trial, capped), then one trial
 * call is let through (half-open). In-process state: each app instance protects itself.
 * Visible in /readyz (aiCircuitStatus) and in the assistant settings page.
 */
export type CircuitState = "closed" | "open" | "half_open";

export const breakerSettings = { failureThreshold: 3, baseCooldownMs: 30_000, maxCooldownMs: 5 * 60_000 };

interface Breaker {
  failures: number;
  openedAt: number | null;
  cooldownMs: number;
  trialInFlight: boolean;
  lastErrorKind: string | null;
}

declare global {
  var __tandemAiBreakers: Map<string, Breaker> | undefined;
}

function breakers(): Map<string, Breaker> {
  globalThis.__tandemAiBreakers ??= new Map();
  return globalThis.__tandemAiBreakers;
}

function keyOf(shop: string, baseUrl: string): string {
  return `${shop}|${baseUrl}`;
}

function get(key: string): Breaker {
  let b = breakers().get(key);
  if (!b) {
    b = {
      failures: 0,
      openedAt: null,
      cooldownMs: breakerSettings.baseCooldownMs,
      trialInFlight: false,
      lastErrorKind: null,
    };
    breakers().set(key, b);
  }
  return b;
}

function stateOf(b: Breaker, now: number): CircuitState {
  if (b.openedAt === null) return "closed";
  return now - b.openedAt >= b.cooldownMs ? "half_open" : "open";
}

/** Whether a call may go to the provider now. In half-open state only one trial at a time. */
export function allowRequest(shop: string, baseUrl: string, now = Date.now()): boolean {
  const b = get(keyOf(shop, baseUrl));
  const state = stateOf(b, now);
  if (state === "closed") return true;
  if (state === "open") return false;
  if (b.trialInFlight) return false;
  b.trialInFlight = true;
  return true;
}

export function recordSuccess(shop: string, baseUrl: string): void {
  const b = get(keyOf(shop, baseUrl));
  b.failures = 0;
  b.openedAt = null;
  b.cooldownMs = breakerSettings.baseCooldownMs;
  b.trialInFlight = false;
  b.lastErrorKind = null;
}

export function recordFailure(shop: string, baseUrl: string, kind: string, now = Date.now()): void {
  const b = get(keyOf(shop, baseUrl));
  b.lastErrorKind = kind;
  if (b.openedAt !== null) {
    // A failed trial: open again for longer.
    b.cooldownMs = Math.min(b.cooldownMs * 2, breakerSettings.maxCooldownMs);
    b.openedAt = now;
    b.trialInFlight = false;
    return;
  }
  b.failures++;
  if (b.failures >= breakerSettings.failureThreshold) b.openedAt = now;
}

export interface CircuitInfo {
  state: CircuitState;
  failures: number;
  retryInMs: number | null;
  lastErrorKind: string | null;
}

export function circuitInfo(shop: string, baseUrl: string, now = Date.now()): CircuitInfo {
  const b = breakers().get(keyOf(shop, baseUrl));
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
 * For /readyz: how many provider circuits are open in this process. An open circuit does not make
 * the app unready (the built-in responder answers), so readyz reports it without failing.
 */
export function aiCircuitStatus(now = Date.now()): { ok: true; open: number; halfOpen: number; tracked: number } {
  let open = 0;
  let halfOpen = 0;
  for (const b of breakers().values()) {
    const s = stateOf(b, now);
    if (s === "open") open++;
    else if (s === "half_open") halfOpen++;
  }
  return { ok: true, open, halfOpen, tracked: breakers().size };
}

/** Tests: forget every breaker. */
export function resetCircuitBreakers(): void {
  breakers().clear();
}
