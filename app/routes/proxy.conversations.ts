/** POST /proxy/conversations — start a conversation (widget API contract). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateProxy, handle, json, methodNotAllowed, readJson, validate } from "../lib/proxy-http.server";
import { createConversationBody } from "../domain/conversations/input";
import { limitNewConversation } from "../domain/conversations/rate-limits.server";
import { startConversation } from "../domain/conversations/service.server";

export const loader = async ({ request, context }: LoaderFunctionArgs) =>
  handle(async () => {
    await authenticateProxy(request, context);
    return methodNotAllowed();
  });

export const action = async ({ request, context }: ActionFunctionArgs) =>
  handle(async () => {
    const ctx = await authenticateProxy(request, context);
    if (request.method !== "POST") return methodNotAllowed();
    const body = validate(createConversationBody, await readJson(request));
    await limitNewConversation(ctx.shop, ctx.ip);
    const result = await startConversation(ctx.shop, {
      locale: body.locale ?? null,
      pageUrl: body.pageUrl ?? null,
      visitor: body.visitor ?? null,
      customerId: ctx.customerId,
      userAgent: request.headers.get("user-agent"),
    });
    return json(
      {
        conversation: result.conversation,
        visitorToken: result.visitorToken,
        messages: result.messages,
        cursor: result.cursor,
      },
      201,
    );
  });
