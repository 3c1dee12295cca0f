/**
 * GET /proxy/conversations/:id/poll?token=&after= — the same answer server/hot-path.ts gives without
 * Remix; this route serves it when the hot path is not in front (e.g. `remix vite:dev`).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateProxy, handle, json, noContent, validate, visitor } from "../lib/proxy-http.server";
import { pollQuery } from "../domain/conversations/input";
import { pollConversation } from "../domain/conversations/service.server";
import { conversationNotFound } from "../domain/conversations/errors";

export const loader = async ({ request, params, context }: LoaderFunctionArgs) =>
  handle(async () => {
    const ctx = await authenticateProxy(request, context);
    const url = new URL(request.url);
    if (!url.searchParams.get("token")) throw conversationNotFound();
    const q = validate(pollQuery, { token: url.searchParams.get("token"), after: url.searchParams.get("after") ?? 0 });
    const result = await pollConversation(ctx.shop, params.id ?? "", visitor(ctx, q.token), q.after);
    if (!result) return noContent();
    return json({ messages: result.messages, conversation: result.conversation, cursor: result.cursor });
  });
