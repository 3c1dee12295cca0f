/**
 * GET /proxy/tickets/:number?email= — the shopper looks up a ticket (status and public replies);
 * a wrong email is a 404. 429 after 10 lookups in 10 minutes from one IP.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateProxy, handle, json, validate } from "../lib/proxy-http.server";
import { parseTicketNumber, ticketLookupQuery } from "../domain/conversations/input";
import { limitTicketLookup } from "../domain/conversations/rate-limits.server";
import { lookupTicket } from "../domain/conversations/service.server";

export const loader = async ({ request, params, context }: LoaderFunctionArgs) =>
  handle(async () => {
    const ctx = await authenticateProxy(request, context);
    const url = new URL(request.url);
    const q = validate(ticketLookupQuery, { number: params.number ?? "", email: url.searchParams.get("email") ?? "" });
    await limitTicketLookup(ctx.shop, ctx.ip);
    return json(await lookupTicket(ctx.shop, parseTicketNumber(q.number), q.email));
  });
