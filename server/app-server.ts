/**
 * The Node entry's core: one node:http server that answers the widget API (`/proxy/*`,
 * server/widget-api) itself and hands everything else to Express → Remix. Demo routes are mounted only in demo mode; the inline worker
 * starts unless TANDEM_WORKER=off.
 */
import { createServer, type Server, type ServerOptions } from "node:http";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import type { ViteDevServer } from "vite";
import { env, type Env } from "../app/env.server";
import { logger } from "../app/logger.server";
import { withOutageAnswers } from "../app/db/outage.server";
import { createWidgetApi } from "./widget-api";
import { instrumented } from "./metrics";

/** Event-loop utilisation above which the inline worker runs one job at a time and yields between jobs. */
const BUSY_UTILISATION = 0.3;

/** Samples this process's event-loop utilisation every 100 ms: true while it is above the limit. */
function eventLoopBusy(limit: number): { busy: () => boolean; stop: () => void } {
  let last = performance.eventLoopUtilization();
  let busy = false;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    busy = performance.eventLoopUtilization(now, last).utilization > limit;
    last = now;
  }, 100);
  timer.unref();
  return { busy: () => busy, stop: () => clearInterval(timer) };
}

export interface AppServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  host?: string;
  /** Start the inline job worker (default: TANDEM_WORKER !== "off"). */
  worker?: boolean;
  /**
   * Development: the Vite dev server that loaded this module (server/index.ts); the routes then come
   * from its module graph, with its middleware for the browser's modules.
   */
  vite?: ViteDevServer;
}

/**
 * The Remix build. Its route modules import the other app modules from their sources (ADR 210), so
 * they reach the instances this server uses.
 */
async function loadBuild(vite?: ViteDevServer): Promise<{
  build: ServerBuild | (() => Promise<ServerBuild>);
  vite?: ViteDevServer;
}> {
  if (vite) return { build: () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>, vite };
  // TANDEM_SERVER_BUILD: another server bundle (load tools build a private copy).
  const file = path.resolve(process.env.TANDEM_SERVER_BUILD ?? "build/server/index.js");
  return { build: (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ServerBuild };
}

/**
 * Limits against slow clients (docs/operations.md "Timeouts"): the headers must arrive within
 * HTTP_HEADERS_TIMEOUT_MS and the whole request within HTTP_REQUEST_TIMEOUT_MS (else 408 and the
 * socket is closed); an idle keep-alive socket is closed after HTTP_KEEP_ALIVE_TIMEOUT_MS. Node checks
 * the first two every `connectionsCheckingInterval` (30 s by default, which would add up to 30 s).
 */
export function httpLimits(config: Env): ServerOptions {
  return {
    headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: Math.min(1000, Math.ceil(config.HTTP_HEADERS_TIMEOUT_MS / 5)),
  };
}

export async function startAppServer(options: StartOptions = {}): Promise<AppServer> {
  const config = env();
  const app = express();
  app.disable("x-powered-by");
  // The same hop count as the client IP for limits (app/lib/client-ip.ts): Express then takes the
  // protocol and host Remix sees from X-Forwarded-* only when a trusted proxy sent them.
  app.set("trust proxy", config.TRUST_PROXY_HOPS);
  // No route takes a NUL character, and PostgreSQL cannot store one in text: refused before routing.
  app.use((req, res, next) => {
    if (/%00/.test(req.url)) {
      res.status(400).json({ error: { code: "invalid_request", message: "the URL contains a NUL character (%00)" } });
      return;
    }
    next();
  });

  if (config.demo) {
    // Before the build loads: the Shopify library keeps the fetch it finds at import time, and the
    // demo answers its GraphQL calls with msw, which must have patched fetch by then.
    const { startDemoMocks } = await import("../app/demo/mocks.server");
    await startDemoMocks();
  }

  const { build, vite } = await loadBuild(options.vite);
  if (vite) {
    app.use(vite.middlewares);
  } else {
    // A private server bundle (TANDEM_SERVER_BUILD=<dir>/server/index.js) brings its own <dir>/client.
    const clientDir = process.env.TANDEM_SERVER_BUILD
      ? path.join(path.dirname(path.dirname(path.resolve(process.env.TANDEM_SERVER_BUILD))), "client")
      : "build/client";
    app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(clientDir, { maxAge: "1h" }));
  }

  if (config.demo) {
    const { mountDemo } = await import("../app/demo/server");
    await mountDemo(app);
  }

  app.all(
    "*",
    createRequestHandler({
      // A database outage inside any loader or action answers 503 with Retry-After (outage.server.ts).
      build: typeof build === "function" ? async () => withOutageAnswers(await build()) : withOutageAnswers(build),
      mode: process.env.NODE_ENV,
    }),
  );

  // Tokens written before they were encrypted at rest are sealed now (ADR 105).
  const { sealPlaintextSessions } = await import("../app/lib/session-storage.server");
  const { db } = await import("../app/db.server");
  await sealPlaintextSessions(db());

  // SQLite: WAL checkpoints on a background thread instead of inside a request's commit.
  const { startBackgroundCheckpoints } = await import("../app/db/checkpointer.server");
  const checkpoints = config.databaseKind === "sqlite" ? await startBackgroundCheckpoints() : undefined;

  const widgetApi = createWidgetApi();
  const server = createServer(
    httpLimits(config),
    instrumented((req, res) => {
      if (widgetApi(req, res)) return;
      app(req, res);
    }),
  );

  const runWorker = options.worker ?? config.TANDEM_WORKER !== "off";
  let stopWorker: (() => Promise<void>) | undefined;
  if (runWorker) {
    const { registerAllJobHandlers } = await import("../app/jobs/handlers.server");
    registerAllJobHandlers();
    const { startWorker } = await import("../app/jobs/worker.server");
    // Shoppers first: while the event loop is saturated the inline worker yields (AI replies lag a
    // little during a burst instead of delaying every request), but only while its jobs have waited
    // less than half a second (ADR 216): a shopper's reply is never held back longer than that.
    const load = eventLoopBusy(BUSY_UTILISATION);
    const worker = startWorker({ name: `web-${process.pid}`, busy: load.busy, yieldMs: 25, maxYieldLagMs: 500 });
    stopWorker = async () => {
      load.stop();
      await worker.stop();
    };
  }

  const port = options.port ?? config.PORT;
  const host = options.host ?? "0.0.0.0";
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const url = `http://127.0.0.1:${actualPort}`;
  logger.info({ port: actualPort, demo: config.demo, worker: runWorker, db: config.databaseKind }, "tandem listening");

  return {
    server,
    url,
    async close() {
      await stopWorker?.();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await widgetApi.close();
      await checkpoints?.stop();
      await vite?.close();
    },
  };
}
