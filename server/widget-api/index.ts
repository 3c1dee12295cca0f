/**
 * The widget API (`/proxy/*`, reached only through Shopify's App Proxy), served on the node:http
 * server without Remix. Every request, in this order:
 * 1. a URL with a NUL character → 400 invalid_request (as for every other path);
 * 2. the App Proxy signature (app/lib/app-proxy.server.ts) → a bare 400, or 400 invalid_request for
 *    a repeated single-valued parameter or a malformed `logged_in_customer_id`;
 * 3. the shop is installed (app/domain/shops.server.ts `isInstalled`, the app's one check) → 404
 *    not_installed;
 * 4. the handler table (routes.ts): an unknown path → 404 not_found, a known path with another
 *    method → 405 invalid_request;
 * 5. whatever a handler throws becomes the contract's error answer (http.ts).
 * Nothing derived from the request is cached or shared before step 2 passed.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "../../app/env.server";
import { startVersionSharing } from "../../app/domain/versions.server";
import { isInstalled, knownInstalled } from "../../app/domain/shops.server";
import { checkAppProxyQuery } from "../../app/lib/app-proxy.server";
import { clientIp } from "../../app/lib/client-ip";
import { errorReply, replyForError, send, type Reply } from "./http";
import { createPoll } from "./poll";
import { createPollReader, type PollReader } from "./poll-reader";
import { ROUTES, type WidgetRequest } from "./routes";

export type WidgetApi = ((req: IncomingMessage, res: ServerResponse) => boolean) & { close(): Promise<void> };

const PREFIX = "/proxy/";
const NOT_INSTALLED = errorReply("not_installed", "the app is not installed on this shop");
const NOT_FOUND = errorReply("not_found", "not found");
const NUL = errorReply("invalid_request", "the URL contains a NUL character (%00)", 400);
const BAD_SIGNATURE: Reply = { status: 400 };

/** `/proxy`, `/proxy?…` and everything under `/proxy/` belong to the widget API. */
const isWidgetApiUrl = (url: string) => url.startsWith(PREFIX) || url === "/proxy" || url.startsWith("/proxy?");

export function createWidgetApi(): WidgetApi {
  const config = env();
  const secret = config.SHOPIFY_API_SECRET;
  let reader: PollReader | undefined;
  const getReader = () => (reader ??= createPollReader(config.databaseKind, config.DATABASE_URL));
  if (config.databaseKind === "postgresql") startVersionSharing(config.DATABASE_URL);
  const poll = createPoll(getReader);
  function route(path: string, request: WidgetRequest): Reply | Promise<Reply> {
    const req = request.req;
    let methodMatched = false;
    for (const r of ROUTES) {
      const match = r.path.exec(path);
      if (!match) continue;
      if (r.method !== req.method) {
        methodMatched = true;
        continue;
      }
      let parts: string[];
      try {
        parts = match.slice(1).map((p) => decodeURIComponent(p));
      } catch {
        return NOT_FOUND;
      }
      request.parts = parts;
      return r.handle(request);
    }
    if (methodMatched) return errorReply("invalid_request", "method not allowed", 405);
    return NOT_FOUND;
  }

  function answer(req: IncomingMessage, url: string): Reply | Promise<Reply> {
    if (url.includes("%00")) return NUL;
    const q = url.indexOf("?");
    const checked = checkAppProxyQuery(q === -1 ? "" : url.slice(q + 1), secret);
    if (!checked.ok) {
      return checked.message === undefined ? BAD_SIGNATURE : errorReply("invalid_request", checked.message, 400);
    }
    let path = (q === -1 ? url : url.slice(0, q)).slice("/proxy".length);
    if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
    const shop = checked.params.get("shop") ?? "";
    let ip: string | undefined;
    const request: WidgetRequest = {
      req,
      parts: [],
      shop,
      customerId: checked.customerId,
      query: checked.params,
      // Computed when a handler asks (limits): a poll never does.
      get ip() {
        return (ip ??= clientIp(req.headers["x-forwarded-for"], req.socket.remoteAddress, config.TRUST_PROXY_HOPS));
      },
      poll,
      bodyTimeoutMs: config.HTTP_BODY_TIMEOUT_MS,
    };
    // A shop known to be installed is routed at once (a poll answered from memory makes no promise).
    if (knownInstalled(shop)) return route(path, request);
    return isInstalled(shop).then((ok) => (ok ? route(path, request) : NOT_INSTALLED));
  }

  const finish = (req: IncomingMessage, res: ServerResponse, reply: Reply) => {
    if (res.headersSent || res.destroyed) return;
    send(res, reply);
    // A body the handler did not read (a GET with a body, a refused request) is drained, not waited on.
    if (!req.complete) req.resume();
  };

  const api = ((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url;
    if (!url || !isWidgetApiUrl(url)) return false;
    let result: Reply | Promise<Reply>;
    try {
      result = answer(req, url);
    } catch (error) {
      result = replyForError(error);
    }
    if (result instanceof Promise) {
      result.then(
        (reply) => finish(req, res, reply),
        (error: unknown) => finish(req, res, replyForError(error)),
      );
    } else finish(req, res, result);
    return true;
  }) as WidgetApi;
  api.close = async () => {
    await reader?.close();
    reader = undefined;
  };
  return api;
}
