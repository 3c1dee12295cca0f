/**
 * The storefront widget on the demo store, in Debian's Chromium, against the real server and widget API:
 * the shopper's whole journey, accessibility, mobile and languages.
 */
import AxeBuilder from "@axe-core/playwright";
import { describe, expect, onTestFinished, test } from "vitest";
import type { Page } from "playwright-core";
import { SHOP, SHOTS, W, openPanel, send } from "./widget-harness";
import { widgetServerPerFile } from "./support/widget-suite";

const s = widgetServerPerFile();

async function cartCount(page: Page): Promise<number> {
  return Number(await page.locator("[data-cart-count]").textContent());
}

describe("a shopper's conversation", () => {
  let page: Page;

  test("opening the launcher shows a labelled dialog with the shop's greeting and focus in the input", async () => {
    ({ page } = await s.open("/demo"));
    await expect(page.locator(W.launcher).getAttribute("aria-label")).resolves.toBe("Chat with us");
    await openPanel(page);
    await expect(page.locator(W.panel).getAttribute("role")).resolves.toBe("dialog");
    await expect(page.locator(W.launcher).getAttribute("aria-expanded")).resolves.toBe("true");
    // The demo's greeting from the admin's settings (app/demo/seed.server.ts).
    await expect(page.locator('#tandem-chat .m[data-id="welcome"] .b').textContent()).resolves.toBe(
      "Hi! Welcome to Alpine Peak Supply. Ask us anything about gear, sizes or your order.",
    );
    const focused = await page.evaluate(() => document.querySelector("#tandem-chat")?.shadowRoot?.activeElement?.id);
    expect(focused).toBe("tc-input");
  });

  test("a sent message appears at once and the AI reply grows progressively, then ends with quick replies and a product card", async () => {
    await send(page, "Which snowboard is best for a beginner?");
    await expect(page.locator('#tandem-chat .m[data-role="shopper"]').last().textContent()).resolves.toContain(
      "Which snowboard",
    );
    const seen: string[] = [];
    let streamingSeen = false;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const ai = page.locator('#tandem-chat .m[data-role="ai"]:not([data-id="welcome"])');
      if ((await ai.count()) > 0) {
        const last = ai.last();
        const text = (
          (await last
            .locator(".b")
            .textContent()
            .catch(() => "")) ?? ""
        ).trim();
        if (text && seen[seen.length - 1] !== text) seen.push(text);
        if (((await last.getAttribute("class").catch(() => "")) ?? "").includes("st")) streamingSeen = true;
        if (text.endsWith("Here it is:") && (await page.locator("#tandem-chat .chips .chip").count()) > 0) break;
      }
      await page.waitForTimeout(150);
    }
    const final = seen[seen.length - 1] ?? "";
    expect(final).toContain("Drift Freestyle");
    expect(streamingSeen).toBe(true);
    // At least one partial text that is a strict prefix of the final reply was on screen.
    expect(seen.some((t) => t.length < final.length && final.startsWith(t))).toBe(true);
    await expect(page.locator("#tandem-chat .chips .chip").allTextContents()).resolves.toEqual([
      "Which size fits me?",
      "Shipping times",
    ]);
    await expect(page.locator("#tandem-chat .card a").first().textContent()).resolves.toBe("Drift Freestyle Snowboard");
  });

  test("Add to cart on a product card adds it through the storefront cart and refreshes the theme's cart count", async () => {
    expect(await cartCount(page)).toBe(0);
    await page.locator("#tandem-chat .card button", { hasText: "Add to cart" }).click();
    await page.locator("#tandem-chat .card", { hasText: "Added to cart" }).waitFor();
    expect(await cartCount(page)).toBe(1);
    const cart = await page.evaluate(() => fetch("/demo/cart.js").then((r) => r.json()));
    expect(cart.item_count).toBe(1);
    expect(cart.items[0].product_title).toBe("Drift Freestyle Snowboard");
  });

  test("a quick reply sends its text as the shopper's message", async () => {
    await page.locator("#tandem-chat .chips .chip", { hasText: "Shipping times" }).click();
    await expect
      .poll(() => page.locator('#tandem-chat .m[data-role="shopper"]').last().textContent(), { timeout: 5000 })
      .toContain("Shipping times");
    await page.locator("#tandem-chat .chips .chip", { hasText: "Returns" }).waitFor({ timeout: 20_000 });
  });

  test("Talk to a person queues the chat with position and wait, and an operator's reply appears with their name", async () => {
    await page.click(W.human);
    await page.locator(W.banner, { hasText: "Waiting for a person" }).waitFor({ timeout: 10_000 });
    await expect(page.locator(W.banner).textContent()).resolves.toMatch(
      /You are number \d+ in the queue\.Estimated wait: about \d+ min\./,
    );
    await expect(page.locator(W.human).isHidden()).resolves.toBe(true);

    const { operatorReply } = await import("../../app/domain/conversations/operator.server");
    const conv = await s.db.conversation.findFirstOrThrow({
      where: { shop: SHOP, state: "queued" },
      orderBy: { createdAt: "desc" },
    });
    const anna = await s.db.operator.findFirstOrThrow({ where: { shop: SHOP, name: "Anna Ferri" } });
    await operatorReply(
      SHOP,
      conv.id,
      { id: anna.id, name: anna.name },
      "Hi, I'm Anna. Happy to check the sizes for you!",
    );

    await page.locator('#tandem-chat .m[data-role="operator"]', { hasText: "I'm Anna" }).waitFor({ timeout: 10_000 });
    await expect(page.locator("#tandem-chat .ht p").textContent()).resolves.toBe("You're chatting with Anna Ferri");
    await expect(page.locator('#tandem-chat .m[data-role="operator"] > span').first().textContent()).resolves.toBe(
      "Anna Ferri",
    );
  });

  test("while minimised, an operator reply shows an unread badge on the launcher", async () => {
    await page.keyboard.press("Escape");
    await page.locator(W.panel).waitFor({ state: "hidden" });
    const { operatorReply } = await import("../../app/domain/conversations/operator.server");
    const conv = await s.db.conversation.findFirstOrThrow({
      where: { shop: SHOP, state: { in: ["assigned", "waiting_shopper"] } },
      orderBy: { createdAt: "desc" },
    });
    const anna = await s.db.operator.findFirstOrThrow({ where: { shop: SHOP, name: "Anna Ferri" } });
    await operatorReply(SHOP, conv.id, { id: anna.id, name: anna.name }, "The 152 cm is in stock.");
    // Minimised with a human chat polls every 15–30 s; becoming visible polls at once.
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await page.locator("#tandem-chat .badge:not([hidden])").waitFor({ timeout: 35_000 });
    await expect(page.locator("#tandem-chat .badge").textContent()).resolves.toBe("1");
    await expect(page.locator(W.launcher).getAttribute("aria-label")).resolves.toBe("Chat with us, 1 new messages");
  });

  test("a reload keeps the conversation and reopens it where the shopper left it", async () => {
    await openPanel(page);
    await page.reload();
    await page.locator(W.panel).waitFor({ state: "visible", timeout: 10_000 });
    await page.locator('#tandem-chat .m[data-role="operator"]', { hasText: "152 cm" }).waitFor({ timeout: 10_000 });
    await expect(page.locator('#tandem-chat .m[data-role="shopper"]').first().textContent()).resolves.toContain(
      "Which snowboard",
    );
  });

  test("ending the chat, once confirmed, asks for a rating; after it, a new chat can start", async () => {
    await page.click(`${W.actions} button:has-text("End chat")`);
    await page.click('#tandem-chat .cf button:has-text("End chat")');
    await page.locator(W.form, { hasText: "This chat has ended" }).waitFor();
    await page.click("#tandem-chat .stars label:nth-of-type(4)");
    await page.fill("#tandem-chat #tc-comment", "Quick and friendly");
    await page.click('#tandem-chat .f button[type="submit"]');
    await page.locator(W.form, { hasText: "Thanks for your feedback!" }).waitFor();
    const conv = await s.db.conversation.findFirstOrThrow({
      where: { shop: SHOP, state: "closed" },
      orderBy: { createdAt: "desc" },
    });
    expect(conv).toMatchObject({ state: "closed" });
    await page.click('#tandem-chat .f button:has-text("Start a new chat")');
    await page.locator('#tandem-chat .m[data-id="welcome"]').waitFor();
    await expect(page.locator('#tandem-chat .m[data-role="shopper"]').count()).resolves.toBe(0);
  });
});

