/**
 * Every admin page loaded directly (a link, a refresh, a second operator's tab) in a browser whose
 * time zone is not the server's: the server-rendered HTML and the browser's first render must be
 * the same, so React reports no hydration error and the console stays clean. Dates are rendered in
 * the shop's time zone on both sides (app/lib/format.ts).
 */
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, ConsoleMessage } from "playwright-core";
import type { Db } from "../../app/db.server";
import { launchChromium, DESKTOP_UA } from "./support/browser";
import { captureServerErrors, demoAdminUrl } from "./support/admin";
import { DEMO_SHOP as SHOP, startDemoServer, type DemoServer } from "./support/demo-server";

let server: DemoServer | undefined;
let db: Db;
let browser: Browser;

beforeAll(async () => {
  mkdirSync("tmp/e2e", { recursive: true });
  server = await startDemoServer({ name: "direct-load" });
  db = server.db;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function adminPages(): Promise<string[]> {
  const conversation = await db.conversation.findFirstOrThrow({ where: { shop: SHOP }, orderBy: { createdAt: "asc" } });
  const entry = await db.knowledgeEntry.findFirstOrThrow({ where: { shop: SHOP, kind: "faq" } });
  const policy = await db.knowledgeEntry.findFirstOrThrow({ where: { shop: SHOP, kind: "policy" } });
  return [
    "/app",
    "/app/inbox",
    "/app/inbox?view=all",
    `/app/conversations/${conversation.id}`,
    "/app/canned",
    "/app/tickets",
    "/app/tickets?status=open&sort=due&priority=high",
    "/app/tickets/T-1001",
    "/app/knowledge",
    "/app/knowledge/new",
    `/app/knowledge/${entry.id}`,
    `/app/knowledge/${policy.id}`,
    "/app/knowledge/import",
    "/app/assistant",
    "/app/playground",
    "/app/analytics",
    "/app/analytics?range=custom&from=2026-01-01&to=2026-01-31",
    "/app/team",
    "/app/settings",
    "/app/data-requests",
  ];
}

describe("admin pages loaded directly", () => {
  for (const timezoneId of ["America/Los_Angeles", "Asia/Tokyo"]) {
    test(`render with no console error in a browser in ${timezoneId}`, async () => {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        userAgent: DESKTOP_UA,
        timezoneId,
        locale: "en-US",
      });
      const problems: string[] = [];
      const serverErrors = captureServerErrors();
      try {
        for (const path of await adminPages()) {
          const page = await context.newPage();
          page.on("pageerror", (error) => problems.push(`${path}: page error: ${error.message.slice(0, 300)}`));
          page.on("console", (message: ConsoleMessage) => {
            if (message.type() === "error")
              problems.push(`${path}: console: ${message.text().slice(0, 300)} (${message.location().url})`);
          });
          await page.goto(demoAdminUrl(server!.base, "90001", path));
          const app = page.frameLocator('iframe[title="Tandem admin"]');
          await app.locator(".Polaris-Page").first().waitFor({ timeout: 30_000 });
          // Hydration runs after the first paint (the admin keeps polling, so the network is never idle).
          await page.waitForTimeout(1_500);
          if (path === "/app/tickets" || path.startsWith("/app/conversations/") || path.startsWith("/app/tickets/"))
            await page.screenshot({
              path: `tmp/e2e/direct-${path.startsWith("/app/tickets/") ? "ticket" : path.split("/")[2]}-${timezoneId.replace("/", "-")}.png`,
            });
          await page.close();
        }
      } finally {
        await context.close();
      }
      expect(problems).toEqual([]);
      expect(serverErrors).toEqual([]);
    });
  }
});
