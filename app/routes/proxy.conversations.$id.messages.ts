/** POST /proxy/conversations/:id/messages — send a shopper message, idempotent on clientMessageId. */
import type { ActionFunctionArgs } from "@remix-run/node";
import {
  authenticateProxy,
  handle,
  json,
  methodNotAllowed,
  readJson,
  validate,
  visitor,
} from "../lib/proxy-http.server";
import { visitorKey } from "../lib/limits.server";
import { sendMessageBody } from "../domain/conversations/input";
import { withinMessageBudget } from "../domain/conversations/rate-limits.server";
import { sendShopperMessage } from "../domain/conversations/service.server";

export const loader = async () => handle(async () => methodNotAllowed());

export const action = async ({ request, params, context }: ActionFunctionArgs) =>
  handle(async () => {
    const ctx = await authenticateProxy(request, context);
    if (request.method !== "POST") return methodNotAllowed();
    const body = validate(sendMessageBody, await readJson(request));
    const id = params.id ?? "";
    const result = await withinMessageBudget(
      ctx.shop,
      id,
      () =>
        sendShopperMessage(ctx.shop, id, visitor(ctx, body.token), {
          clientMessageId: body.clientMessageId,
          text: body.text,
          visitorKey: visitorKey(ctx.shop, ctx.ip),
        }),
      (sent) => sent.created,
    );
    return json({ message: result.message, cursor: result.cursor }, result.created ? 201 : 200);
  });
