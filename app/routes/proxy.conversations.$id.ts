/** GET /proxy/conversations/:id?token= — resume a conversation (widget API contract). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateProxy, handle, json, validate, visitor } from "../lib/proxy-http.server";
import { resumeConversation } from "../domain/conversations/service.server";
import { conversationNotFound } from "../domain/conversations/errors";

const query = z.object({ token: z.string().min(1).max(200) });

export const loader = async ({ request, params, context }: LoaderFunctionArgs) =>
  handle(async () => {
    const ctx = await authenticateProxy(request, context);
    const url = new URL(request.url);
    const token = url.searchParams.get("token");
    if (!token) throw conversationNotFound();
    const { token: t } = validate(query, { token });
    return json(await resumeConversation(ctx.shop, params.id ?? "", visitor(ctx, t)));
  });
