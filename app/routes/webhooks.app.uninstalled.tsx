import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { handleUninstalled } from "../domain/compliance.server";
import { refuseMalformedWebhook, webhookResponse } from "../lib/webhook-response";

/** app/uninstalled: sessions removed and the shop marked uninstalled. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload } = await authenticate.webhook(request).catch(refuseMalformedWebhook);
  return webhookResponse(await handleUninstalled({ shop, topic, webhookId, payload }));
};
