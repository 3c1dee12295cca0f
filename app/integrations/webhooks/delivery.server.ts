/**
 * Delivering planned webhooks (ADR 161, 162): signed with the endpoint's secret (standardwebhooks),
 * `webhook-id` = the event id, a 10 s timeout, merchant URLs through outboundFetch (no private,
 * loopback or link-local address, checked again on every connection against DNS rebinding).
 *
 * Order: per endpoint and order key (the conversation or ticket), only the oldest undelivered
 * delivery may be attempted; later ones wait until it is delivered or dead-lettered.
 * Retries: RETRY_DELAYS_MS with ±20 % jitter (about 24 h in all), then `dead`. An endpoint whose
 * attempts have failed for DISABLE_AFTER_MS is disabled and the shop is notified.
 */
import { db } from "../../db.server";
import { logger } from "../../logger.server";
import { outboundFetch, outboundRefusal } from "../../lib/outbound-url.server";
import { countWebhookDelivery, type DeliveryOutcome } from "../../lib/metrics.server";
import { openBoundSecret, signedHeaders } from "../signing.server";

export const RETRY_DELAYS_MS = [
  5_000,
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3600_000,
  5 * 3600_000,
  8 * 3600_000,
  8 * 3600_000,
];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000;
export const ATTEMPT_TIMEOUT_MS = 10_000;
const LEASE_MS = 60_000;
const EXCERPT_CHARS = 500;

/** The delay before attempt `attempts + 1`, jittered ±20 %; null when no attempt is left. */
export function retryDelay(attempts: number, random: () => number = Math.random): number | null {
  const base = RETRY_DELAYS_MS[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (0.8 + 0.4 * random()));
}

interface AttemptResult {
  ok: boolean;
  outcome: DeliveryOutcome;
  status: number | null;
  error: string | null;
  excerpt: string | null;
  durationMs: number;
}

async function readExcerpt(response: Response): Promise<string> {
  try {
    const text = await response.text();
    return text.slice(0, EXCERPT_CHARS);
  } catch {
    return "";
  }
}

/** One signed POST; never throws. */
export async function postSigned(
  url: string,
  secret: string,
  id: string,
  body: string,
  at: Date,
): Promise<AttemptResult> {
  const started = performance.now();
  const done = (r: Omit<AttemptResult, "durationMs">): AttemptResult => ({
    ...r,
    durationMs: Math.round(performance.now() - started),
  });
  try {
    const response = await outboundFetch(url, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "Tandem-Webhooks/1",
        ...signedHeaders(secret, id, body, at),
      },
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    const excerpt = await readExcerpt(response);
    const ok = response.status >= 200 && response.status < 300;
    return done({
      ok,
      outcome: ok ? "delivered" : "failed",
      status: response.status,
      error: ok ? null : `HTTP ${response.status}`,
      excerpt,
    });
  } catch (error) {
    const refusal = outboundRefusal(error);
    if (refusal)
      return done({ ok: false, outcome: "refused", status: null, error: `refused: ${refusal.message}`, excerpt: null });
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return done({
      ok: false,
      outcome: timedOut ? "timeout" : "failed",
      status: null,
      error: timedOut ? `timed out after ${ATTEMPT_TIMEOUT_MS / 1000} s` : "connection failed",
      excerpt: null,
    });
  }
}

type DeliveryRow = Awaited<ReturnType<typeof loadCandidates>>[number];

function loadCandidates(limit: number) {
  return db().webhookDelivery.findMany({
    where: { status: { in: ["pending", "sending"] }, endpoint: { enabled: true } },
    orderBy: { eventSeq: "asc" },
    take: limit,
    include: { endpoint: true },
  });
}

/** Claims the delivery for one attempt (a lease, so a crashed worker's claim expires). */
async function claim(row: DeliveryRow, now: Date): Promise<boolean> {
  const lease = new Date(now.getTime() + LEASE_MS);
  const where =
    row.status === "pending"
      ? { id: row.id, status: "pending", nextAttemptAt: { lte: now } }
      : { id: row.id, status: "sending", lockedUntil: { lt: now } };
  const { count } = await db().webhookDelivery.updateMany({ where, data: { status: "sending", lockedUntil: lease } });
  return count === 1;
}

