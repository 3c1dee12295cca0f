/**
 * Shared setup of the storefront widget's browser tests: a real server in demo mode on a free port with
 * its own temporary SQLite database (tests/e2e/support/demo-server.ts), the widget built from source,
 * Debian's Chromium, and a scripted responder that streams its replies (the engine's Responder seam), so
 * progressive text, quick replies and product cards are deterministic.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Responder } from "../../app/domain/responder";
import type { Db } from "../../app/db.server";
import { launchChromium } from "./support/browser";
import { DEMO_SHOP, startDemoServer } from "./support/demo-server";

export const SHOP = DEMO_SHOP;
export const SHOTS = path.resolve("tmp/screenshots");
/** The shopper's browser runs in another time zone than the demo shop (Europe/Rome). */
export const BROWSER_TIME_ZONE = "America/New_York";

export interface WidgetServer {
  base: string;
  browser: Browser;
  db: Db;
  /** Opens the demo storefront in a fresh browser context (no cookies, no storage). */
  /** Opens the demo storefront; the browser's time zone is not the shop's (Europe/Rome) unless asked. */
  open(
    pathname?: string,
    options?: { viewport?: { width: number; height: number }; timezoneId?: string },
  ): Promise<{ context: BrowserContext; page: Page }>;
  setStaffing(online: boolean): Promise<void>;
  close(): Promise<void>;
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
  mkdirSync(SHOTS, { recursive: true });
  const server = await startDemoServer({ name: "widget", widget: true });
  const { setResponder } = await import("../../app/domain/conversations/responder-registry.server");
  setResponder(scriptedResponder);
  const client = server.db;
  const { presenceChanged } = await import("../../app/domain/conversations/operator.server");
  const { resetRateLimits } = await import("../../app/domain/conversations/rate-limits.server");
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];

  return {
    base: server.base,
    browser,
    db: client,
    async open(pathname = "/demo", options = {}) {
      await resetRateLimits();
      const context = await browser.newContext({
        baseURL: server.base,
        viewport: options.viewport ?? { width: 1280, height: 800 },
        timezoneId: options.timezoneId ?? BROWSER_TIME_ZONE,
      });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(pathname);
      return { context, page };
    },
    async setStaffing(online) {
      const always = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].reduce<Record<string, string[]>>(
        (o, d) => ({ ...o, [d]: ["00:00", "24:00"] }),
        {},
      );
      await client.shop.update({
        where: { shop: SHOP },
        data: { businessHours: JSON.stringify(always), holidays: "[]", routingMode: "manual" },
      });
      await client.operator.updateMany({
        where: { shop: SHOP },
        // Online means a fresh heartbeat (app/domain/operators.server.ts); dated an hour ahead so the
        // operators stay online for the whole suite without a browser sending heartbeats.
        data: {
          presence: online ? "online" : "offline",
          lastSeenAt: online ? new Date(Date.now() + 3_600_000) : null,
        },
      });
      presenceChanged(SHOP);
    },
    async close() {
      setResponder(undefined);
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await server.close();
    },
  };
}

/** The widget's elements live in an open shadow root; Playwright's CSS engine pierces it. */
export const W = {
  launcher: "#tandem-chat .launcher",
  panel: "#tandem-chat .panel",
  input: "#tandem-chat textarea#tc-input",
  human: "#tandem-chat .acts > .hb:first-child",
  banner: "#tandem-chat .bn",
  form: "#tandem-chat .f",
  /** The contact form or the ticket confirmation at the end of the conversation. */
  inlineForm: "#tandem-chat .log .f",
  /** The footer's actions: Talk to a person, Ticket status, End chat. */
  actions: "#tandem-chat .acts",
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
