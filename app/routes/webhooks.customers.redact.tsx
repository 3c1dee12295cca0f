import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { handleCustomerRedact } from "../domain/compliance.server";
import { refuseMalformedWebhook, webhookResponse } from "../lib/webhook-response";

/** customers/redact: the customer's conversations and tickets deleted. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload } = await authenticate.webhook(request).catch(refuseMalformedWebhook);
  return webhookResponse(await handleCustomerRedact({ shop, topic, webhookId, payload }));
};
