/**
 * What every HTTP answer says while the database is away: one rule for the widget API, the admin's
 * pages and data requests, and the JSON endpoints under /app/* and /hooks/*. A database outage
 * (errors.server.ts: unreachable, shutting down, disk full, read-only, or locked beyond the busy
 * timeout) answers 503 with Retry-After and `{"error": {"code": "unavailable", "message"}}`; the
 * transaction that failed left nothing behind, and the request can simply be sent again. Nothing
 * of the error itself (message, stack, query, input) reaches the answer.
 */
import type { ServerBuild } from "@remix-run/node";
import { classifyDbError, type DbErrorKind } from "./errors.server";
import { UNAVAILABLE_CODE, UNAVAILABLE_TEXT, type UnavailableBody } from "../lib/unavailable";
import { reportDbFailure, UNAVAILABLE_RETRY_SECONDS } from "./health.server";

/**
 * The outage `error` is, reported to the write health (readiness) when writes fail; undefined for
 * any other error. A busy database (locked past the busy timeout, a write conflict) counts as an
 * outage for the answer but not for readiness: it clears by itself with the next commit.
 */
export function outageOf(error: unknown, where: string): DbErrorKind | undefined {
  const failure = reportDbFailure(error, where);
  if (failure) return failure;
  return classifyDbError(error) === "busy" ? "busy" : undefined;
}

export const outageHeaders = (): Record<string, string> => ({
  "Retry-After": String(UNAVAILABLE_RETRY_SECONDS),
  "Cache-Control": "no-store",
});

/** The 503 answer for `error` when it is an outage, else undefined. */
export function outageResponse(error: unknown, where: string): Response | undefined {
  if (!outageOf(error, where)) return undefined;
  const body: UnavailableBody = {
    error: {
      code: UNAVAILABLE_CODE,
      message: `${UNAVAILABLE_TEXT.title}. ${UNAVAILABLE_TEXT.body}`,
      retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
    },
  };
  return Response.json(body, { status: 503, headers: outageHeaders() });
}

type RouteFunction = (args: never) => unknown;

function guard<F extends RouteFunction>(fn: F, where: string): F {
  return (async (args: never) => {
    try {
      return await fn(args);
    } catch (error) {
      // A thrown Response reaches the route's error boundary (a page) or the client as it is (a
      // resource route, a data request), with its status and headers.
      throw outageResponse(error, where) ?? error;
    }
  }) as unknown as F;
}

/**
 * The Remix build with every loader and action guarded: an outage thrown anywhere inside becomes
 * the 503 answer above. Applied once, where the server hands requests to Remix.
 */
export function withOutageAnswers(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const module = { ...route.module };
    if (module.loader) module.loader = guard(module.loader, `loader ${id}`);
    if (module.action) module.action = guard(module.action, `action ${id}`);
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