describe("nobody available", () => {
  test("Talk to a person offers the contact form, which returns a ticket number", async () => {
    await s.setStaffing(false);
    try {
      const { page } = await s.open("/demo");
      await openPanel(page);
      await page.click(W.human);
      await page.locator(W.inlineForm, { hasText: "Nobody is available right now" }).waitFor({ timeout: 10_000 });
      await page.fill("#tandem-chat #tc-email", "not-an-email");
      await page.click('#tandem-chat .f button[type="submit"]');
      await expect(page.locator("#tandem-chat #tc-email-err").textContent()).resolves.toBe(
        "Enter a valid email address.",
      );
      await page.fill("#tandem-chat #tc-name", "Emma Schmidt");
      await page.fill("#tandem-chat #tc-email", "emma.schmidt@example.com");
      await page.fill("#tandem-chat #tc-message", "Where is my order #1003?");
      await page.click('#tandem-chat .f button[type="submit"]');
      await page.locator(W.inlineForm, { hasText: /ticket number is T-\d+/ }).waitFor({ timeout: 10_000 });
      const heading = await page.locator(`${W.inlineForm} h3`).textContent();
      const number = Number(/T-(\d+)/.exec(heading ?? "")?.[1]);
      const ticket = await s.db.ticket.findFirst({ where: { shop: SHOP, number } });
      expect(ticket).not.toBeNull();
      await expect(page.locator(W.inlineForm).textContent()).resolves.toContain(
        "We'll reply to emma.schmidt@example.com.",
      );
    } finally {
      await s.setStaffing(true);
    }
  });
});

