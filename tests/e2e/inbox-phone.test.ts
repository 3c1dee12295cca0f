/**
 * The inbox on a phone-width screen (Shopify mobile, 390×844): each chat is one stacked row with
 * nothing cut off sideways; a right-to-left preview and a 120-character word stay inside it; the
 * conversation view shows the customer's rating and previous chats. Screenshots:
 * tmp/e2e/inbox-390x844.png, tmp/e2e/conversation-390x844.png.
 */
import path from "node:path";
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium } from "./support/browser";
import { demoAdminUrl } from "./support/admin";
import { startDemoServer, type DemoServer } from "./support/demo-server";

const SHOTS = path.resolve("tmp/e2e");
const SHOP = "tandem-demo.myshopify.com";
const LONG = "x".repeat(120);
const RTL = "مرحبا، أين طلبي؟";
const PHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
let server: DemoServer | undefined;
let browser: Browser;
let chatId = "";

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startDemoServer({
    name: "inbox-phone",
    prepare: async (db) => {
      const make = async (name: string, text: string, extra: { rating?: number; state?: string } = {}) => {
        const c = await db.conversation.create({
          data: {
            shop: SHOP,
            state: extra.state ?? "queued",
            queuedAt: new Date(),
            visitorTokenHash: `phone-${name}-${Math.random()}`,
            contactName: name,
            contactEmail: "layla@example.com",
            rating: extra.rating ?? null,
            ratingComment: extra.rating ? `${LONG} ${RTL}` : null,
            version: 2,
            messageCount: 1,
          },
        });
        await db.message.create({ data: { shop: SHOP, conversationId: c.id, version: 2, role: "shopper", text } });
        return c;
      };
      await make("Layla", `${RTL} ${LONG}`, { rating: 4, state: "closed" });
      chatId = (await make("Layla", `${RTL} ${LONG}`)).id;
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("inbox at phone width", () => {
  test("rows stack inside 390 px, long and right-to-left text stays in its row, the chat shows its history", async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      userAgent: PHONE_UA,
      timezoneId: "America/New_York",
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(demoAdminUrl(server!.base, "90001", "/app/inbox"));
    const app = page.frameLocator('iframe[title="Tandem admin"]');
    await app
      .getByText("Layla")
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(SHOTS, "inbox-390x844-failure.png"), fullPage: true });
        throw new Error(`${String(error)}; page errors: ${errors.join(" | ")}`);
      });
    const frame = page.frames().find((f) => f.url().includes("/app/inbox"))!;
    // nothing wider than the screen: no sideways scrolling of the page or of the list
    const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const preview = app.locator("bdi[dir=auto]").filter({ hasText: RTL }).first();
    // polled: the locator is resolved again on each try, so a row re-rendered by a live update between
    // finding it and reading its style is read again instead of failing on a detached node
    await expect.poll(() => preview.evaluate((el) => getComputedStyle(el).direction), { timeout: 10_000 }).toBe("rtl");
    await page.screenshot({ path: path.join(SHOTS, "inbox-390x844.png"), fullPage: true });

    await page.goto(demoAdminUrl(server!.base, "90001", `/app/conversations/${chatId}`));
    await app.getByText("Previous conversations and tickets").waitFor({ timeout: 30_000 });
    await expect(
      app.getByRole("list", { name: "Previous conversations" }).getByText("rated 4/5").count(),
    ).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "conversation-390x844.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
