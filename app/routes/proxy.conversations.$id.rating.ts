/** POST /proxy/conversations/:id/rating — 1..5 with an optional comment. */
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
import { ratingBody } from "../domain/conversations/input";
import { rateConversation } from "../domain/conversations/service.server";

export const loader = async () => handle(async () => methodNotAllowed());

export const action = async ({ request, params, context }: ActionFunctionArgs) =>
  handle(async () => {
    const ctx = await authenticateProxy(request, context);
    if (request.method !== "POST") return methodNotAllowed();
    const body = validate(ratingBody, await readJson(request));
    return json(
      await rateConversation(
        ctx.shop,
        params.id ?? "",
        visitor(ctx, body.token),
        body.score,
        body.comment || undefined,
      ),
    );
  });
