/**
 * Analytics and the team page in Debian's Chromium on /demo/admin (Anna, admin), with a browser in
 * Los Angeles while the shop is in Rome: the charts drawn with data and the "no data" state for an
 * empty range, the data tables behind each chart, a CSV export downloaded and parsed back, and a role
 * changed on the team page. Screenshots at 1440×900 and 390×844 go to tmp/e2e/; the console stays clean.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, ConsoleMessage, FrameLocator, Page } from "playwright-core";
import type { Db } from "../../app/db.server";
import { DESKTOP_UA, launchChromium } from "./support/browser";
import { captureServerErrors, demoAdminUrl } from "./support/admin";
import { DEMO_SHOP as SHOP, startDemoServer, type DemoServer } from "./support/demo-server";

const SHOTS = path.resolve("tmp/e2e");
const DAY = 86_400_000;

let server: DemoServer | undefined;
let db: Db;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startDemoServer({
    name: "analytics",
    prepare: async (client) => {
      const now = Date.now();
      for (let i = 0; i < 12; i++) {
        const created = new Date(now - (i % 6) * DAY - 3_600_000);
        await client.conversation.create({
          data: {
            shop: SHOP,
            visitorTokenHash: `analytics-e2e-${i}`,
            createdAt: created,
            state: "closed",
            closeReason: "resolved",
            closedAt: new Date(created.getTime() + 600_000),
            contactEmail: `shopper${i}@example.com`,
            tags: i % 3 === 0 ? "shipping" : i % 3 === 1 ? "returns" : "",
            rating: (i % 5) + 1,
            ...(i % 2
              ? {
                  queuedAt: new Date(created.getTime() + 60_000),
                  firstHumanReplyAt: new Date(created.getTime() + 150_000),
                }
              : {}),
          },
        });
      }
      await client.aiUsageDaily.create({
        data: { shop: SHOP, day: new Date(now - DAY).toISOString().slice(0, 10), costMicros: 42_000, tokensIn: 1000 },
      });
    },
  });
  db = server.db;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(viewport: { width: number; height: number }, route: string) {
  const context: BrowserContext = await browser.newContext({
    viewport,
    userAgent: DESKTOP_UA,
    timezoneId: "America/Los_Angeles",
    locale: "en-US",
    acceptDownloads: true,
  });
  const page: Page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message.slice(0, 300)}`));
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error") problems.push(`console: ${m.text().slice(0, 300)}`);
  });
  await page.goto(demoAdminUrl(server!.base, "90001", route));
  const app: FrameLocator = page.frameLocator('iframe[title="Tandem admin"]');
  await app.locator(".Polaris-Page").first().waitFor({ timeout: 30_000 });
  return { context, page, app, problems };
}

describe("analytics and team in the browser", () => {
  test("charts render with data, each with its data table, and a CSV export parses back", async () => {
    const serverErrors = captureServerErrors();
    const { context, page, app, problems } = await open({ width: 1440, height: 900 }, "/app/analytics?range=30");
    try {
      await app.locator('[data-testid="per-day-chart"] svg').first().waitFor({ timeout: 15_000 });
      await app.locator('[data-testid="tags-chart"] svg').first().waitFor();
      await app.locator('[data-testid="ai-cost-chart"] svg').first().waitFor();
      const conversations = await db.conversation.count({
        where: { shop: SHOP, createdAt: { gte: new Date(Date.now() - 29 * DAY) } },
      });
      expect(Number(await app.locator("#kpi-conversations").textContent())).toBeGreaterThanOrEqual(12);
      expect(Number(await app.locator("#kpi-conversations").textContent())).toBeLessThanOrEqual(conversations);
      // the tables for screen readers are in the page while the charts show
      const tagRows = await app.locator('[data-testid="tags-table"] tbody tr').allTextContents();
      const shipping = tagRows.map((r) => /^shipping(\d+)$/.exec(r.trim())).find(Boolean);
      expect(Number(shipping?.[1])).toBeGreaterThanOrEqual(4); // 4 here, and any the demo seed tagged
      expect(await app.locator('[data-testid="per-day-table"] tbody tr').count()).toBe(30);
      expect(await app.locator('[data-testid="per-day-chart"]').getAttribute("aria-hidden")).toBe("true");
      await app.locator('[data-testid="heatmap-grid"]').waitFor();
      await app.getByRole("button", { name: "Show as table" }).first().click();
      await app.locator('[data-testid="per-day-table"]').waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(SHOTS, "analytics-1440x900.png"), fullPage: true });
      await app.getByRole("button", { name: "Show as chart" }).first().click();

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        app.getByRole("button", { name: "Conversations (CSV)" }).click(),
      ]);
      const file = await download.path();
      const rows = parse(readFileSync(file), { columns: true, bom: true }) as Record<string, string>[];
      expect(rows.filter((r) => r.email?.startsWith("shopper")).length).toBe(12);
      expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}T/.test(r.created_at!))).toBe(true);
      expect(await db.auditLog.count({ where: { shop: SHOP, action: "export.conversations" } })).toBe(1);
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
    expect(serverErrors).toEqual([]);
  });

  test("a range with no conversations says so instead of drawing empty charts", async () => {
    const { context, page, app, problems } = await open(
      { width: 390, height: 844 },
      "/app/analytics?range=custom&from=2020-01-01&to=2020-01-31",
    );
    try {
      await app.getByText("No conversations in this period.").first().waitFor();
      await expect(app.locator('[data-testid="per-day-chart"]').count()).resolves.toBe(0);
      expect(await app.locator("#kpi-conversations").textContent()).toBe("0");
      await page.screenshot({ path: path.join(SHOTS, "analytics-empty-390x844.png"), fullPage: true });
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  test("an admin makes an operator an admin on the team page", async () => {
    const luca = await db.operator.findFirstOrThrow({ where: { shop: SHOP, staffUserId: "90002" } });
    expect(luca.role).toBe("operator");
    const { context, page, app, problems } = await open({ width: 1440, height: 900 }, "/app/team");
    try {
      const row = app.locator(`[data-testid="member-${luca.id}"]`);
      await row.getByLabel("Role").selectOption("admin");
      await expect
        .poll(async () => (await db.operator.findUniqueOrThrow({ where: { id: luca.id } })).role)
        .toBe("admin");
      await page.screenshot({ path: path.join(SHOTS, "team-1440x900.png"), fullPage: true });
      await row.getByLabel("Role").selectOption("operator");
      await expect
        .poll(async () => (await db.operator.findUniqueOrThrow({ where: { id: luca.id } })).role)
        .toBe("operator");
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(SHOTS, "team-390x844.png"), fullPage: true });
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});
