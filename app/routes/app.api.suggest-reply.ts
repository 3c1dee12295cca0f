/**
 * Operator assist: POST {conversationId} → a draft reply to the latest shopper message, from the
 * shop's AI provider or, without one, the knowledge base. The draft fills the reply box; it is never
 * sent from here.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { requireOperator } from "../domain/permissions.server";
import { readForm } from "../lib/forms.server";
import { suggestReply } from "../ai/assist.server";

const bodySchema = z.object({ conversationId: z.string().trim().min(1).max(64) });

const NO_STORE = { "Cache-Control": "no-store" };

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return Response.json({ ok: false, error: { code: "invalid_request", message: "use POST" } }, { status: 405 });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  await requireOperator(context);
  const form = await readForm(request).catch(() => null);
  const parsed = bodySchema.safeParse(form ? Object.fromEntries(form) : {});
  if (!parsed.success)
    return Response.json(
      { ok: false, error: { code: "invalid_request", message: "conversationId is required" } },
      { status: 422, headers: NO_STORE },
    );
  const draft = await suggestReply(context.session.shop, parsed.data.conversationId);
  if (!draft)
    return Response.json(
      { ok: false, error: { code: "not_found", message: "That conversation was not found." } },
      { status: 404, headers: NO_STORE },
    );
  return Response.json({ ok: true, text: draft.text, source: draft.source }, { headers: NO_STORE });
};