/** Makes one attempt of a claimed delivery and records it. */
export async function attemptDelivery(row: DeliveryRow, now: Date = new Date()): Promise<AttemptResult> {
  const secret = openBoundSecret(row.endpoint.secretEnc, row.endpoint.url);
  const result: AttemptResult = secret
    ? await postSigned(row.endpoint.url, secret, row.eventId, row.payload, now)
    : {
        ok: false,
        outcome: "failed",
        status: null,
        error: "the secret does not open for this URL: rotate it",
        excerpt: null,
        durationMs: 0,
      };
  const attempts = row.attempts + 1;
  const delay = result.ok ? null : retryDelay(attempts);
  const dead = !result.ok && delay === null;
  await db().webhookDelivery.update({
    where: { id: row.id },
    data: {
      attempts,
      status: result.ok ? "delivered" : dead ? "dead" : "pending",
      lastStatusCode: result.status,
      lastError: result.error,
      responseExcerpt: result.excerpt,
      durationMs: result.durationMs,
      lastAttemptAt: now,
      lockedUntil: null,
      deliveredAt: result.ok ? now : null,
      nextAttemptAt: delay === null ? null : new Date(now.getTime() + delay),
    },
  });
  countWebhookDelivery(result.outcome);
  if (dead) countWebhookDelivery("dead");
  await recordEndpointHealth(row.endpoint, result.ok, now);
  return result;
}

async function recordEndpointHealth(
  endpoint: { id: string; shop: string; failingSince: Date | null; enabled: boolean },
  ok: boolean,
  now: Date,
): Promise<void> {
  if (ok) {
    if (endpoint.failingSince)
      await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: null } });
    return;
  }
  if (!endpoint.failingSince) {
    await db().webhookEndpoint.updateMany({
      where: { id: endpoint.id, failingSince: null },
      data: { failingSince: now },
    });
    return;
  }
  if (!endpoint.enabled || now.getTime() - endpoint.failingSince.getTime() < DISABLE_AFTER_MS) return;
  await db().$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id: endpoint.id, enabled: true },
      data: { enabled: false, disabledReason: "failing" },
    });
    if (count === 0) return;
    await tx.notification.create({
      data: {
        shop: endpoint.shop,
        type: "webhook_endpoint_disabled",
        title: "A webhook endpoint was turned off",
        body: "Its deliveries have failed for 5 days. Fix the receiver, then turn it on again and replay the dead letters.",
        link: "/app/integrations",
      },
    });
  });
  logger.warn({ shop: endpoint.shop, endpointId: endpoint.id }, "webhooks: endpoint disabled after failing for days");
}

/**
 * Attempts every due delivery that is first in line for its endpoint and order key, in passes
 * (one delivery per line per pass) until nothing is due or `maxPasses` is reached.
 */
export async function deliverDue(
  options: { now?: () => Date; maxPasses?: number; limit?: number } = {},
): Promise<number> {
  const clock = options.now ?? (() => new Date());
  let attempted = 0;
  for (let pass = 0; pass < (options.maxPasses ?? 20); pass++) {
    const now = clock();
    const rows = await loadCandidates(options.limit ?? 500);
    const heads = new Map<string, DeliveryRow>();
    for (const row of rows) {
      const line = `${row.endpointId}|${row.orderKey ?? row.id}`;
      if (!heads.has(line)) heads.set(line, row);
    }
    const due = [...heads.values()].filter((r) =>
      r.status === "pending"
        ? (r.nextAttemptAt?.getTime() ?? 0) <= now.getTime()
        : (r.lockedUntil?.getTime() ?? 0) < now.getTime(),
    );
    if (due.length === 0) break;
    let claimedAny = false;
    for (let i = 0; i < due.length; i += 8) {
      await Promise.all(
        due.slice(i, i + 8).map(async (row) => {
          if (!(await claim(row, now))) return;
          claimedAny = true;
          attempted++;
          await attemptDelivery({ ...row, status: "sending" }, now);
        }),
      );
    }
    if (!claimedAny) break;
  }
  return attempted;
}
