/**
 * The Playground asks as a customer picked from a searchable list (name or email, through the Admin
 * API answered by the demo's Shopify mocks) instead of a typed customer id: Emma Schmidt, found by
 * "emma", asking "where is my order?" gets her order #1003. Screenshot: tmp/e2e/playground-picker.png.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { DESKTOP_UA, launchChromium } from "./support/browser";
import { spawnDemo, type SpawnedDemo } from "./support/demo-server";

const SHOTS = path.resolve("tmp/e2e");
let demo: SpawnedDemo | undefined;
let browser: Browser;

beforeAll(async () => {
  demo = await spawnDemo({ name: "playground-picker", dir: SHOTS });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe("playground customer picker", () => {
  test("a customer found by name is who the assistant answers, and a search without match says so", async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      timezoneId: "Europe/Rome",
      userAgent: DESKTOP_UA,
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("response", (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${demo!.base}/demo/admin?page=/app/playground`);
    const frame = page.frameLocator('iframe[title="Tandem admin"]');
    await frame
      .getByLabel("Shopper's question")
      .waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(SHOTS, "playground-picker-failure.png"), fullPage: true });
        throw new Error(`${String(error)}; page errors: ${errors.join(" | ")}`);
      });
    const askAs = frame.getByLabel("Ask as");
    // the first customers are listed before any search
    await expect
      .poll(async () => (await askAs.locator("option").allTextContents()).length, { timeout: 30_000 })
      .toBeGreaterThan(3)
      .catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(SHOTS, "playground-picker-failure.png"), fullPage: true });
        throw new Error(`${String(error)}; page errors: ${errors.join(" | ")}`);
      });
    await frame.getByLabel("Find a customer").fill("zzz-nobody");
    await frame.getByText("No customer matches").waitFor({ timeout: 15_000 });
    await frame.getByLabel("Find a customer").fill("emma");
    await expect
      .poll(async () => askAs.locator("option").allTextContents(), { timeout: 15_000 })
      .toEqual(["Guest (not signed in)", "Emma Schmidt · emma.schmidt@example.com"]);
    await askAs.selectOption({ label: "Emma Schmidt · emma.schmidt@example.com" });
    await frame.getByLabel("Shopper's question").fill("Where is my order?");
    await frame.getByRole("button", { name: "Ask" }).click();
    await frame.getByText(/#1003/).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, "playground-picker.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
