/**
 * Serves the fixture theme (pages.ts) on a local port, as a Shopify storefront would: HTML, the theme's
 * stylesheets and scripts and the extension's assets gzip-compressed with long cache lifetimes, images
 * from tmp/storefront/images. Everything is rendered and compressed at start, so a page costs the server
 * the same on every run.
 *
 * Responses go out as over a real link, not at loopback speed: each one's headers leave after
 * `latencyMs`, and the bodies follow one after the other, in the order they were asked for, at
 * `bitsPerSecond` in total (like one connection whose server sends what the page asked for first).
 * Lighthouse's simulated throttling builds its estimate from the order in which the observed load
 * finished things; at loopback speed that order is decided by the CPU, which this machine shares (every
 * image finished before the first paint in one run and after it in the next, and the estimated LCP of
 * the same page jumped by seconds); when bodies share the link, lazily loaded images race the LCP image;
 * and when a response's headers wait for the link, Lighthouse takes the wait for server time and adds it
 * to every simulated request. Paced this way, the observed order is the network's, as when Shopify
 * measures a store over the internet.
 *
 *   GET /  /products/summit-all-mountain-snowboard-midnight  /collections/all   ?embed=off|on (default on)
 *   GET /cdn/shop/t/1/assets/*      theme CSS and JS
 *   GET /cdn/shop/files/*           images
 *   GET /demo/assets/tandem-chat/*  the app embed's assets (the URLs asset_url gives in renderEmbed)
 */
import { readFileSync, readdirSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { EXTENSION_DIR } from "../../app/demo/storefront.server";
import { IMAGE_PREFIX, PAGES, THEME_PREFIX, renderPage, type PageName } from "./pages";
import { themeCss } from "./theme-css";

const THEME_DIR = fileURLToPath(new URL("./theme/", import.meta.url));
const EMBED_ASSETS = "/demo/assets/tandem-chat/";

interface Body {
  type: string;
  data: Buffer;
  gzip: boolean;
  cache: string;
}

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".jpg": "image/jpeg",
  ".json": "application/json",
};
const IMMUTABLE = "public, max-age=31536000, immutable";

function text(type: string, content: string | Buffer, cache: string): Body {
  return { type, data: gzipSync(content, { level: 6 }), gzip: true, cache };
}

export interface FixtureServer {
  base: string;
  url(page: PageName, embed: boolean): string;
  close(): Promise<void>;
}

export interface LinkOptions {
  latencyMs: number;
  bitsPerSecond: number;
}

export const DEFAULT_LINK: LinkOptions = { latencyMs: 40, bitsPerSecond: 5_000_000 };

/** Sends queued buffers one after the other, in the order they were queued, at `bitsPerSecond` in total. */
function pacedLink(bitsPerSecond: number) {
  const SLICE = 8 * 1024;
  const bytesPerMs = bitsPerSecond / 8 / 1000;
  const queue: { res: ServerResponse; data: Buffer; offset: number }[] = [];
  let budget = 0;
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const pump = () => {
    timer = undefined;
    const now = performance.now();
    budget = Math.min(budget + (now - last) * bytesPerMs, 4 * SLICE);
    last = now;
    while (queue.length && budget >= Math.min(SLICE, queue[0]!.data.length - queue[0]!.offset)) {
      const item = queue[0]!;
      const n = Math.min(SLICE, item.data.length - item.offset);
      item.res.write(item.data.subarray(item.offset, item.offset + n));
      item.offset += n;
      budget -= n;
      if (item.offset >= item.data.length) {
        queue.shift();
        item.res.end();
      }
    }
    if (queue.length) timer = setTimeout(pump, 2);
  };
  return {
    send(res: ServerResponse, data: Buffer) {
      if (!queue.length && !timer) {
        last = performance.now();
      }
      queue.push({ res, data, offset: 0 });
      timer ??= setTimeout(pump, 0);
    },
    drop(res: ServerResponse) {
      const i = queue.findIndex((q) => q.res === res);
      if (i >= 0) queue.splice(i, 1);
    },
  };
}

export async function startFixtureServer(imageDir: string, link: LinkOptions = DEFAULT_LINK): Promise<FixtureServer> {
  const paced = pacedLink(link.bitsPerSecond);
  const routes = new Map<string, Body>();
  for (const [page, pathname] of Object.entries(PAGES) as [PageName, string][]) {
    for (const embed of [false, true]) {
      const html = await renderPage(page, embed);
      routes.set(`${pathname}?embed=${embed ? "on" : "off"}`, text("text/html; charset=utf-8", html, "no-cache"));
    }
  }
  routes.set(`${THEME_PREFIX}theme.css`, text(TYPES[".css"]!, themeCss(), IMMUTABLE));
  for (const file of readdirSync(THEME_DIR)) {
    if (file === "base.css") continue;
    routes.set(
      `${THEME_PREFIX}${file}`,
      text(TYPES[path.extname(file)]!, readFileSync(path.join(THEME_DIR, file)), IMMUTABLE),
    );
  }
  const assets = path.join(EXTENSION_DIR, "assets");
  for (const file of readdirSync(assets))
    routes.set(
      `${EMBED_ASSETS}${file}`,
      text(TYPES[path.extname(file)]!, readFileSync(path.join(assets, file)), IMMUTABLE),
    );
  for (const file of readdirSync(imageDir).filter((f) => f.endsWith(".jpg")))
    routes.set(`${IMAGE_PREFIX}${file}`, {
      type: TYPES[".jpg"]!,
      data: readFileSync(path.join(imageDir, file)),
      gzip: false,
      cache: IMMUTABLE,
    });

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fixture");
    if (req.method === "POST") {
      // the storefront's analytics beacon and the theme's cart calls
      req.resume();
      res.writeHead(url.pathname === "/api/collect" ? 204 : 200, { "Content-Type": "application/json" });
      res.end(url.pathname === "/api/collect" ? undefined : "{}");
      return;
    }
    const isPage = (Object.values(PAGES) as string[]).includes(url.pathname);
    const key = isPage
      ? `${url.pathname}?embed=${url.searchParams.get("embed") === "off" ? "off" : "on"}`
      : url.pathname;
    const body = routes.get(key);
    if (!body) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
      return;
    }
    const gzip = body.gzip && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const data = gzip || !body.gzip ? body.data : gunzipSync(body.data);
    res.on("close", () => paced.drop(res));
    setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(200, {
        "Content-Type": body.type,
        "Content-Length": data.length,
        "Cache-Control": body.cache,
        ...(gzip ? { "Content-Encoding": "gzip", Vary: "Accept-Encoding" } : {}),
      });
      // The headers go out at once, so every response's time to first byte is the link's latency and
      // Lighthouse's estimate of the server's response time does not depend on the queue.
      res.flushHeaders();
      paced.send(res, data);
    }, link.latencyMs);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    url: (page, embed) => `${base}${PAGES[page]}?embed=${embed ? "on" : "off"}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
