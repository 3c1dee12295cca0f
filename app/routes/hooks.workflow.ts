/**
 * POST /hooks/workflow — the external workflow's signed callback (docs/api/workflow.md).
 * Verification, replay protection and the actions live in app/integrations/workflow/callback.server.ts.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWorkflowCallback } from "../integrations/workflow/callback.server";

const headers = { "Cache-Control": "no-store" };

export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST")
    return Response.json({ error: { code: "method_not_allowed", message: "use POST" } }, { status: 405, headers });
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > 64 * 1024)
    return Response.json({ error: { code: "too_large", message: "the body is over 64 KB" } }, { status: 413, headers });
  const raw = await request.text();
  const outcome = await handleWorkflowCallback(raw, request.headers);
  return Response.json(outcome.body, { status: outcome.status, headers });
};

export const loader = () =>
  Response.json({ error: { code: "method_not_allowed", message: "use POST" } }, { status: 405, headers });
