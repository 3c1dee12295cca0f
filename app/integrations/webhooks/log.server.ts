/**
 * The delivery log of an endpoint, replay and test send (admins, app/routes/app.integrations).
 * Replay puts a delivery back in line with a fresh attempt budget; it keeps its event id, so a
 * receiver that already has the event drops the copy.
 */
import { db } from "../../db.server";
import { newEventId } from "../../domain/events.server";
import { attemptDelivery, MAX_ATTEMPTS } from "./delivery.server";
import { TEST_EVENT_TYPE, WEBHOOK_PAYLOAD_VERSION, type WebhookEnvelope } from "./payloads";

export interface DeliveryLogRow {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
  durationMs: number | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  payload: string;
}

export async function listDeliveries(shop: string, endpointId: string, limit = 50): Promise<DeliveryLogRow[]> {
  return db().webhookDelivery.findMany({
    where: { shop, endpointId },
    orderBy: [{ createdAt: "desc" }, { eventSeq: "desc" }],
    take: Math.min(limit, 200),
    select: {
      id: true,
      eventId: true,
      eventType: true,
      status: true,
      attempts: true,
      lastStatusCode: true,
      lastError: true,
      responseExcerpt: true,
      durationMs: true,
      lastAttemptAt: true,
      nextAttemptAt: true,
      createdAt: true,
      payload: true,
    },
  });
}

const REPLAY = (now: Date) => ({ status: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null });

/** Replays one delivery (any status but one in flight). Returns false when there is none. */
export async function replayDelivery(shop: string, deliveryId: string, now: Date = new Date()): Promise<boolean> {
  const { count } = await db().webhookDelivery.updateMany({
    where: { id: deliveryId, shop, status: { in: ["delivered", "dead"] } },
    data: REPLAY(now),
  });
  return count === 1;
}

/** Replays every dead letter of an endpoint; returns how many. */
export async function replayDeadLetters(shop: string, endpointId: string, now: Date = new Date()): Promise<number> {
  const { count } = await db().webhookDelivery.updateMany({
    where: { shop, endpointId, status: "dead" },
    data: REPLAY(now),
  });
  return count;
}

/** Sends a `webhook.test` event to the endpoint now and logs it like any delivery. */
export async function sendTest(shop: string, endpointId: string, now: Date = new Date()) {
  const endpoint = await db().webhookEndpoint.findFirst({ where: { id: endpointId, shop } });
  if (!endpoint) return null;
  const eventId = newEventId();
  const envelope: WebhookEnvelope = {
    type: TEST_EVENT_TYPE,
    timestamp: now.toISOString(),
    version: WEBHOOK_PAYLOAD_VERSION,
    data: { shop, message: "A test event from Tandem" },
  };
  const row = await db().webhookDelivery.create({
    data: {
      shop,
      endpointId,
      eventId,
      eventType: TEST_EVENT_TYPE,
      payload: JSON.stringify(envelope),
      status: "sending",
      // A test is not retried: it reports at once.
      attempts: RETRY_BUDGET_SPENT,
      nextAttemptAt: null,
    },
    include: { endpoint: true },
  });
  return attemptDelivery(row, now);
}

/** A test delivery starts with its retries spent, so a failed test is dead at once, not retried. */
const RETRY_BUDGET_SPENT = MAX_ATTEMPTS - 1;
