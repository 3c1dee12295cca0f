import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { handleShopRedact } from "../domain/compliance.server";
import { refuseMalformedWebhook, webhookResponse } from "../lib/webhook-response";

/** shop/redact: every row of the shop deleted (sent 48 hours after uninstall). */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload } = await authenticate.webhook(request).catch(refuseMalformedWebhook);
  return webhookResponse(await handleShopRedact({ shop, topic, webhookId, payload }));
};
