/**
 * Nobody available (no operator online, or outside business hours): every way of asking for a person
 * ends with the contact form in the widget and a ticket number, in Debian's Chromium against the real
 * server. The assistant is the app's own (the built-in responder; for the handoff tool, the OpenAI
 * provider scripted with msw), not a scripted responder.
 */
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import type { SetupServer } from "msw/node";
import { SHOP, SHOTS, W, openPanel, send } from "./widget-harness";
import { widgetServerPerFile } from "./support/widget-suite";
import { scriptOpenAI } from "../mocks/openai";
import { demoMocks } from "../../app/demo/mocks.server";

const s = widgetServerPerFile();

declare global {
  var __tandemDemoMocks: SetupServer | undefined;
}

/** The app's own assistant, as in production: the built-in responder without a key. */
async function useTandemAssistant(apiKey: string) {
  process.env.OPENAI_API_KEY = apiKey;
  const { resetEnvForTests } = await import("../../app/env.server");
  resetEnvForTests();
  const { createTandemResponder } = await import("../../app/ai/responder.server");
  const { setResponder } = await import("../../app/domain/conversations/responder-registry.server");
  setResponder(createTandemResponder());
}

async function nobodyOnline() {
  await s.setStaffing(false);
}

/** Operators online, but the shop is closed every day. */
async function outsideBusinessHours() {
  await s.setStaffing(true);
  const closed = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, null]));
  await s.db.shop.update({ where: { shop: SHOP }, data: { businessHours: JSON.stringify(closed) } });
}

const contactForm = (page: Page) => page.locator(W.inlineForm, { hasText: "Nobody is available right now" });

/** Fills in the contact form, sends it, and returns the ticket number the widget shows. */
async function leaveDetails(page: Page, email: string): Promise<string> {
  await contactForm(page).waitFor({ timeout: 20_000 });
  await page.fill("#tandem-chat #tc-email", email);
  await page.click(`${W.inlineForm} button[type="submit"]`);
  const confirmation = page.locator(W.inlineForm, { hasText: /ticket number is/ });
  await confirmation.waitFor({ timeout: 10_000 });
  const number = (await confirmation.locator(".nw").textContent()) ?? "";
  expect(number).toMatch(/^T-\d+$/);
  const ticket = await s.db.ticket.findFirstOrThrow({
    where: { shop: SHOP, number: Number(number.slice(2)) },
  });
  expect(ticket).toMatchObject({ source: "offline_chat", requesterEmail: email });
  // The chat goes on with the assistant: the composer is still there.
  await expect(page.locator(W.input).isVisible()).resolves.toBe(true);
  return number;
}

async function lastConversation() {
  return s.db.conversation.findFirstOrThrow({ where: { shop: SHOP }, orderBy: { createdAt: "desc" } });
}

beforeAll(async () => {
  await useTandemAssistant("");
});

afterAll(async () => {
  process.env.OPENAI_API_KEY = "";
  const { resetEnvForTests } = await import("../../app/env.server");
  resetEnvForTests();
});

describe("with nobody available, asking for a person always ends with a ticket number", () => {
  test("(a) typing it: “I want to talk to a person” shows the contact form", async () => {
    await nobodyOnline();
    const { page } = await s.open("/demo");
    await openPanel(page);
    await send(page, "I want to talk to a person");
    await contactForm(page).waitFor({ timeout: 20_000 });
    // The request went to the escalation, not to the assistant.
    const conv = await lastConversation();
    expect(conv).toMatchObject({ state: "ai", offline: true });
    expect(await s.db.message.count({ where: { conversationId: conv.id, role: "ai" } })).toBe(0);
    const focused = await page.evaluate(() => document.querySelector("#tandem-chat")?.shadowRoot?.activeElement?.id);
    expect(focused).toBe("tc-name");
    await page.screenshot({ path: `${SHOTS}/widget-offline-form.png` });
    const result = await new AxeBuilder({ page })
      .include("#tandem-chat")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    await leaveDetails(page, "ada.lovelace@example.com");
    await page.screenshot({ path: `${SHOTS}/widget-offline-ticket.png` });
    // The details are in: after a reload the form does not come back; the ticket notice stays.
    await page.reload();
    await page.locator(W.panel).waitFor({ state: "visible", timeout: 10_000 });
    await page.locator('#tandem-chat .m[data-role="system"]', { hasText: /We created ticket T-\d+/ }).waitFor();
    await expect(contactForm(page).count()).resolves.toBe(0);
  });

  test("(b) the assistant's “Talk to a person” quick reply shows the contact form", async () => {
    await nobodyOnline();
    const { page } = await s.open("/demo");
    await openPanel(page);
    await send(page, "Do you sell telescopes for astronomy?");
    const chip = page.locator("#tandem-chat .chips .chip", { hasText: "Talk to a person" });
    await chip.waitFor({ timeout: 20_000 });
    await chip.click();
    await leaveDetails(page, "grace.hopper@example.com");
  });

  test("(c) the assistant's handoff tool shows the contact form", async () => {
    await nobodyOnline();
    const script = scriptOpenAI(
      [
        {
          toolCalls: [
            {
              name: "handoff_to_human",
              arguments: { reason: "damaged delivery", summary: "Skis arrived broken; the shopper is upset." },
            },
          ],
        },
        { text: "I'm sorry about your skis. I am asking a colleague to take this over." },
      ],
      { otherwise: { text: "One moment please." } },
    );
    demoMocks()!.use(...script.handlers);
    await useTandemAssistant("sk-test-handoff");
    try {
      const { page } = await s.open("/demo");
      await openPanel(page);
      await send(page, "My skis arrived broken and I am really upset");
      await page
        .locator('#tandem-chat .m[data-role="ai"]', { hasText: "asking a colleague" })
        .waitFor({ timeout: 20_000 });
      await leaveDetails(page, "katherine.johnson@example.com");
      expect(script.requests.length).toBeGreaterThanOrEqual(1);
      const conv = await lastConversation();
      expect(conv.handoffSummary).toBe("Skis arrived broken; the shopper is upset.");
    } finally {
      demoMocks()!.resetHandlers();
      await useTandemAssistant("");
    }
  });

  test("(d) two failed answers in a row show the contact form", async () => {
    await nobodyOnline();
    const { page } = await s.open("/demo");
    await openPanel(page);
    await send(page, "Do you sell telescopes for astronomy?");
    await page
      .locator(W.lastAi, { hasText: /not sure|couldn.t find that in our catalogue/ })
      .waitFor({ timeout: 20_000 });
    await expect(contactForm(page).count()).resolves.toBe(0);
    await send(page, "Can you engrave a poem on a kettle?");
    await leaveDetails(page, "hedy.lamarr@example.com");
    const conv = await lastConversation();
    const reasons = await s.db.conversationEvent.findMany({ where: { conversationId: conv.id, type: "offline" } });
    expect(reasons.map((e) => JSON.parse(e.data ?? "{}").reason)).toEqual(["ai_failed_twice"]);
  });

  test("(e) the footer's Talk to a person, outside business hours, shows the contact form", async () => {
    await outsideBusinessHours();
    try {
      const { page } = await s.open("/demo");
      await openPanel(page);
      await page.click(W.human);
      await leaveDetails(page, "margaret.hamilton@example.com");
      const conv = await lastConversation();
      const event = await s.db.conversationEvent.findFirstOrThrow({
        where: { conversationId: conv.id, type: "offline" },
      });
      expect(JSON.parse(event.data ?? "{}")).toMatchObject({ reason: "button", withinHours: false });
    } finally {
      await s.setStaffing(true);
    }
  });
});

