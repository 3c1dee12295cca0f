import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { handleScopesUpdate } from "../domain/compliance.server";
import { refuseMalformedWebhook, webhookResponse } from "../lib/webhook-response";

/** app/scopes_update: the granted scopes recorded on the shop and its sessions. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload } = await authenticate.webhook(request).catch(refuseMalformedWebhook);
  return webhookResponse(await handleScopesUpdate({ shop, topic, webhookId, payload }));
};
