import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { handleDataRequest } from "../domain/compliance.server";
import { refuseMalformedWebhook, webhookResponse } from "../lib/webhook-response";

/** customers/data_request: a JSON export of the customer's conversations and tickets, kept for the merchant. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload } = await authenticate.webhook(request).catch(refuseMalformedWebhook);
  return webhookResponse(await handleDataRequest({ shop, topic, webhookId, payload }));
};
