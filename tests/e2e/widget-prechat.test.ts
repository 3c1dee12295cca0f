/**
 * The widget's pre-chat form (the block's "Ask for contact details before the chat", switched on by the
 * demo page's `?prechat=1`) and the theme editor's design mode (`?design_mode=1`), in Debian's Chromium
 * against the real server and widget API.
 */
import { describe, expect, test } from "vitest";
import { SHOP, SHOTS, W, openPanel, send } from "./widget-harness";
import { widgetServerPerFile } from "./support/widget-suite";

const s = widgetServerPerFile();

describe("the pre-chat form", () => {
  test("asks for contact details first, enforces the required email in the browser, and the details reach the conversation", async () => {
    const { page } = await s.open("/demo?prechat=1");
    const created: { visitor?: unknown }[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === "/apps/tandem/conversations")
        created.push(r.postDataJSON() as { visitor?: unknown });
    });
    const conversationsBefore = await s.db.conversation.count({ where: { shop: SHOP } });
    await openPanel(page);
    const form = page.locator(W.form);
    await form.locator("h3", { hasText: "Before we start" }).waitFor();
    await expect(page.locator(W.input).isVisible()).resolves.toBe(false);
    await expect(form.locator("label[for=tc-name]").textContent()).resolves.toContain("(optional)");

    // nothing typed: the email is required, and focus goes to it
    await form.locator('button[type="submit"]', { hasText: "Start chat" }).click();
    await expect(page.locator("#tandem-chat #tc-email-err").textContent()).resolves.toBe("This field is required.");
    await expect(page.locator("#tandem-chat #tc-email").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(
      page.evaluate(() => document.querySelector("#tandem-chat")?.shadowRoot?.activeElement?.id),
    ).resolves.toBe("tc-email");

    // a malformed email is refused in the browser too
    await page.fill("#tandem-chat #tc-email", "ines.duarte@example");
    await form.locator('button[type="submit"]').click();
    await expect(page.locator("#tandem-chat #tc-email-err").textContent()).resolves.toBe(
      "Enter a valid email address.",
    );
    await page.screenshot({ path: `${SHOTS}/widget-prechat-form.png` });
    expect(created).toEqual([]);
    expect(await s.db.conversation.count({ where: { shop: SHOP } })).toBe(conversationsBefore);

    await page.fill("#tandem-chat #tc-name", "Ines Duarte");
    await page.fill("#tandem-chat #tc-email", "Ines.Duarte@Example.com");
    await form.locator('button[type="submit"]').click();
    await page.locator(W.form).waitFor({ state: "hidden" });
    await expect(
      page.evaluate(() => document.querySelector("#tandem-chat")?.shadowRoot?.activeElement?.id),
    ).resolves.toBe("tc-input");

    // the conversation starts with the first message and carries the details
    await send(page, "Do you ship to France?");
    await page.locator(W.lastAi).waitFor({ timeout: 20_000 });
    expect(created).toEqual([
      expect.objectContaining({ visitor: { name: "Ines Duarte", email: "Ines.Duarte@Example.com" } }),
    ]);
    const conv = await s.db.conversation.findFirstOrThrow({ where: { shop: SHOP }, orderBy: { createdAt: "desc" } });
    expect([conv.contactName, conv.contactEmail, conv.contactPhone]).toEqual([
      "Ines Duarte",
      "ines.duarte@example.com",
      null,
    ]);
    await page.screenshot({ path: `${SHOTS}/widget-prechat-chat.png` });
  });

  test("a reload keeps the conversation and does not ask again", async () => {
    const { page } = await s.open("/demo?prechat=1");
    await openPanel(page);
    await page.fill("#tandem-chat #tc-email", "mia@example.com");
    await page.locator(W.form).locator('button[type="submit"]').click();
    await send(page, "Hello there");
    await page.locator(W.lastAi).waitFor({ timeout: 20_000 });
    await page.reload();
    await page.locator(W.panel).waitFor({ state: "visible", timeout: 10_000 });
    await page.locator('#tandem-chat .m[data-role="shopper"]', { hasText: "Hello there" }).waitFor({ timeout: 10_000 });
    await expect(page.locator(W.form).isVisible()).resolves.toBe(false);
  });
});

describe("the theme editor's design mode", () => {
  test("the panel opens as a preview and never calls the widget API", async () => {
    const before = await s.db.conversation.count({ where: { shop: SHOP } });
    const { page } = await s.open("/demo?design_mode=1&prechat=1");
    const proxyCalls: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/apps/")) proxyCalls.push(`${r.method()} ${r.url()}`);
    });
    await openPanel(page);
    await expect(page.locator("#tandem-chat .ht p").textContent()).resolves.toBe(
      "Preview: chats are off in the theme editor.",
    );
    // no pre-chat form in the editor, even when the merchant switched it on
    await expect(page.locator(W.form).isVisible()).resolves.toBe(false);
    await send(page, "Testing the look of the panel");
    await page.locator('#tandem-chat .m[data-role="shopper"]', { hasText: "Testing the look" }).waitFor();
    await page
      .locator('#tandem-chat .m[data-role="system"]', { hasText: "Preview: chats are off in the theme editor." })
      .waitFor();
    await expect(page.locator(`${W.actions} button:has-text("End chat")`).count()).resolves.toBe(1);
    await expect(page.locator(`${W.actions} button:has-text("End chat")`).isVisible()).resolves.toBe(false);
    await page.click(W.human).catch(() => undefined);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${SHOTS}/widget-design-mode.png` });

    expect(proxyCalls).toEqual([]);
    expect(await s.db.conversation.count({ where: { shop: SHOP } })).toBe(before);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("tandem:")))).toEqual([]);
  });
});
