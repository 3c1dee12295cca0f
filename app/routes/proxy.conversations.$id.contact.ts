/** POST /proxy/conversations/:id/contact — contact details when nobody is available: creates a ticket. */
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
import { contactBody } from "../domain/conversations/input";
import { submitContact } from "../domain/conversations/service.server";

export const loader = async () => handle(async () => methodNotAllowed());

export const action = async ({ request, params, context }: ActionFunctionArgs) =>
  handle(async () => {
    const ctx = await authenticateProxy(request, context);
    if (request.method !== "POST") return methodNotAllowed();
    const body = validate(contactBody, await readJson(request));
    const result = await submitContact(ctx.shop, params.id ?? "", visitor(ctx, body.token), {
      email: body.email,
      name: body.name || undefined,
      phone: body.phone || undefined,
      message: body.message || undefined,
    });
    return json({ ticket: result.ticket }, 201);
  });
