import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { requirePermission } from "../domain/permissions.server";
import { getDataRequest } from "../repositories/data-requests.server";
import { writeAudit } from "../repositories/audit.server";

/** The stored export of one data request, as a JSON file. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const { session } = context;
  const operator = await requirePermission(context, "data_requests.read");
  const found = await getDataRequest(session.shop, params.id ?? "");
  if (!found) {
    return Response.json({ error: { code: "not_found", message: "No such data request" } }, { status: 404 });
  }
  await writeAudit(session.shop, {
    actorType: "operator",
    actorId: operator.id,
    action: "data_request.downloaded",
    targetType: "data_request",
    targetId: found.id,
  });
  return new Response(found.export, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="customer-data-request-${found.requestId.replace(/[^\w.-]/g, "_")}.json"`,
      "Cache-Control": "no-store",
    },
  });
};
