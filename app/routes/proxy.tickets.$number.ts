/** GET /proxy/tickets/:number?email= — the shopper looks up a ticket; a wrong email is a 404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateProxy, handle, json, validate } from "../lib/proxy-http.server";
import { parseTicketNumber, ticketLookupQuery } from "../domain/conversations/input";
import { lookupTicket } from "../domain/conversations/service.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) =>
  handle(async () => {
    const ctx = await authenticateProxy(request);
    const url = new URL(request.url);
    const q = validate(ticketLookupQuery, { number: params.number ?? "", email: url.searchParams.get("email") ?? "" });
    return json(await lookupTicket(ctx.shop, parseTicketNumber(q.number), q.email, ctx.ip));
  });
