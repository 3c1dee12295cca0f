/**
 * Transcript download: GET /app/api/transcripts?conversation=<id>|ticket=T-1001&format=text|json.
 * Admins only (customer data), audited.
 */
import { translator } from "../lib/i18n/catalog";
import { adminLocale } from "../lib/i18n/locale.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { requirePermission } from "../domain/permissions.server";
import { conversationTranscript, ticketTranscript } from "../domain/exports/transcript.server";
import { parseTicketNumber, TICKET_NUMBER_INPUT } from "../domain/ticket-public";
import { adminError } from "../lib/admin-json.server";
import { shopTimeZone } from "./app.analytics/analytics.server";

const querySchema = z.union([
  z.object({ conversation: z.string().min(1).max(100), format: z.enum(["text", "json"]).default("text") }),
  z.object({ ticket: z.string().regex(TICKET_NUMBER_INPUT), format: z.enum(["text", "json"]).default("text") }),
]);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const operator = await requirePermission(context, "data.export");
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success)
    return adminError("invalid_request", "Name a conversation or a ticket, and a format (text or json).", {
      fields: { format: "text or json" },
    });
  const shop = context.session.shop;
  const timeZone = await shopTimeZone(shop);
  const q = parsed.data;
  const file =
    "conversation" in q
      ? await conversationTranscript(shop, operator, q.conversation, q.format, timeZone)
      : await ticketTranscript(shop, operator, parseTicketNumber(q.ticket), q.format, timeZone);
  if (!file) return adminError("not_found", translator(adminLocale(request, operator))("validation.noSuchTranscript"));
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
    },
  });
};
