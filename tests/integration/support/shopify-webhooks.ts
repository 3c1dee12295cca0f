/**
 * Delivers a Shopify webhook to a running app as Shopify does: the body signed with the app secret
 * by the official test helper (`X-Shopify-Hmac-Sha256`) and the unsigned `X-Shopify-*` headers.
 */
import { randomUUID } from "node:crypto";
import { getHmac } from "@shopify/shopify-api/test-helpers";

export const WEBHOOK_API_VERSION = "2026-10";

export interface DeliveredWebhook {
  status: number;
  body: unknown;
}

export async function deliverWebhook(
  appUrl: string,
  topic: string,
  /** The shop in `X-Shopify-Shop-Domain` (not covered by the signature). */
  shop: string,
  payload: unknown,
  { secret, webhookId = randomUUID() }: { secret: string; webhookId?: string },
): Promise<DeliveredWebhook> {
  const body = JSON.stringify(payload);
  const response = await fetch(`${appUrl}/webhooks/${topic}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": getHmac(body, secret),
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": WEBHOOK_API_VERSION,
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}
