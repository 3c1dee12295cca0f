/**
 * `npm run demo` on a fresh database, driven by Debian's Chromium: the server answers /healthz, the
 * storefront page renders, the local App Proxy signs like Shopify, and /demo/admin shows the real
 * admin (through authenticate.admin and the App Bridge stand-in) inside its frame.
 * Screenshots: tmp/e2e/demo-*.png.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import Database from "better-sqlite3";
import { desktopPage, launchChromium } from "./support/browser";
import { spawnDemo, type SpawnedDemo } from "./support/demo-server";

const SHOTS = path.resolve("tmp/e2e");
let demo: SpawnedDemo | undefined;
let dbFile = "";
let base = "";
let browser: Browser;

function newPage(): Promise<{ page: Page; errors: string[] }> {
  return desktopPage(browser, { width: 1280, height: 860 });
}

beforeAll(async () => {
  demo = await spawnDemo({ name: "demo", dir: SHOTS });
  base = demo.base;
  dbFile = demo.dbFile;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe("npm run demo", () => {
  test("answers /healthz with 200", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
  });

  test("serves the storefront page at /demo", async () => {
    const { page, errors } = await newPage();
    const res = await page.goto(`${base}/demo`);
    expect(res?.status()).toBe(200);
    await expect(page.title()).resolves.toContain("Alpine Peak Supply");
    await expect(page.getByText("Summit All-Mountain Snowboard").first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "demo-storefront.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  test("signs App Proxy requests like Shopify and forwards them to /proxy", async () => {
    const res = await fetch(`${base}/apps/tandem/config`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    // the same path without the local proxy's signature is refused
    const unsigned = await fetch(`${base}/proxy/config?shop=tandem-demo.myshopify.com`);
    expect([400, 401]).toContain(unsigned.status);
  });

  test("forwards the method and body, and signs in the demo customer picked on the storefront", async () => {
    const res = await fetch(`${base}/apps/tandem/conversations`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: "tandem_demo_customer=7003" },
      body: JSON.stringify({ locale: "de", pageUrl: "https://tandem-demo.myshopify.com/account" }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("set-cookie")).toBeNull();
    const body = (await res.json()) as { conversation: { id: string; state: string }; visitorToken: string };
    expect(body.conversation.state).toBe("ai");
    const db = new Database(dbFile, { readonly: true });
    try {
      const row = db
        .prepare(`SELECT "customerId", "locale" FROM "Conversation" WHERE "id" = ?`)
        .get(body.conversation.id);
      expect(row).toEqual({ customerId: "7003", locale: "de" });
    } finally {
      db.close();
    }
  });

  test("shows the admin home inside the /demo/admin frame, with the navigation", async () => {
    const { page, errors } = await newPage();
    const res = await page.goto(`${base}/demo/admin`);
    expect(res?.status()).toBe(200);
    const frame = page.frameLocator('iframe[title="Tandem admin"]');
    await frame.getByText("Setup checklist").waitFor({ timeout: 30_000 });
    await expect(frame.getByText("Open conversations").isVisible()).resolves.toBe(true);
    await expect(frame.locator("ui-nav-menu a", { hasText: "Tickets" }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "demo-admin-home.png") });

    // client-side navigation: fetches carry a fresh session token from the stand-in
    await frame.locator("ui-nav-menu a", { hasText: "Tickets" }).click();
    await frame.getByText("T-1001").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, "demo-admin-tickets.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  test("the App Bridge stand-in shows toasts and picks products from the demo catalogue", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}/demo/admin`);
    const frameHandle = await page.waitForSelector('iframe[title="Tandem admin"]');
    const frame = (await frameHandle.contentFrame())!;
    await frame.getByText("Setup checklist").waitFor({ timeout: 30_000 });

    await frame.evaluate(() => window.shopify.toast.show("Saved in the demo"));
    await frame.getByText("Saved in the demo").waitFor({ timeout: 5_000 });

    const user = await frame.evaluate(() => window.shopify.user());
    expect(user).toMatchObject({ id: 90001, name: "Anna Ferri" });
    const token = await frame.evaluate(() => window.shopify.idToken());
    expect(JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString())).toMatchObject({ sub: "90001" });

    const picked = frame.evaluate(() => window.shopify.resourcePicker({ type: "product" }));
    await frame.getByRole("dialog", { name: "Add products" }).waitFor({ timeout: 5_000 });
    await frame.getByText("Powder Hound Snowboard", { exact: false }).first().click();
    await page.screenshot({ path: path.join(SHOTS, "demo-admin-product-picker.png") });
    await frame.getByRole("button", { name: "Select" }).click();
    const selection = (await picked) as { id: string; title: string }[] | undefined;
    expect(selection?.map((p) => [p.id, p.title])).toEqual([["gid://shopify/Product/6003", "Powder Hound Snowboard"]]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("lets a second operator sign in with ?operator=90002", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}/demo/admin?operator=90002&page=/app/settings`);
    const frame = page.frameLocator('iframe[title="Tandem admin"]');
    await frame.getByText("Only admins can change settings").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, "demo-admin-settings-operator.png") });
    expect(errors).toEqual([]);
    await page.close();
  });
});
