import type { WebhookOutcome } from "../domain/compliance.server";

/** 200 when handled (or already handled); 400 with a machine-readable code for a bad payload. */
export function webhookResponse(outcome: WebhookOutcome): Response {
  if (outcome.ok) return Response.json({ ok: true, duplicate: outcome.duplicate });
  return Response.json({ error: { code: outcome.code, message: outcome.message } }, { status: 400 });
}
