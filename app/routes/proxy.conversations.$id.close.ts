/** POST /proxy/conversations/:id/close — the shopper ends the chat. */
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
import { tokenBody } from "../domain/conversations/input";
import { closeByShopper } from "../domain/conversations/service.server";

export const loader = async () => handle(async () => methodNotAllowed());

export const action = async ({ request, params, context }: ActionFunctionArgs) =>
  handle(async () => {
    const ctx = await authenticateProxy(request, context);
    if (request.method !== "POST") return methodNotAllowed();
    const body = validate(tokenBody, await readJson(request));
    return json(await closeByShopper(ctx.shop, params.id ?? "", visitor(ctx, body.token)));
  });
