/**
 * A conversation belongs to the signed customer (or guest) who started it (ADR 080): after signing in
 * or out on the demo storefront (its customer selector signs the App Proxy requests as that customer),
 * the widget does not show the earlier conversation and the next message starts a new one.
 */
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { SHOP, W, openPanel, send } from "./widget-harness";
import { widgetServerPerFile } from "./support/widget-suite";

const s = widgetServerPerFile();
const EMMA = "7003";

async function signInAs(page: Page, customerId: string, { panelOpen = true } = {}) {
  await Promise.all([page.waitForURL(/\/demo$/), page.selectOption("#demo-customer", customerId)]);
  // An open panel is reopened on the new page and resumes its stored conversation.
  if (panelOpen) await page.locator(W.panel).waitFor({ state: "visible", timeout: 10_000 });
  else await page.locator(W.launcher).waitFor();
}

const shopperMessages = (page: Page) => page.locator('#tandem-chat .m[data-role="shopper"]');

describe("signing in or out", () => {
  test("starts a fresh conversation: the earlier one is not shown and the next message goes to a new one of the new identity", async () => {
    const { page } = await s.open("/demo");
    const since = new Date();
    await openPanel(page);
    await send(page, "Hello as a guest");
    await page.locator(W.lastAi).waitFor({ timeout: 20_000 });

    await signInAs(page, EMMA);
    await expect.poll(() => shopperMessages(page).count(), { timeout: 10_000 }).toBe(0);
    await send(page, "Hello as Emma");
    await page.locator(W.lastAi).waitFor({ timeout: 20_000 });
    await expect(shopperMessages(page).allTextContents()).resolves.toEqual([expect.stringContaining("Hello as Emma")]);

    // Signed out with the panel closed, a message sent from theme code at once still arrives: the
    // stored conversation answers 404 and the message starts a new one instead of failing.
    await page.locator("#tandem-chat .chips .chip").first().waitFor({ timeout: 20_000 }); // the reply is final
    await page.click(W.launcher);
    await page.locator(W.panel).waitFor({ state: "hidden" });
    await signInAs(page, "", { panelOpen: false });
    await page.evaluate(() =>
      (window as unknown as { Tandem: { push(c: unknown[]): void } }).Tandem.push(["send", "Hi again"]),
    );
    await page.locator(W.lastAi).waitFor({ timeout: 20_000 });
    await expect(shopperMessages(page).allTextContents()).resolves.toEqual([expect.stringContaining("Hi again")]);

    const conversations = await s.db.conversation.findMany({
      where: { shop: SHOP, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { customerId: true, messages: { where: { role: "shopper" }, select: { text: true } } },
    });
    expect(conversations).toEqual([
      { customerId: null, messages: [{ text: "Hello as a guest" }] },
      { customerId: EMMA, messages: [{ text: "Hello as Emma" }] },
      { customerId: null, messages: [{ text: "Hi again" }] },
    ]);
  });
});
