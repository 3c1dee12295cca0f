import type { WebhookOutcome } from "../domain/compliance.server";

/**
 * 200 when handled (or already handled); 400 with a machine-readable code for a bad payload; 401
 * when the signed payload names another shop than the header.
 */
export function webhookResponse(outcome: WebhookOutcome): Response {
  if (outcome.ok) return Response.json({ ok: true, duplicate: outcome.duplicate });
  const status = outcome.code === "shop_mismatch" ? 401 : 400;
  return Response.json({ error: { code: outcome.code, message: outcome.message } }, { status });
}

/**
 * For `authenticate.webhook(request).catch(refuseMalformedWebhook)`: the library's own answers (401
 * bad HMAC, 400 missing headers, 405) are Responses and pass through unchanged; what it throws
 * besides them comes from a malformed delivery (a signed body that is not JSON, an invalid shop
 * domain header) and is answered 400 instead of 500.
 */
export function refuseMalformedWebhook(error: unknown): never {
  if (error instanceof Response) throw error;
  throw Response.json(
    { error: { code: "invalid_request", message: "the webhook payload or its headers are malformed" } },
    { status: 400 },
  );
}
