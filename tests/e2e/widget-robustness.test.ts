/**
 * The widget never costs the store anything before the shopper interacts and never breaks the page:
 * counted requests and storage writes, failed assets, server down, two embeds, hostile text, long words
 * and right-to-left text, and shoppers who refused storage consent.
 */
import { describe, expect, test } from "vitest";
import { SHOP, W, openPanel, send } from "./widget-harness";
import { widgetServerPerFile } from "./support/widget-suite";

const s = widgetServerPerFile();

const COUNT_WRITES = () => {
  const w = window as unknown as { __writes: string[] };
  w.__writes = [];
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key: string, value: string) {
    w.__writes.push(`storage:${key}`);
    return setItem.call(this, key, value);
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie")!;
  Object.defineProperty(Document.prototype, "cookie", {
    get() {
      return cookie.get!.call(this);
    },
    set(value: string) {
      w.__writes.push(`cookie:${value.split("=")[0]}`);
      cookie.set!.call(this, value);
    },
  });
};

describe("before the first interaction", () => {
  test("the widget makes no network request and writes no cookie or storage until the shopper interacts", async () => {
    const context = await s.browser.newContext({ baseURL: s.base });
    await context.addInitScript(COUNT_WRITES);
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(new URL(r.url()).pathname));
    await page.goto("/demo");
    await page.locator(W.launcher).waitFor();
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1500);

    const widgetRequests = requests.filter((p) => p.startsWith("/apps/") || p.startsWith("/demo/assets/tandem-chat/"));
    // Only the loader itself, which the embed references.
    expect(widgetRequests).toEqual(["/demo/assets/tandem-chat/tandem-chat.js"]);
    expect(await page.evaluate(() => (window as unknown as { __writes: string[] }).__writes)).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

    // Hover is the first interaction: the panel and its stylesheet load, still no API call.
    await page.hover(W.launcher);
    await page.waitForTimeout(500);
    const after = requests.filter((p) => p.startsWith("/apps/") || p.startsWith("/demo/assets/tandem-chat/"));
    expect(after).toEqual([
      "/demo/assets/tandem-chat/tandem-chat.js",
      "/demo/assets/tandem-chat/tandem-chat.css",
      "/demo/assets/tandem-chat/tandem-panel.js",
    ]);
    await context.close();
  });

  test("the loader is requested only after the page's load event, off the page's critical path", async () => {
    const { page } = await s.open("/demo/products/summit-all-mountain-snowboard");
    await page.locator(W.launcher).waitFor();
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const loader = performance.getEntriesByType("resource").filter((r) => r.name.includes("/tandem-chat.js"));
      return { loadEnd: nav.loadEventEnd, starts: loader.map((r) => r.startTime) };
    });
    expect(timing.loadEnd).toBeGreaterThan(0);
    expect(timing.starts).toHaveLength(1);
    expect(timing.starts[0]).toBeGreaterThanOrEqual(timing.loadEnd);
  });

  test("with the embed switched off the page has no widget at all", async () => {
    const { page } = await s.open("/demo?embed=off");
    await expect(page.locator("#tandem-chat").count()).resolves.toBe(0);
    await expect(page.locator("script[data-tandem-config]").count()).resolves.toBe(0);
  });
});

