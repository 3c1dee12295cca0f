/**
 * POST /hooks/email — replies by email (docs/api/email-inbound.md). The raw MIME message is the
 * body, signed with Standard Webhooks headers and TANDEM_EMAIL_INBOUND_SECRET; the signature is
 * checked before anything is parsed. 404 when inbound email is not configured.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { env } from "../env.server";
import { logger } from "../logger.server";
import { MAX_INBOUND_BYTES, takeInboundEmail, verifyInbound } from "../integrations/email/inbound.server";

function answer(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

const tooLarge = () =>
  answer(413, { error: { code: "too_large", message: `the message is larger than ${MAX_INBOUND_BYTES} bytes` } });

async function readCapped(request: Request): Promise<Buffer | null> {
  if (Number(request.headers.get("content-length") ?? "0") > MAX_INBOUND_BYTES) return null;
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = reader ? await reader.read() : { done: true as const, value: undefined };
    if (next.done) break;
    size += next.value.byteLength;
    if (size > MAX_INBOUND_BYTES) {
      await reader?.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks);
}

export const loader = () => answer(405, { error: { code: "invalid_request", message: "use POST" } });

export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return answer(405, { error: { code: "invalid_request", message: "use POST" } });
  if (!env().TANDEM_EMAIL_INBOUND_SECRET || !env().TANDEM_EMAIL_INBOUND_DOMAIN)
    return answer(404, { error: { code: "not_found", message: "inbound email is not configured" } });
  const raw = await readCapped(request);
  if (!raw) return tooLarge();
  if (!verifyInbound(raw, request.headers))
    return answer(401, { error: { code: "unauthorized", message: "missing or invalid webhook signature" } });
  const result = await takeInboundEmail(raw);
  if ("code" in result) return answer(result.status, { error: { code: result.code, message: result.message } });
  logger.info({ outcome: result.outcome, ticket: result.ticket }, "inbound email");
  return answer(200, { ok: true, outcome: result.outcome, ...(result.reason ? { reason: result.reason } : {}) });
};
