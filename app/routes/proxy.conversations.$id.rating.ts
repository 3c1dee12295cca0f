/** POST /proxy/conversations/:id/rating — 1..5 with an optional comment. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateProxy, handle, json, methodNotAllowed, readJson, validate } from "../lib/proxy-http.server";
import { ratingBody } from "../domain/conversations/input";
import { rateConversation } from "../domain/conversations/service.server";

export const loader = async () => handle(async () => methodNotAllowed());

export const action = async ({ request, params }: ActionFunctionArgs) =>
  handle(async () => {
    const ctx = await authenticateProxy(request);
    if (request.method !== "POST") return methodNotAllowed();
    const body = validate(ratingBody, await readJson(request));
    return json(await rateConversation(ctx.shop, params.id ?? "", body.token, body.score, body.comment || undefined));
  });