describe("contact details typed in the chat while the form waits", () => {
  test("an email and a phone number go into the form, never to the assistant or the unanswered questions", async () => {
    await nobodyOnline();
    const { page } = await s.open("/demo");
    await openPanel(page);
    await send(page, "Can I talk to someone?");
    await contactForm(page).waitFor({ timeout: 20_000 });
    const conv = await lastConversation();
    const before = await s.db.message.count({ where: { conversationId: conv.id } });

    await send(page, "mia.rossi@example.com");
    await expect(page.locator("#tandem-chat #tc-email").inputValue()).resolves.toBe("mia.rossi@example.com");
    await send(page, "or call me on +39 333 123 4567");
    await expect(page.locator("#tandem-chat #tc-phone").inputValue()).resolves.toBe("+39 333 123 4567");
    await expect(page.locator("#tandem-chat #tc-message").inputValue()).resolves.toBe("");
    await expect(page.locator(W.input).inputValue()).resolves.toBe("");
    await expect(
      page.locator('#tandem-chat .m[data-role="shopper"]', { hasText: /mia\.rossi|333 123/ }).count(),
    ).resolves.toBe(0);

    await page.click(`${W.inlineForm} button[type="submit"]`);
    await page.locator(W.inlineForm, { hasText: /ticket number is/ }).waitFor({ timeout: 10_000 });
    const ticket = await s.db.ticket.findFirstOrThrow({ where: { shop: SHOP, conversationId: conv.id } });
    expect(ticket).toMatchObject({ requesterEmail: "mia.rossi@example.com", requesterPhone: "+39 333 123 4567" });
    // Nothing of it reached the conversation, the assistant or the merchant's unanswered questions.
    const shopperTexts = (
      await s.db.message.findMany({ where: { conversationId: conv.id, role: "shopper" }, select: { text: true } })
    ).map((m) => m.text);
    expect(shopperTexts).toEqual(["Can I talk to someone?"]);
    expect(await s.db.message.count({ where: { conversationId: conv.id, role: "ai" } })).toBe(0);
    expect(await s.db.message.count({ where: { conversationId: conv.id } })).toBe(before + 1); // the ticket notice
    expect(
      await s.db.unansweredQuestion.count({
        where: { shop: SHOP, OR: [{ question: { contains: "mia.rossi" } }, { question: { contains: "333" } }] },
      }),
    ).toBe(0);
  });

  test("an invalid phone number in the form gets a clear error on that field and loses nothing", async () => {
    await nobodyOnline();
    const { page } = await s.open("/demo");
    await openPanel(page);
    await page.click(W.human);
    await contactForm(page).waitFor({ timeout: 20_000 });
    await page.fill("#tandem-chat #tc-email", "ines.duarte@example.com");
    await page.fill("#tandem-chat #tc-phone", "call me maybe");
    await page.fill("#tandem-chat #tc-message", "My order #1003 is late");
    await page.click(`${W.inlineForm} button[type="submit"]`);
    await expect
      .poll(() => page.locator("#tandem-chat #tc-phone-err").textContent(), { timeout: 10_000 })
      .toBe("Enter a valid phone number.");
    await expect(page.locator("#tandem-chat #tc-phone").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.locator("#tandem-chat #tc-message").inputValue()).resolves.toBe("My order #1003 is late");
    await expect(page.locator(W.banner).isHidden()).resolves.toBe(true);
    await page.fill("#tandem-chat #tc-phone", "+351 21 123 4567");
    await page.click(`${W.inlineForm} button[type="submit"]`);
    await page.locator(W.inlineForm, { hasText: /ticket number is/ }).waitFor({ timeout: 10_000 });
  });
});
