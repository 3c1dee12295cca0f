/** Presence heartbeat: POST {status: "online"|"away", idle, user?: {name, email}} every 30 s. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { heartbeat, heartbeatSchema, operatorForAdmin } from "../domain/operators.server";
import { presenceChanged } from "../domain/conversations/operator.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return Response.json({ error: { code: "invalid_request", message: "use POST" } }, { status: 405 });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const operator = await operatorForAdmin(context);
  const body = heartbeatSchema.safeParse(await request.json().catch(() => null));
  if (!body.success) {
    return Response.json({ error: { code: "invalid_request", message: "bad heartbeat" } }, { status: 422 });
  }
  const { presence } = await heartbeat(context.session.shop, operator, body.data);
  if (presence !== operator.presence) presenceChanged(context.session.shop);
  return Response.json({ presence }, { headers: { "Cache-Control": "no-store" } });
};
