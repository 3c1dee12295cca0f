/** POST /proxy/conversations/:id/escalate — the shopper asks for a person. */
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
import { escalateBody } from "../domain/conversations/input";
import { escalateByShopper } from "../domain/conversations/service.server";

export const loader = async () => handle(async () => methodNotAllowed());

export const action = async ({ request, params, context }: ActionFunctionArgs) =>
  handle(async () => {
    const ctx = await authenticateProxy(request, context);
    if (request.method !== "POST") return methodNotAllowed();
    const body = validate(escalateBody, await readJson(request));
    return json(await escalateByShopper(ctx.shop, params.id ?? "", visitor(ctx, body.token), body.reason));
  });