describe("never a broken page", () => {
  test("when the loader cannot load, nothing of the widget is left on the page", async () => {
    const context = await s.browser.newContext({ baseURL: s.base });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.route("**/tandem-chat.js*", (route) => route.abort());
    await page.goto("/demo");
    await page.waitForLoadState("networkidle");
    await expect(page.locator("#tandem-chat").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("when the panel cannot load, the launcher explains and works again once it can", async () => {
    const { page } = await s.open("/demo");
    await page.route("**/tandem-panel.js*", (route) => route.abort());
    await page.click(W.launcher);
    await page.locator("#tandem-chat .toast", { hasText: "could not load" }).waitFor();
    await expect(page.locator(W.panel).count()).resolves.toBe(0);
    await page.unroute("**/tandem-panel.js*");
    await openPanel(page);
  });

  test("with the server down the panel shows a retry state, and the unsent message goes out after Retry", async () => {
    const { page } = await s.open("/demo");
    await openPanel(page);
    await page.route("**/apps/tandem/**", (route) => route.abort());
    await send(page, "Is anyone there?");
    await page.locator(W.banner, { hasText: "Connection lost" }).waitFor();
    await page.locator("#tandem-chat .fail", { hasText: "Not sent." }).waitFor();
    await page.unroute("**/apps/tandem/**");
    await page.click('#tandem-chat .fail button:has-text("Retry")');
    await page.locator('#tandem-chat .m[data-role="ai"]:not([data-id="welcome"])').first().waitFor({ timeout: 20_000 });
    await expect(page.locator("#tandem-chat .fail").count()).resolves.toBe(0);
    await expect(page.locator(W.banner).isHidden()).resolves.toBe(true);
  });

  test("two embeds on one page start one widget", async () => {
    const { page } = await s.open("/demo?embed=twice");
    await expect(page.locator("script[data-tandem-config]").count()).resolves.toBe(2);
    await page.locator(W.launcher).waitFor();
    await page.waitForTimeout(300);
    await expect(page.locator("#tandem-chat").count()).resolves.toBe(1);
    await expect(page.locator(W.launcher).count()).resolves.toBe(1);
  });

  test("markup and script in messages stay text, links are http(s) only, and long words and RTL text stay inside the panel", async () => {
    const { page } = await s.open("/demo");
    await openPanel(page);
    const long = "Supercalifragilistic".repeat(15);
    await send(page, long);
    await send(page, "مرحبا، أريد معرفة مقاس اللوح المناسب لي من فضلك");
    await page.locator('#tandem-chat .m[data-role="ai"]:not([data-id="welcome"])').first().waitFor({ timeout: 20_000 });

    const conv = await s.db.conversation.findFirstOrThrow({ where: { shop: SHOP }, orderBy: { createdAt: "desc" } });
    const { operatorReply } = await import("../../app/domain/conversations/operator.server");
    const luca = await s.db.operator.findFirstOrThrow({ where: { shop: SHOP, name: "Luca Moretti" } });
    await operatorReply(
      SHOP,
      conv.id,
      { id: luca.id, name: luca.name },
      '<img src=x onerror="window.__pwned=1"><b>bold</b> javascript:alert(1) https://example.com/help',
    );
    const op = page.locator('#tandem-chat .m[data-role="operator"] .b');
    await op.waitFor({ timeout: 10_000 });
    await expect(op.textContent()).resolves.toContain('<img src=x onerror="window.__pwned=1"><b>bold</b>');
    await expect(op.locator("img, b").count()).resolves.toBe(0);
    await expect(op.locator("a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))).resolves.toEqual([
      "https://example.com/help",
    ]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    const layout = await page.evaluate(() => {
      const root = document.querySelector("#tandem-chat")!.shadowRoot!;
      const panel = root.querySelector(".panel")!.getBoundingClientRect();
      const log = root.querySelector(".log") as HTMLElement;
      const bubbles = [...root.querySelectorAll(".b")].map((b) => b.getBoundingClientRect());
      return {
        overflow: log.scrollWidth - log.clientWidth,
        outside: bubbles.filter((b) => b.left < panel.left - 0.5 || b.right > panel.right + 0.5).length,
        rtl: getComputedStyle([...root.querySelectorAll(".b")].find((b) => /مرحبا/.test(b.textContent ?? ""))!)
          .direction,
      };
    });
    expect(layout).toEqual({ overflow: 0, outside: 0, rtl: "rtl" });
  });

  test("a shopper who refused storage consent can still chat; nothing is stored", async () => {
    const { page } = await s.open("/demo?consent=denied");
    await openPanel(page);
    await send(page, "Hello without cookies");
    await page.locator('#tandem-chat .m[data-role="ai"]:not([data-id="welcome"])').first().waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("tandem:")))).toEqual([]);
  });

  test("the command queue opens the widget from theme code, before and after the loader runs", async () => {
    const context = await s.browser.newContext({ baseURL: s.base });
    await context.addInitScript(() => {
      const w = window as unknown as { Tandem: unknown[] };
      w.Tandem = w.Tandem || [];
      w.Tandem.push(["open"]);
    });
    const page = await context.newPage();
    await page.goto("/demo");
    await page.locator(W.panel).waitFor({ state: "visible" });
    await page.evaluate(() => (window as unknown as { Tandem: { push(c: unknown[]): void } }).Tandem.push(["close"]));
    await page.locator(W.panel).waitFor({ state: "hidden" });
    await context.close();
  });
});
