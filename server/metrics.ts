/**
 * The one place requests are measured (ADR 165): a wrapper around the server's request handler
 * that counts every request by route class and status class and times it, whoever answers it (the
 * poll hot path, Express, Remix). It also serves GET /metrics: 404 while METRICS_TOKEN is unset,
 * 401 without `Authorization: Bearer <METRICS_TOKEN>`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { env } from "../app/env.server";
import { logger } from "../app/logger.server";
import { observeRequest, routeClass } from "../app/lib/metrics.server";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function authorised(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith("Bearer ") ? header.slice(7) : "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = env().METRICS_TOKEN;
  const send = (status: number, body: string, type = "application/json") => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    res.end(body);
  };
  if (!token) return send(404, JSON.stringify({ error: { code: "not_found", message: "not found" } }));
  if (req.method !== "GET")
    return send(405, JSON.stringify({ error: { code: "method_not_allowed", message: "use GET" } }));
  if (!authorised(req.headers.authorization, token)) {
    res.setHeader("www-authenticate", "Bearer");
    return send(401, JSON.stringify({ error: { code: "unauthorized", message: "a bearer token is required" } }));
  }
  try {
    const { metricsText } = await import("../app/lib/metrics-scrape.server");
    const { contentType, body } = await metricsText();
    send(200, body, contentType);
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.name : "error" }, "metrics: scrape failed");
    send(503, JSON.stringify({ error: { code: "unavailable", message: "metrics are unavailable" } }));
  }
}

export function instrumented(handler: Handler): Handler {
  return (req, res) => {
    const started = performance.now();
    const path = (req.url ?? "/").split("?", 1)[0]!;
    res.once("finish", () => observeRequest(routeClass(path), res.statusCode, (performance.now() - started) / 1000));
    if (path === "/metrics") {
      void serveMetrics(req, res);
      return;
    }
    handler(req, res);
  };
}
