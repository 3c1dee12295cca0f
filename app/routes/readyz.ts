import { db } from "../db.server";
import { queueHealth } from "../jobs/maintenance.server";
import { aiCircuitStatus, circuitStatus } from "../ai/circuit-breaker.server";
import { writeHealth } from "../db/health.server";

/** Jobs waiting longer than this make the instance not ready (workers are down or overloaded). */
export const MAX_WORKER_LAG_SECONDS = 120;
const DB_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref()),
  ]);
}

/**
 * Readiness: the database answers, takes writes (after a failed write: until a probe write commits
 * again) and background jobs are not falling behind (the age of the oldest due job). 200 when
 * ready, 503 otherwise; the body says which check failed.
 */
export const loader = async () => {
  const headers = { "Cache-Control": "no-store" };
  const started = Date.now();
  try {
    await withTimeout(db().$queryRawUnsafe("SELECT 1"), DB_TIMEOUT_MS);
  } catch {
    return Response.json({ ok: false, database: { ok: false }, worker: null }, { status: 503, headers });
  }
  const databaseMs = Date.now() - started;
  const writes = await writeHealth();
  if (!writes.ok) {
    return Response.json(
      { ok: false, database: { ok: false, ms: databaseMs, writes }, worker: null },
      { status: 503, headers },
    );
  }
  const queue = await withTimeout(queueHealth(), DB_TIMEOUT_MS).catch(() => null);
  const workerOk = queue !== null && queue.lagSeconds <= MAX_WORKER_LAG_SECONDS;
  return Response.json(
    {
      ok: workerOk,
      database: { ok: true, ms: databaseMs },
      worker: queue
        ? {
            ok: workerOk,
            lagSeconds: Math.round(queue.lagSeconds),
            due: queue.due,
            dead: queue.dead,
            maxLagSeconds: MAX_WORKER_LAG_SECONDS,
          }
        : { ok: false },
      // Informational: an open AI circuit does not make the app unready (the built-in responder answers).
      ai: await withTimeout(aiCircuitStatus(), DB_TIMEOUT_MS).catch(() => null),
      // Informational too: with a workflow's circuit open the built-in responder answers its shop.
      workflow: await withTimeout(
        circuitStatus((key) => key.startsWith("workflow:")),
        DB_TIMEOUT_MS,
      ).catch(() => null),
    },
    { status: workerOk ? 200 : 503, headers },
  );
};
