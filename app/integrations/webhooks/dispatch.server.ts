/**
 * From the change feed to deliveries (ADR 161): each undispatched DomainEvent becomes one
 * WebhookDelivery row per enabled endpoint of its shop that subscribes to its type, and the event is
 * marked dispatched, in one transaction: an event is planned exactly once, also with several
 * workers (a second planner's rows collide on (endpointId, eventId) and its transaction rolls back).
 */
import { db } from "../../db.server";
import { isUniqueViolation } from "../../db/errors.server";
import { markDispatched, undispatchedEvents } from "../../domain/events.server";
import { envelopeOf, subscribes } from "./payloads";

/** Plans up to `limit` events; returns how many events were consumed and deliveries planned. */
export async function planDeliveries(
  now: Date = new Date(),
  limit = 200,
): Promise<{ events: number; planned: number }> {
  try {
    return await db().$transaction(async (tx) => {
      const events = await undispatchedEvents(limit, tx);
      if (events.length === 0) return { events: 0, planned: 0 };
      const shops = [...new Set(events.map((e) => e.shop))];
      const endpoints = await tx.webhookEndpoint.findMany({
        where: { shop: { in: shops }, enabled: true },
        select: { id: true, shop: true, events: true },
      });
      let planned = 0;
      for (const event of events) {
        const envelope = envelopeOf(event);
        if (!envelope) continue;
        for (const endpoint of endpoints) {
          if (endpoint.shop !== event.shop || !subscribes(endpoint.events, event.type)) continue;
          await tx.webhookDelivery.create({
            data: {
              shop: event.shop,
              endpointId: endpoint.id,
              eventId: event.id,
              eventType: event.type,
              eventSeq: event.seq,
              orderKey: event.conversationId ?? event.ticketId ?? null,
              payload: JSON.stringify(envelope),
              nextAttemptAt: now,
            },
          });
          planned++;
        }
      }
      await markDispatched(
        events.map((e) => e.seq),
        now,
        tx,
      );
      return { events: events.length, planned };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { events: 0, planned: 0 }; // another worker planned these events first
    throw error;
  }
}