describe("accessibility, mobile and languages", () => {
  test("axe finds no WCAG 2.1 AA violations in the open panel, with a conversation in it", async () => {
    const { page } = await s.open("/demo");
    await openPanel(page);
    await send(page, "Do you have a snowboard for kids?");
    await page.locator("#tandem-chat .chips .chip").first().waitFor({ timeout: 20_000 });
    const result = await new AxeBuilder({ page })
      .include("#tandem-chat")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/widget-desktop.png` });
  });

  test("keyboard only: Tab reaches the launcher, Enter opens, Enter sends, Esc closes and focus returns to the launcher", async () => {
    const { page } = await s.open("/demo");
    let onLauncher = false;
    for (let i = 0; i < 40 && !onLauncher; i++) {
      await page.keyboard.press("Tab");
      onLauncher = await page.evaluate(
        () =>
          document.querySelector("#tandem-chat")?.shadowRoot?.activeElement?.classList.contains("launcher") ?? false,
      );
    }
    expect(onLauncher).toBe(true);
    await page.keyboard.press("Enter");
    await page.locator(W.panel).waitFor({ state: "visible" });
    await page.keyboard.type("Hello from the keyboard");
    await page.keyboard.press("Enter");
    await page.locator('#tandem-chat .m[data-role="shopper"]', { hasText: "Hello from the keyboard" }).waitFor();
    await page.keyboard.press("Escape");
    await page.locator(W.panel).waitFor({ state: "hidden" });
    const active = await page.evaluate(
      () => document.querySelector("#tandem-chat")?.shadowRoot?.activeElement?.className,
    );
    expect(active).toBe("launcher");
  });

  test("under 640px the open panel fills the screen (375×667) and inputs are at least 16px", async () => {
    const { page } = await s.open("/demo", { viewport: { width: 375, height: 667 } });
    await openPanel(page);
    // measured once the panel's 0.2 s opening animation (a slide up) has finished
    await page.locator(W.panel).evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
    const box = await page.locator(W.panel).boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    const fontSize = await page.locator(W.input).evaluate((el) => getComputedStyle(el).fontSize);
    expect(parseFloat(fontSize)).toBeGreaterThanOrEqual(16);
    await send(page, "Which board for a beginner?");
    await page.locator("#tandem-chat .card").waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${SHOTS}/widget-mobile-375x667.png` });
  });

  test("with the storefront in Italian the widget speaks Italian", async () => {
    // Without a greeting of the merchant's own, the welcome is the widget's, in Italian.
    const { greeting } = await s.db.shop.findUniqueOrThrow({ where: { shop: SHOP } });
    await s.db.shop.update({ where: { shop: SHOP }, data: { greeting: null } });
    onTestFinished(() => s.db.shop.update({ where: { shop: SHOP }, data: { greeting } }).then(() => undefined));
    const { page } = await s.open("/demo?locale=it");
    await expect(page.locator(W.launcher).getAttribute("aria-label")).resolves.toBe("Chatta con noi");
    await openPanel(page);
    await expect(page.locator(W.input).getAttribute("placeholder")).resolves.toBe("Scrivi un messaggio…");
    await expect(page.locator(W.human).textContent()).resolves.toBe("Parla con una persona");
    await expect(page.locator('#tandem-chat .m[data-id="welcome"] .b').textContent()).resolves.toBe(
      "Ciao! Come possiamo aiutarti oggi?",
    );
    await page.screenshot({ path: `${SHOTS}/widget-it.png` });
  });
});
