/**
 * The assistant's cards on the demo storefront without an AI key (the built-in responder and its
 * intent router): a product question shows product cards; choosing a size and pressing Add to cart
 * puts that size in the demo cart (Shopify's /cart/add.js, here the demo's); a signed-in demo
 * customer's "where is my order?" shows their order card. Screenshots: tmp/e2e/assistant-cards-*.png.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DESKTOP_UA, launchChromium } from "./support/browser";
import { startDemoServer, type DemoServer } from "./support/demo-server";
import { W, openPanel, send } from "./widget-harness";

const SHOTS = path.resolve("tmp/e2e");
let server: DemoServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function open(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: server.base,
    viewport: { width: 1280, height: 900 },
    userAgent: DESKTOP_UA,
    timezoneId: "America/New_York",
    locale: "en-US",
  });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/demo");
  return { page, errors };
}

const lastAiCards = (page: Page) => page.locator(`${W.lastAi} >> .card`);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  delete process.env.OPENAI_API_KEY;
  server = await startDemoServer({ name: "assistant-cards", widget: true });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

describe("the assistant's cards on the demo storefront, without an AI key", () => {
  test("a product question shows product cards, and Add to cart adds the size the shopper chose", async () => {
    const { page, errors } = await open();
    await openPanel(page);
    await send(page, "do you have a freestyle snowboard for a beginner?");
    const card = lastAiCards(page).filter({ hasText: "Drift Freestyle Snowboard" });
    await card.waitFor({ timeout: 20_000 });
    await expect(card.locator("p").first().textContent()).resolves.toBe("€379.00");

    const size = card.locator("select");
    await expect(size.getAttribute("aria-label")).resolves.toBe("Choose an option");
    await expect(size.locator("option").allTextContents()).resolves.toEqual([
      "145 cm · €379.00",
      "150 cm · €379.00",
      "155 cm · €379.00",
    ]);
    await size.selectOption({ label: "150 cm · €379.00" });
    await card.locator("button", { hasText: "Add to cart" }).click();
    await card.getByText("Added to cart").waitFor({ timeout: 10_000 });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "assistant-cards-product.png") });

    const cart = (await page.evaluate(async () => (await fetch("/demo/cart.js")).json())) as {
      items: { variant_id: number; variant_title: string; quantity: number }[];
    };
    expect(cart.items.map((i) => [i.variant_id, i.variant_title, i.quantity])).toEqual([[8012, "150 cm", 1]]);

    // A sold-out size cannot be chosen.
    await send(page, "do you have the Summit all-mountain board?");
    const summit = lastAiCards(page).filter({ hasText: "Summit All-Mountain Snowboard" });
    await summit.waitFor({ timeout: 20_000 });
    const soldOut = summit.locator("option", { hasText: "156 cm" });
    await expect(soldOut.textContent()).resolves.toBe("156 cm · €449.00 · sold out");
    await expect(soldOut.isDisabled()).resolves.toBe(true);
    const axe = await new AxeBuilder({ page })
      .include("#tandem-chat")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("a signed-in demo customer's 'where is my order?' shows their order card", async () => {
    const { page, errors } = await open();
    await Promise.all([page.waitForURL(/\/demo$/), page.selectOption("#demo-customer", "7003")]);
    await openPanel(page);
    await send(page, "where is my order?");
    const card = lastAiCards(page).filter({ hasText: "#1003" });
    await card.waitFor({ timeout: 20_000 });
    await expect(card.textContent()).resolves.toContain("in transit");
    await expect(page.locator(W.lastAi).textContent()).resolves.toContain("#1003: in transit.");
    await page.screenshot({ path: path.join(SHOTS, "assistant-cards-order.png") });
    expect(errors).toEqual([]);
  });
});
