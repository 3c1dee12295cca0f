/** The shop's FAQ as a CSV download, in the format the import reads back. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { exportFaqCsv } from "../domain/knowledge/service.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return new Response(await exportFaqCsv(session.shop), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="faq.csv"',
      "Cache-Control": "no-store",
    },
  });
};
