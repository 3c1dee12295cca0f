/** Presence heartbeat: POST {status: "online"|"away", idle} every 30 s; also keeps the operator's name Shopify's. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { heartbeat, heartbeatSchema, refreshOperatorName } from "../domain/operators.server";
import { requireOperator } from "../domain/permissions.server";
import { presenceChanged } from "../domain/conversations/operator.server";
import { fetchStaffMember, rawSessionToken } from "../integrations/shopify/staff-member.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return Response.json({ error: { code: "invalid_request", message: "use POST" } }, { status: 405 });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const shop = context.session.shop;
  let operator = await requireOperator(context);
  const body = heartbeatSchema.safeParse(await request.json().catch(() => null));
  if (!body.success) {
    return Response.json({ error: { code: "invalid_request", message: "bad heartbeat" } }, { status: 422 });
  }
  const token = rawSessionToken(request);
  if (token) {
    const staffUserId = operator.staffUserId;
    operator = await refreshOperatorName(shop, operator, () => fetchStaffMember(shop, staffUserId, token));
  }
  const { presence } = await heartbeat(shop, operator, body.data);
  if (presence !== operator.presence) presenceChanged(shop);
  return Response.json({ presence }, { headers: { "Cache-Control": "no-store" } });
};
