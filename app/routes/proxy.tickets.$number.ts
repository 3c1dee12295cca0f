/**
 * GET /proxy/tickets/:number?email= — the shopper looks up a ticket (status and public replies);
 * a wrong email is a 404. Limits: rate-limits.server.ts (withinTicketLookupLimits).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateProxy, handle, json, validate } from "../lib/proxy-http.server";
import { parseTicketNumber, ticketLookupQuery } from "../domain/conversations/input";
import { lookupTicket } from "../domain/conversations/service.server";

export const loader = async ({ request, params, context }: LoaderFunctionArgs) =>
  handle(async () => {
    const ctx = await authenticateProxy(request, context);
    const url = new URL(request.url);
    const q = validate(ticketLookupQuery, { number: params.number ?? "", email: url.searchParams.get("email") ?? "" });
    return json(await lookupTicket(ctx.shop, parseTicketNumber(q.number), q.email, ctx.ip));
  });
