/**
 * Demo mode routes (mounted by server/app-server.ts only when TANDEM_DEMO=1):
 *   /apps/tandem/*       local App Proxy: signs like Shopify, forwards to /proxy/* on this server
 *   /demo                the storefront (app/demo/storefront.server.ts)
 *   /demo/admin          the embedded admin in a frame, behind the App Bridge stand-in
 *   /demo/app-bridge.js  the App Bridge stand-in (APP_BRIDGE_URL in demo mode)
 *   /demo/session-token  mints App Bridge session tokens for a demo staff member
 *   /demo/catalogue.json the demo catalogue for the stand-in's product picker
 *   /demo/customer       picks the signed-in demo customer used by the local App Proxy
 *   /demo/images/*       catalogue images
 * and answers Shopify's GraphQL APIs with the msw handlers the tests use.
 */
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Express, type Request } from "express";
import { DEMO_SHOP, env } from "../env.server";
import { logger } from "../logger.server";
import { demoStore, type DemoOperator } from "./fixture.server";
import { startDemoMocks } from "./mocks.server";
import { adminHostParam, mintSessionToken } from "./signing.server";
import { signAppProxyQuery } from "../lib/app-proxy.server";
import { adminPage } from "./admin-page.server";
import { readCookie } from "./http.server";
import { mountStorefront } from "./storefront.server";

const DEMO_DIR = path.dirname(fileURLToPath(import.meta.url));
export const PROXY_PREFIX = "/apps/tandem";
export const CUSTOMER_COOKIE = "tandem_demo_customer";

/** The signed-in demo customer for this browser: `?demo_customer=` beats the cookie; "" is a guest. */
export function demoCustomerId(req: Request): string {
  const known = new Set(demoStore().customers.map((c) => c.id));
  const fromQuery = typeof req.query.demo_customer === "string" ? req.query.demo_customer : undefined;
  const value = fromQuery ?? readCookie(req, CUSTOMER_COOKIE) ?? "";
  return known.has(value) ? value : "";
}

function operatorFor(staffUserId: unknown): DemoOperator {
  const operators = demoStore().operators;
  return operators.find((o) => o.staffUserId === staffUserId) ?? operators[0]!;
}

