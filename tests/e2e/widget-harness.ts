/**
 * Shared setup of the storefront widget's browser tests: a real server in demo mode on a free port with
 * its own temporary SQLite database (migrated and seeded with the demo store), the widget built from
 * source, Debian's Chromium, and a scripted responder that streams its replies (the engine's Responder
 * seam), so progressive text, quick replies and product cards are deterministic.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { Responder } from "../../app/domain/responder";
import type { Db } from "../../app/db.server";

export const SHOP = "tandem-demo.myshopify.com";
export const SHOTS = path.resolve("tmp/screenshots");

export interface WidgetServer {
  base: string;
  browser: Browser;
  db: Db;
  /** Opens the demo storefront in a fresh browser context (no cookies, no storage). */
  open(
    pathname?: string,
    options?: { viewport?: { width: number; height: number } },
  ): Promise<{ context: BrowserContext; page: Page }>;
  setStaffing(online: boolean): Promise<void>;
  close(): Promise<void>;
}

const BUILD_DIR = path.resolve("tmp/widget-e2e-build");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated") newest = Math.max(newest, newestMtime(p));
    } else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the private server bundle (widget API routes only) when missing or older than app/. */
function ensureWidgetServerBuild(): string {
  const out = path.join(BUILD_DIR, "server/index.js");
  if (existsSync(out) && statSync(out).mtimeMs >= newestMtime(path.resolve("app"))) return out;
  const built = spawnSync("npx", ["remix", "vite:build", "--config", "tests/e2e/widget.vite.config.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (built.status !== 0 || !existsSync(out)) throw new Error("building the widget test server bundle failed");
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Streams word by word; snowboard questions get a product card, everything gets quick replies. */
export const scriptedResponder: Responder = {
  async respond(input, sink) {
    const board = /board/i.test(input.text);
    const text = board
      ? "For a first season I would pick the Drift Freestyle: a soft, forgiving board that turns easily and forgives mistakes. Here it is:"
      : "Happy to help! I can answer questions about sizes, delivery, returns and your orders.";
    const words = text.split(" ");
    let partial = "";
    for (let i = 0; i < words.length; i++) {
      partial += (i ? " " : "") + words[i];
      if (i % 2 === 1 && i < words.length - 1) {
        if (!(await sink.update(partial))) return { text: partial };
        await sleep(350);
      }
    }
    return {
      text,
      quickReplies: board ? ["Which size fits me?", "Shipping times"] : ["Shipping times", "Returns"],
      cards: board
        ? [
            {
              type: "product",
              title: "Drift Freestyle Snowboard",
              price: "379.00",
              url: "/demo/products/drift-freestyle-snowboard",
              imageUrl: "/demo/images/drift-freestyle-snowboard.svg",
              variantId: "8011",
            },
          ]
        : undefined,
    };
  },
};

export async function startWidgetServer(): Promise<WidgetServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tandem-widget-"));
  const url = `file:${path.join(dir, "widget.sqlite")}`;
  process.env.TANDEM_DEMO = "1";
  process.env.DATABASE_URL = url;
  process.env.TANDEM_WORKER = "inline";
  mkdirSync(SHOTS, { recursive: true });

  const { resetEnvForTests } = await import("../../app/env.server");
  resetEnvForTests();
  const { buildWidget } = await import("../../scripts/build-widget");
  await buildWidget();
  process.env.TANDEM_SERVER_BUILD = ensureWidgetServerBuild();
  const { migrate } = await import("../../app/db/migrate.server");
  await migrate(url);
  const { createDb, setDb } = await import("../../app/db.server");
  const client = createDb(url);
  setDb(client);
  const { seedDemo } = await import("../../app/demo/seed.server");
  await seedDemo(client);
  const { setResponder } = await import("../../app/domain/conversations/responder-registry.server");
  setResponder(scriptedResponder);
  const { presenceChanged } = await import("../../app/domain/conversations/operator.server");
  const { resetRateLimits } = await import("../../app/domain/conversations/rate-limits.server");
  const { forgetAllVersions } = await import("../../app/domain/versions.server");
  forgetAllVersions();
  await resetRateLimits();

  const { startAppServer } = await import("../../server/app-server");
  const server = await startAppServer({ port: 0, host: "127.0.0.1", worker: true });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  const contexts: BrowserContext[] = [];

  return {
    base: server.url,
    browser,
    db: client,
    async open(pathname = "/demo", options = {}) {
      await resetRateLimits();
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: options.viewport ?? { width: 1280, height: 800 },
      });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(pathname);
      return { context, page };
    },
    async setStaffing(online) {
      const always = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].reduce<Record<string, string[]>>(
        (o, d) => ({ ...o, [d]: ["00:00", "23:59"] }),
        {},
      );
      await client.shop.update({
        where: { shop: SHOP },
        data: { businessHours: JSON.stringify(always), holidays: "[]", routingMode: "manual" },
      });
      await client.operator.updateMany({
        where: { shop: SHOP },
        data: { presence: online ? "online" : "offline", lastSeenAt: null },
      });
      presenceChanged(SHOP);
    },
    async close() {
      setResponder(undefined);
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await server.close();
      setDb(undefined);
      await client.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The widget's elements live in an open shadow root; Playwright's CSS engine pierces it. */
export const W = {
  launcher: "#tandem-chat .launcher",
  panel: "#tandem-chat .panel",
  input: "#tandem-chat textarea#tc-input",
  human: "#tandem-chat .hb",
  banner: "#tandem-chat .bn",
  form: "#tandem-chat .f",
  lastAi: '#tandem-chat .m[data-role="ai"]:not([data-id="welcome"]) >> nth=-1',
};

export async function openPanel(page: Page): Promise<void> {
  await page.click(W.launcher);
  await page.locator(W.panel).waitFor({ state: "visible" });
}

export async function send(page: Page, text: string): Promise<void> {
  await page.fill(W.input, text);
  await page.press(W.input, "Enter");
}
