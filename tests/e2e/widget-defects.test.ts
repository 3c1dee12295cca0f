/**
 * What a shopper's walk-through of the widget found, each checked in Debian's Chromium against the real
 * server: the header × minimises and ending needs a confirmation, chosen stars turn gold, the admin's
 * greeting reaches the widget, a rate-limited message says why and when, ticket numbers and the status
 * line do not wrap, and screen readers hear each author once.
 */
import AxeBuilder from "@axe-core/playwright";
import { describe, expect, onTestFinished, test } from "vitest";
import type { Page } from "playwright-core";
import { SHOP, SHOTS, W, openPanel, send } from "./widget-harness";
import { widgetServerPerFile } from "./support/widget-suite";

const s = widgetServerPerFile();

const activeText = (page: Page) =>
  page.evaluate(() => document.querySelector("#tandem-chat")?.shadowRoot?.activeElement?.textContent);

async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include("#tandem-chat")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function lastConversation() {
  return s.db.conversation.findFirstOrThrow({ where: { shop: SHOP }, orderBy: { createdAt: "desc" } });
}

describe("minimising and ending the chat", () => {
  let page: Page;

  test("the header × only minimises: a queued shopper keeps their place", async () => {
    ({ page } = await s.open("/demo"));
    await openPanel(page);
    await send(page, "Hello, do you have helmets?");
    await page.locator(W.lastAi).waitFor({ timeout: 20_000 });
    await page.click(W.human);
    await page.locator(W.banner, { hasText: "Waiting for a person" }).waitFor({ timeout: 10_000 });

    const header = page.locator("#tandem-chat .head button");
    await expect(header.count()).resolves.toBe(1);
    await expect(header.getAttribute("aria-label")).resolves.toBe("Minimise chat");
    await header.click();
    await page.locator(W.panel).waitFor({ state: "hidden" });
    expect((await lastConversation()).state).toBe("queued");
    await openPanel(page);
    await page.locator(W.banner, { hasText: "Waiting for a person" }).waitFor();
  });

  test("End chat asks first; Keep chatting and Esc keep the chat, and the place in the queue", async () => {
    await page.click(`${W.actions} button:has-text("End chat")`);
    const confirm = page.locator("#tandem-chat .cf");
    await confirm.waitFor();
    await expect(confirm.locator("p").textContent()).resolves.toBe(
      "End this chat? You will lose your place in the queue.",
    );
    await expect(confirm.getAttribute("role")).resolves.toBe("group");
    await expect(activeText(page)).resolves.toBe("Keep chatting");
    await expect(page.locator(W.input).isVisible()).resolves.toBe(false);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/widget-end-confirm.png` });

    await page.keyboard.press("Escape");
    await confirm.waitFor({ state: "hidden" });
    await expect(page.locator(W.panel).isVisible()).resolves.toBe(true);
    await expect(activeText(page)).resolves.toBe("End chat");

    await page.click(`${W.actions} button:has-text("End chat")`);
    await confirm.locator('button:has-text("Keep chatting")').click();
    await confirm.waitFor({ state: "hidden" });
    expect((await lastConversation()).state).toBe("queued");
  });

  test("confirmed, the chat ends and asks for a rating", async () => {
    await page.click(`${W.actions} button:has-text("End chat")`);
    await page.click('#tandem-chat .cf button:has-text("End chat")');
    await page.locator(W.form, { hasText: "This chat has ended" }).waitFor({ timeout: 10_000 });
    expect(await lastConversation()).toMatchObject({ state: "closed", closeReason: "closed_by_shopper" });
  });

  test("a chosen star turns gold, the ones after it stay grey, and the required error goes away", async () => {
    await page.click('#tandem-chat .f button[type="submit"]');
    const err = page.locator('#tandem-chat .f .err[role="alert"]');
    await expect(err.textContent()).resolves.toBe("This field is required.");
    await page.click("#tandem-chat .stars label:nth-of-type(4)");
    await expect(err.textContent()).resolves.toBe("");
    const colours = await page
      .locator("#tandem-chat .stars label")
      .evaluateAll((labels) => labels.map((l) => getComputedStyle(l).color));
    expect(colours).toEqual([...Array(4).fill("rgb(181, 126, 0)"), "rgb(138, 138, 149)"]);
    await expect(page.locator("#tandem-chat .stars input:checked").getAttribute("value")).resolves.toBe("4");
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/widget-rating.png` });
    await page.click('#tandem-chat .f button[type="submit"]');
    await page.locator(W.form, { hasText: "Thanks for your feedback!" }).waitFor();
    expect((await lastConversation()).rating).toBe(4);
  });
});

describe("the admin's settings reach the widget", () => {
  test("the Greeting is the welcome message; switching off “Talk to a person” hides the button", async () => {
    const before = await s.db.shop.findUniqueOrThrow({ where: { shop: SHOP } });
    onTestFinished(async () => {
      await s.db.shop.update({
        where: { shop: SHOP },
        data: { greeting: before.greeting, handoffEnabled: before.handoffEnabled },
      });
    });
    await s.db.shop.update({
      where: { shop: SHOP },
      data: { greeting: "Servus! Ask us about boards, boots and your order.", handoffEnabled: false },
    });
    const { page } = await s.open("/demo");
    await openPanel(page);
    await expect(page.locator('#tandem-chat .m[data-id="welcome"] .b').textContent()).resolves.toBe(
      "Servus! Ask us about boards, boots and your order.",
    );
    await expect(page.locator(W.human).isHidden()).resolves.toBe(true);
  });
});