export async function mountDemo(app: Express): Promise<void> {
  const config = env();
  if (!config.demo) throw new Error("mountDemo called outside demo mode");
  const shop = DEMO_SHOP;
  const store = demoStore();

  await startDemoMocks();

  // --- local App Proxy --------------------------------------------------------------------------------
  app.all(`${PROXY_PREFIX}/*`, (req, res) => {
    const incoming = new URL(req.originalUrl, "http://local");
    const query = new URLSearchParams(incoming.search);
    const customerId = demoCustomerId(req);
    query.delete("demo_customer");
    const signed = signAppProxyQuery(query, {
      shop,
      loggedInCustomerId: customerId,
      pathPrefix: PROXY_PREFIX,
      secret: config.SHOPIFY_API_SECRET,
    });
    const target = `/proxy${incoming.pathname.slice(PROXY_PREFIX.length)}?${signed.toString()}`;
    // Like Shopify: the address this proxy received the connection from is appended to whatever
    // X-Forwarded-For the browser sent (the app trusts one hop in demo mode, TRUST_PROXY_HOPS).
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress ?? "127.0.0.1"]
      .flat()
      .filter((v): v is string => typeof v === "string" && v !== "")
      .join(", ");
    const headers: Record<string, string> = {
      "x-forwarded-for": forwardedFor,
      "x-forwarded-host": shop,
      "x-forwarded-proto": "https",
    };
    for (const name of ["content-type", "content-length", "accept", "accept-language", "user-agent"]) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    // Shopify strips cookies in both directions.
    const upstream = httpRequest(
      { host: "127.0.0.1", port: req.socket.localPort, method: req.method, path: target, headers },
      (answer) => {
        const out: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value === undefined || name === "set-cookie" || name === "connection" || name === "keep-alive") continue;
          out[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      logger.warn({ err: error.message }, "demo app proxy: upstream failed");
      if (!res.headersSent) res.status(502).json({ error: { code: "upstream", message: "The app did not answer" } });
      else res.end();
    });
    req.pipe(upstream);
  });

  // --- customer toggle --------------------------------------------------------------------------------
  app.get("/demo/customer", (req, res) => {
    const id = typeof req.query.id === "string" ? req.query.id : "";
    const valid = store.customers.some((c) => c.id === id);
    res.cookie(CUSTOMER_COOKIE, valid ? id : "", { httpOnly: false, sameSite: "lax", path: "/" });
    const back =
      typeof req.query.redirect === "string" && req.query.redirect.startsWith("/demo") ? req.query.redirect : "/demo";
    res.redirect(303, back);
  });

  // --- App Bridge stand-in and session tokens ------------------------------------------------------
  const appBridgeSource = readFileSync(path.join(DEMO_DIR, "app-bridge.js"), "utf8");
  app.get("/demo/app-bridge.js", (_req, res) => {
    res.type("application/javascript").set("Cache-Control", "no-cache").send(appBridgeSource);
  });

  app.get("/demo/session-token", (req, res) => {
    const op = operatorFor(req.query.operator);
    const { token, exp } = mintSessionToken({
      shop,
      apiKey: config.SHOPIFY_API_KEY,
      secret: config.SHOPIFY_API_SECRET,
      staffUserId: op.staffUserId,
    });
    const [firstName, ...last] = op.name.split(" ");
    res.set("Cache-Control", "no-store").json({
      token,
      exp,
      user: {
        id: Number(op.staffUserId),
        name: op.name,
        firstName,
        lastName: last.join(" "),
        email: op.email,
        accountAccess: op.role === "admin" ? "Account owner" : "Staff",
      },
    });
  });

  app.get("/demo/catalogue.json", (_req, res) => {
    res.set("Cache-Control", "no-store").json({
      products: store.products.map((p) => ({
        id: p.gid,
        title: p.title,
        handle: p.handle,
        priceLabel:
          p.priceRange.min === p.priceRange.max ? `€${p.priceRange.min}` : `€${p.priceRange.min}–${p.priceRange.max}`,
        images: [{ originalSrc: p.imageUrl, altText: p.title }],
        variants: p.variants.map((v) => ({
          id: v.gid,
          title: v.title,
          price: v.price,
          availableForSale: v.available,
          inventoryQuantity: v.inventory,
        })),
      })),
    });
  });

  app.use("/demo/images", express.static(path.join(DEMO_DIR, "images"), { maxAge: "1h" }));

  // --- the admin in a frame ---------------------------------------------------------------------------
  // The admin's CSP only lets Shopify's admin frame it; in the demo, /demo/admin on this origin does.
  app.use(["/app", "/auth"], (_req, res, next) => {
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name: string, value: number | string | readonly string[]) => {
      if (name.toLowerCase() === "content-security-policy" && typeof value === "string") {
        value = value.replace(/frame-ancestors /, "frame-ancestors 'self' ");
      }
      // No CDN in the demo: preload the local App Bridge stand-in instead.
      if (name.toLowerCase() === "link" && typeof value === "string") {
        value = value.replace("https://cdn.shopify.com/shopifycloud/app-bridge.js", "/demo/app-bridge.js");
      }
      return setHeader(name, value);
    };
    next();
  });

  app.get("/demo/admin", (req, res) => {
    const op = operatorFor(req.query.operator);
    const { token } = mintSessionToken({
      shop,
      apiKey: config.SHOPIFY_API_KEY,
      secret: config.SHOPIFY_API_SECRET,
      staffUserId: op.staffUserId,
    });
    // an /app path, optionally with its own query (a filtered list, a date range)
    const page =
      typeof req.query.page === "string" && /^\/app(\/[\w./-]*)?(\?[\w=&.%+-]*)?$/.test(req.query.page)
        ? req.query.page
        : "/app";
    const frame = new URLSearchParams({
      embedded: "1",
      shop,
      host: adminHostParam(shop),
      id_token: token,
      // the staff member's admin language, as Shopify passes it (?locale=it on /demo/admin)
      locale:
        typeof req.query.locale === "string" && /^[A-Za-z]{2}([-_][A-Za-z]{2})?$/.test(req.query.locale)
          ? req.query.locale
          : "en",
      demo_operator: op.staffUserId,
    });
    res
      .set("Cache-Control", "no-store")
      .type("html")
      .send(adminPage(store.shop.name, op, `${page}${page.includes("?") ? "&" : "?"}${frame}`));
  });

  // --- storefront ---------------------------------------------------------------------------------------
  await mountStorefront(app);
}
