/**
 * Typing both ways, in Debian's Chromium, on the demo store and /demo/admin against the real server:
 * the shopper sees "Anna Ferri is typing…" within one poll while the operator types a reply, and the
 * operator sees the shopper typing in the conversation view through its live updates.
 */
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { openDemoAdmin, type AdminTab } from "./support/admin";
import { SHOP, W, openPanel, send } from "./widget-harness";
import { widgetServerPerFile } from "./support/widget-suite";

const s = widgetServerPerFile();
/** The widget polls about every 3 s while open with a person holding the chat; one poll and a margin. */
const ONE_POLL_MS = 3_000 + 1_500;

async function timeUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await condition()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

describe("typing indicators", () => {
  let shopper: Page;
  let anna: AdminTab;

  test("the shopper sees the operator's name typing within one poll while the operator types", async () => {
    ({ page: shopper } = await s.open("/demo", { timezoneId: "Asia/Tokyo" }));
    await openPanel(shopper);
    await send(shopper, "Do you have the Summit in 158?");
    await shopper.locator('#tandem-chat .m[data-role="ai"]:not([data-id="welcome"])').first().waitFor();
    await shopper.click(W.human);
    const conv = await s.db.conversation.findFirstOrThrow({
      where: { shop: SHOP, state: "queued" },
      orderBy: { createdAt: "desc" },
    });

    anna = await openDemoAdmin(s.browser, s.base, "90001", `/app/conversations/${conv.id}`);
    await anna.app.getByRole("button", { name: "Take over" }).click();
    await anna.app.getByText("Assigned · Anna Ferri").waitFor({ timeout: 10_000 });
    await shopper
      .locator(W.panel)
      .getByText("You're chatting with Anna Ferri")
      .waitFor({ timeout: ONE_POLL_MS * 2 });

    const typing = shopper.locator("#tandem-chat .log").getByText("Anna Ferri is typing…");
    expect(await typing.count()).toBe(0);
    await anna.app.getByLabel("Reply to the shopper").pressSequentially("Yes, we", { delay: 40 });
    const seenAfter = await timeUntil(async () => (await typing.count()) > 0, ONE_POLL_MS);
    expect(seenAfter).toBeLessThanOrEqual(ONE_POLL_MS);
    // The operator's name is text, never markup.
    expect(await typing.evaluate((el) => el.children.length)).toBe(0);

    // Sending the reply ends the indicator and shows the reply instead.
    await anna.app.getByLabel("Reply to the shopper").fill("Yes, we have it in 158.");
    await anna.app.getByRole("button", { name: "Send reply" }).click();
    await shopper.locator('#tandem-chat .m[data-role="operator"]').getByText("Yes, we have it in 158.").waitFor({
      timeout: ONE_POLL_MS,
    });
    await timeUntil(async () => (await typing.count()) === 0, ONE_POLL_MS);
  });

  test("the operator sees the shopper typing in the conversation view, and it ends when the shopper stops", async () => {
    const indicator = anna.app.getByText(/is typing…$/);
    expect(await indicator.count()).toBe(0);
    await shopper.locator(W.input).pressSequentially("Great, and", { delay: 40 });
    const seenAfter = await timeUntil(async () => (await indicator.count()) > 0, 5_000);
    expect(seenAfter).toBeLessThanOrEqual(5_000);
    expect(await indicator.textContent()).toBe("Visitor is typing…");

    // Emptying the box tells the operator at once (no waiting for the signal to expire).
    await shopper.locator(W.input).fill("");
    await shopper.locator(W.input).dispatchEvent("input");
    await timeUntil(async () => (await indicator.count()) === 0, 5_000);
    await anna.page.context().close();
  });
});
