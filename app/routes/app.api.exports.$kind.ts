/**
 * CSV export of conversations, messages or tickets created in a range of the shop's days:
 * GET /app/api/exports/:kind?from=YYYY-MM-DD&to=YYYY-MM-DD. Admins only; audited; streamed.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { requirePermission } from "../domain/permissions.server";
import { parseRange } from "../domain/analytics/range";
import { EXPORT_KINDS, exportCsv, type ExportKind } from "../domain/exports/csv.server";
import { shopTimeZone } from "./app.analytics/analytics.server";
import { adminError } from "../lib/admin-json.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const operator = await requirePermission(context, "data.export");
  const kind = params.kind as ExportKind;
  if (!EXPORT_KINDS.includes(kind)) return adminError("not_found", "There is no such export.");
  const shop = context.session.shop;
  const timeZone = await shopTimeZone(shop);
  const query = new URL(request.url).searchParams;
  const parsed = parseRange(
    new URLSearchParams({ range: "custom", from: query.get("from") ?? "", to: query.get("to") ?? "" }),
    new Date(),
    timeZone,
  );
  if (!parsed.ok)
    return adminError("invalid_request", Object.values(parsed.fields).join(" "), { fields: parsed.fields });
  const { range } = parsed;
  const body = await exportCsv(shop, operator, kind, range);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${kind}-${range.from}-${range.to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
};
