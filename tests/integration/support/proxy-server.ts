/**
 * Runs the real app server (startAppServer, the production Remix build, the widget API and the
 * inline worker) in this test process against a test database, and signs widget API requests
 * exactly as Shopify's App Proxy does, with @shopify/shopify-api/test-helpers.
 */
import { execSync } from "node:child_process";
import { request as httpRequest } from "node:http";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { setDb, type Db } from "../../../app/db.server";
import { resetEnvForTests } from "../../../app/env.server";
import { forgetAllVersions, stopVersionSharing } from "../../../app/domain/versions.server";
import { resetRateLimits } from "../../../app/domain/conversations/rate-limits.server";
import { invalidateAvailability } from "../../../app/domain/conversations/availability.server";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";
import { appProxySignature } from "../../../app/lib/app-proxy.server";

export const API_SECRET = "proxy-test-secret";
export const API_KEY = "proxy-test-key";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "generated") continue;
      newest = Math.max(newest, newestMtime(p));
    } else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the Remix server bundle when it is missing or older than the app sources. */
export function ensureBuild(): void {
  const out = path.resolve("build/server/index.js");
  // A private bundle chosen by the caller (see server/app-server.ts), or an explicit skip.
  if (process.env.TANDEM_SERVER_BUILD || (process.env.TANDEM_SKIP_BUILD === "1" && existsSync(out))) return;
  if (existsSync(out) && statSync(out).mtimeMs >= newestMtime(path.resolve("app"))) return;
  execSync("npx remix vite:build", { stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
}

/**
 * One Prisma client that forwards to whichever test database is current: the Remix build captures
 * the client once (session storage), while a test file runs suites on several databases.
 */
let current: Db | undefined;
const forwarding = new Proxy({} as Db, {
  get(_, key) {
    if (!current) throw new Error("no test database is current");
    const value = (current as unknown as Record<PropertyKey, unknown>)[key];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(current) : value;
  },
});

export interface RunningApp {
  url: string;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startTestApp(
  kind: "sqlite" | "postgresql",
  options: { worker?: boolean } = {},
): Promise<RunningApp> {
  ensureBuild();
  const database = await createTestDatabase(kind);
  process.env.DATABASE_URL = database.url;
  process.env.SHOPIFY_API_SECRET = API_SECRET;
  process.env.SHOPIFY_API_KEY = API_KEY;
  process.env.SHOPIFY_APP_URL = "https://tandem.test";
  process.env.TANDEM_DEMO = "0";
  resetEnvForTests();
  await resetRateLimits();
  forgetAllVersions();
  invalidateAvailability();
  current = database.db;
  setDb(forwarding);
  const { startAppServer } = await import("../../../server/app-server");
  const app = await startAppServer({
    port: 0,
    host: "127.0.0.1",
    worker: options.worker ?? true,
  });
  return {
    url: app.url,
    database,
    async close() {
      await app.close();
      await stopVersionSharing();
      await resetRateLimits();
      forgetAllVersions();
      await database.close();
    },
  };
}

/** Installs a shop: the Shop row and its offline session (what OAuth leaves behind). */
export async function installShop(db: Db, shop: string, settings: Record<string, unknown> = {}): Promise<void> {
  await db.shop.upsert({ where: { shop }, create: { shop, ...settings }, update: settings });
  await db.session.upsert({
    where: { id: `offline_${shop}` },
    create: {
      id: `offline_${shop}`,
      shop,
      state: "installed",
      isOnline: false,
      accessToken: "shpat_test",
      scope: "write_app_proxy",
    },
    update: {},
  });
}

export interface ProxyCall {
  method?: string;
  body?: unknown;
  rawBody?: string;
  customerId?: string;
  /** Shorthand for `forwardedFor`: the X-Forwarded-For header (default 203.0.113.10). */
  ip?: string;
  /** The X-Forwarded-For header exactly as sent; null sends none. Beats `ip`. */
  forwardedFor?: string | null;
  /** Connect from this local address (an alias of 127.0.0.0/8), so the app sees it as the socket's peer. */
  localAddress?: string;
  query?: Record<string, string>;
  /**
   * Parameters the shopper's browser added to the storefront URL, kept before Shopify's own. Shopify
   * signs a repeated key as its values joined with ","; the request is then signed that way
   * (app/lib/app-proxy.server.ts, checked against shopify-api's validator in tests/unit).
   */
  shopperParams?: [string, string][];
  /** Single-valued parameters to repeat after signing (e.g. `signature`, which cannot sign itself). */
  repeatAfterSigning?: string[];
}

async function signedUrl(appUrl: string, shop: string, pathname: string, call: ProxyCall): Promise<URL> {
  const url = new URL(`${appUrl}/proxy${pathname}`);
  for (const [k, v] of call.shopperParams ?? []) url.searchParams.append(k, v);
  for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
  if (call.shopperParams) {
    url.searchParams.append("logged_in_customer_id", call.customerId ?? "");
    url.searchParams.append("path_prefix", "/apps/tandem");
    url.searchParams.append("shop", shop);
    url.searchParams.append("timestamp", String(Math.trunc(Date.now() / 1000) - 1));
    url.searchParams.set("signature", appProxySignature(url.searchParams, API_SECRET));
  } else {
    url.searchParams.set("logged_in_customer_id", call.customerId ?? "");
    url.searchParams.set("path_prefix", "/apps/tandem");
    const signed = await setUpValidRequest(
      { type: RequestType.Public, store: shop.replace(".myshopify.com", ""), apiSecretKey: API_SECRET },
      new Request(url),
    );
    url.search = new URL(signed.url).search;
  }
  for (const key of call.repeatAfterSigning ?? []) {
    const value = url.searchParams.get(key);
    if (value !== null) url.searchParams.append(key, value);
  }
  return url;
}

/** `{app}/proxy{path}` with the query Shopify's App Proxy adds and signs for `shop`. */
export function signedProxyUrl(appUrl: string, shop: string, pathname: string, call: ProxyCall = {}): Promise<URL> {
  return signedUrl(appUrl, shop, pathname, call);
}

/** Calls `{app}/proxy{path}` signed for `shop` as Shopify's App Proxy would forward it. */
export async function proxyFetch(
  appUrl: string,
  shop: string,
  pathname: string,
  call: ProxyCall = {},
): Promise<Response> {
  const url = await signedUrl(appUrl, shop, pathname, call);
  const body = call.rawBody ?? (call.body !== undefined ? JSON.stringify(call.body) : undefined);
  const forwardedFor = call.forwardedFor === undefined ? (call.ip ?? "203.0.113.10") : call.forwardedFor;
  const headers: Record<string, string> = {
    ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
    ...(forwardedFor !== null ? { "X-Forwarded-For": forwardedFor } : {}),
  };
  const method = call.method ?? (body !== undefined ? "POST" : "GET");
  if (call.localAddress) return fetchFrom(call.localAddress, url, { method, headers, body });
  return fetch(url, { method, body, headers });
}

/** One HTTP request over node:http from a chosen local address, answered as a fetch Response. */
function fetchFrom(
  localAddress: string,
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method, headers: init.headers, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") headers.set(k, v);
        const status = res.statusCode ?? 500;
        const payload = status === 204 || status === 304 ? null : Buffer.concat(chunks);
        resolve(new Response(payload, { status, headers }));
      });
    });
    req.on("error", reject);
    req.end(init.body);
  });
}