describe("a rate-limited shopper", () => {
  test("sees why the message was not sent and a countdown to when it can be retried", async () => {
    const { page } = await s.open("/demo");
    await openPanel(page);
    await send(page, "Hello");
    await page.locator(W.lastAi).waitFor({ timeout: 20_000 });
    // The visitor's allowance for this minute is used up (20 messages per minute per conversation).
    const conv = await lastConversation();
    const { LIMITS } = await import("../../app/domain/conversations/rate-limits.server");
    const { take } = await import("../../app/lib/limits.server");
    for (let i = 0; i < LIMITS.messages.points; i++) await take(LIMITS.messages, `${SHOP}:${conv.id}`);

    await send(page, "One more question about sizes");
    const fail = page.locator("#tandem-chat .fail");
    await fail.waitFor({ timeout: 10_000 });
    await expect(fail.textContent()).resolves.toMatch(
      /^Not sent: you're sending messages too quickly\. Retry in \d+ s$/,
    );
    const retry = fail.locator("button");
    await expect(retry.isDisabled()).resolves.toBe(true);
    const seconds = Number(/(\d+) s/.exec((await retry.textContent()) ?? "")?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    await expect
      .poll(async () => Number(/(\d+) s/.exec((await retry.textContent()) ?? "")?.[1]), { timeout: 5000 })
      .toBeLessThan(seconds);
    await expect(page.locator("#tandem-chat .sr[aria-live]").textContent()).resolves.toMatch(
      /^Not sent: you're sending messages too quickly\. Retry in \d+ s$/,
    );
    // Nothing was stored, and the connection banner does not blame the network.
    expect(await s.db.message.count({ where: { conversationId: conv.id, text: { contains: "One more" } } })).toBe(0);
    await expect(page.locator(W.banner).isHidden()).resolves.toBe(true);
    await page.screenshot({ path: `${SHOTS}/widget-rate-limited.png` });
  });
});

describe("layout", () => {
  test("in German on a narrow phone the status line stays on one line beside the ×, and ticket numbers never break", async () => {
    await s.setStaffing(false);
    onTestFinished(() => s.setStaffing(true));
    const { page } = await s.open("/demo?locale=de", { viewport: { width: 320, height: 640 } });
    await openPanel(page);
    const status = page.locator("#tandem-chat .ht p");
    await page.locator(`${W.actions} button:has-text("Mit einer Person sprechen")`).click();
    await page.locator(W.inlineForm).waitFor({ timeout: 10_000 });
    await expect
      .poll(() => status.textContent(), { timeout: 10_000 })
      .toBe("Wir sind nicht da · hinterlasse eine Nachricht");
    const line = await status.evaluate((el) => ({
      height: el.getBoundingClientRect().height,
      lineHeight: parseFloat(getComputedStyle(el).fontSize) * 1.45,
      title: el.getAttribute("title"),
      whiteSpace: getComputedStyle(el).whiteSpace,
    }));
    expect(line.height).toBeLessThan(line.lineHeight * 1.5);
    expect(line).toMatchObject({ title: "Wir sind nicht da · hinterlasse eine Nachricht", whiteSpace: "nowrap" });

    await page.fill("#tandem-chat #tc-email", "jonas.weber@example.com");
    await page.click(`${W.inlineForm} button[type="submit"]`);
    await page.locator(W.inlineForm, { hasText: "Ticketnummer" }).waitFor({ timeout: 10_000 });
    await page.locator('#tandem-chat .m[data-role="system"] .nw').waitFor({ timeout: 10_000 });
    const numbers = await page.locator("#tandem-chat .nw").evaluateAll((els) =>
      els.map((el) => ({
        text: el.textContent,
        boxes: el.getClientRects().length,
        whiteSpace: getComputedStyle(el).whiteSpace,
      })),
    );
    expect(numbers.length).toBeGreaterThanOrEqual(2); // the confirmation and the system notice
    for (const n of numbers)
      expect(n).toEqual({ text: expect.stringMatching(/^T-\d+$/), boxes: 1, whiteSpace: "nowrap" });
    await page.screenshot({ path: `${SHOTS}/widget-ticket-de-320.png` });
  });
});

describe("screen readers", () => {
  test("hear each bubble's author once, in the accessibility tree", async () => {
    const { page } = await s.open("/demo");
    await openPanel(page);
    await send(page, "Hello there");
    await page.locator(W.lastAi).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator(W.lastAi).getAttribute("class"), { timeout: 20_000 }).toBe("m");

    const ai = await page.locator(W.lastAi).ariaSnapshot();
    expect(ai.match(/Assistant/g)).toHaveLength(1);
    expect(ai).toContain("Assistant: Happy to help!");
    const shopper = await page.locator('#tandem-chat .m[data-role="shopper"]').last().ariaSnapshot();
    expect(shopper.match(/You/g)).toHaveLength(1);
    expect(shopper).toContain("You: Hello there");
    // The name shown above the bubble is for the eye only.
    await expect(page.locator(W.lastAi).locator(":scope > span:not(.sr)").getAttribute("aria-hidden")).resolves.toBe(
      "true",
    );
  });
});
