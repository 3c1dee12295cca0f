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
