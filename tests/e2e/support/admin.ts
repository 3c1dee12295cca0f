/**
 * The admin on /demo/admin in the browser tests: a staff member's tab (the demo App Bridge stand-in
 * signs them in), the app's frame, axe, and the in-process server's errors.
 */
import { vi } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { DESKTOP_UA } from "./browser";

export interface AdminTab {
  page: Page;
  app: FrameLocator;
  errors: string[];
}

/** Opens `page` (an /app path) as staff member `operator` (90001 Anna, admin; 90002 Luca, operator). */
export async function openDemoAdmin(browser: Browser, base: string, operator: string, page: string): Promise<AdminTab> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, userAgent: DESKTOP_UA });
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on("pageerror", (e) => errors.push(e.message));
  if (process.env.DEBUG_INBOX) {
    tab.on("console", (m) => console.log(operator, "console", m.type(), m.text().slice(0, 300)));
    tab.on("response", (r) => {
      if (!r.url().includes("inbox-updates") && !r.url().includes("presence"))
        console.log(operator, r.status(), r.request().method(), r.url().slice(0, 140));
    });
  }
  await tab.goto(demoAdminUrl(base, operator, page));
  return { page: tab, app: tab.frameLocator('iframe[title="Tandem admin"]'), errors };
}

/** The demo admin as staff member `operator`, optionally in an admin language (`locale=it`, as Shopify passes it). */
export function demoAdminUrl(base: string, operator: string, page: string, locale?: string): string {
  return `${base}/demo/admin?operator=${operator}&page=${encodeURIComponent(page)}${locale ? `&locale=${encodeURIComponent(locale)}` : ""}`;
}

/** WCAG 2.1 AA violations on the page, one line each. */
export async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * The server runs in the test process: its errors would show as console.error. Browsers ask for
 * /favicon.ico, which the app does not serve (Remix logs that 404); anything else is collected.
 */
export function captureServerErrors(): string[] {
  const serverErrors: string[] = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    const text = args
      .map((x) => (x instanceof Error ? x.message : typeof x === "object" ? JSON.stringify(x) : String(x)))
      .join(" ");
    if (!text.includes("/favicon.ico")) serverErrors.push(text.slice(0, 500));
  });
  return serverErrors;
}
