/**
 * The outbound webhook contract (docs/api/webhooks.md): the event types an endpoint can subscribe
 * to and the envelope every delivery carries. One module for the sender, the docs' examples and the
 * tests, so a change breaks the type check.
 */
export const WEBHOOK_PAYLOAD_VERSION = 1;

export const WEBHOOK_EVENT_TYPES = [
  "conversation.created",
  "conversation.escalated",
  "conversation.assigned",
  "conversation.closed",
  "conversation.transfer_requested",
  "conversation.transfer_declined",
  "message.created",
  "ticket.created",
  "ticket.updated",
  "ticket.replied",
  "rating.created",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent by "Send test": never planned from the change feed. */
export const TEST_EVENT_TYPE = "webhook.test";

export interface WebhookEnvelope {
  type: WebhookEventType | typeof TEST_EVENT_TYPE;
  /** ISO-8601 UTC time of the event (not of the delivery attempt). */
  timestamp: string;
  /** Payload version: a breaking change of `data` increments it. */
  version: number;
  data: Record<string, unknown>;
}

/** Message roles a webhook may carry: internal notes never leave the app. */
const PUBLIC_ROLES = new Set(["shopper", "ai", "operator"]);

export function isWebhookEventType(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}

/** The envelope of an event, or null when the event must not leave the app. */
export function envelopeOf(event: {
  type: string;
  shop: string;
  conversationId: string | null;
  ticketId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}): WebhookEnvelope | null {
  if (!isWebhookEventType(event.type)) return null;
  if (event.type === "message.created") {
    const role = event.data.role;
    if (typeof role !== "string" || !PUBLIC_ROLES.has(role) || event.data.internal === true) return null;
  }
  const data: Record<string, unknown> = {
    ...event.data,
    shop: event.shop,
    ...(event.conversationId ? { conversationId: event.conversationId } : {}),
    ...(event.ticketId ? { ticketId: event.ticketId } : {}),
  };
  return { type: event.type, timestamp: event.createdAt.toISOString(), version: WEBHOOK_PAYLOAD_VERSION, data };
}

/** An endpoint's `events` column: "*" or a comma list. */
export function subscribes(events: string, type: string): boolean {
  if (events.trim() === "*") return true;
  return events.split(",").some((t) => t.trim() === type);
}
