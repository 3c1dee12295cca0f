/**
 * The shopper checks a ticket in the widget (number + email): status, last update in the shop's time
 * zone (the browser runs in another one) and the public replies — never internal notes — in Debian's
 * Chromium against the real server and GET /proxy/tickets/:number.
 */
import AxeBuilder from "@axe-core/playwright";
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { BROWSER_TIME_ZONE, SHOP, SHOTS, W, openPanel } from "./widget-harness";
import { widgetServerPerFile } from "./support/widget-suite";

const s = widgetServerPerFile();

/** The panel's own form area (the lookup), not the contact form inside the conversation. */
const lookup = "#tandem-chat .panel > .f";

/** Opens the panel and the footer's second action, Ticket status (in any language). */
async function openLookup(page: Page) {
  await openPanel(page);
  await page.locator(`${W.actions} .hb`).nth(1).click();
  await page.locator(`${lookup} h3`).waitFor();
}

/** Ticket 4242 of Emma Schmidt: last changed 30 Nov 2026 23:30 UTC (1 Dec, 00:30 in the shop's Rome). */
async function emmasTicket() {
  const number = 4242;
  await s.db.ticket.deleteMany({ where: { shop: SHOP, number } });
  const ticket = await s.db.ticket.create({
    data: {
      shop: SHOP,
      number,
      subject: "Helmet size",
      source: "widget_form",
      status: "pending",
      requesterEmail: "emma.schmidt@example.com",
      requesterName: "Emma Schmidt",
      updatedAt: new Date("2026-11-30T23:30:00.000Z"),
    },
  });
  await s.db.ticketComment.createMany({
    data: [
      {
        shop: SHOP,
        ticketId: ticket.id,
        authorType: "operator",
        authorName: "Anna Ferri",
        body: "We have asked the courier to deliver the helmet tomorrow.",
        createdAt: new Date("2026-11-30T10:00:00.000Z"),
      },
      {
        shop: SHOP,
        ticketId: ticket.id,
        authorType: "requester",
        body: "Thank you, I will be at home.",
        createdAt: new Date("2026-11-30T11:00:00.000Z"),
      },
      {
        shop: SHOP,
        ticketId: ticket.id,
        authorType: "system",
        body: "Status changed to pending",
        createdAt: new Date("2026-11-30T11:05:00.000Z"),
      },
    ],
  });
  await s.db.internalNote.create({
    data: { shop: SHOP, ticketId: ticket.id, authorName: "Anna Ferri", text: "Refund the shipping quietly" },
  });
}

describe("checking a ticket in the widget", () => {
  test("number and email show the status, the last update in the shop's time zone and the public replies", async () => {
    await emmasTicket();
    const { page } = await s.open("/demo");
    await openLookup(page);
    await expect(page.locator(`${lookup} h3`).textContent()).resolves.toBe("Check a ticket");
    await expect(page.locator(W.input).isVisible()).resolves.toBe(false);
    await page.fill("#tandem-chat #tc-lk-number", "t-4242");
    await page.fill("#tandem-chat #tc-lk-email", "Emma.Schmidt@example.com");
    await page.click(`${lookup} button[type="submit"]`);
    const result = page.locator("#tandem-chat .tk");
    await result.waitFor({ timeout: 10_000 });
    await expect(result.locator("h4").textContent()).resolves.toBe("Ticket T-4242");
    const summary = (await result.locator("p").first().innerText()).replace(/\s+/g, " ");
    // 23:30 UTC is already 1 December in Rome; in the browser's New York it is still 30 November.
    expect(BROWSER_TIME_ZONE).toBe("America/New_York");
    expect(summary).toMatch(/^Status: In progress Last update: Dec 1, 2026, 12:30\sAM$/);
    const replies = result.locator('[role="listitem"]');
    await expect(replies.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Anna Ferri · Nov 30, 2026, 11:00\sAM\s+We have asked the courier/),
      expect.stringMatching(/^You · Nov 30, 2026, 12:00\sPM\s+Thank you, I will be at home\.$/),
    ]);
    const text = (await page.locator(lookup).textContent()) ?? "";
    expect(text).not.toMatch(/Refund the shipping|Status changed to pending/);
    await expect(
      page.evaluate(() => document.querySelector("#tandem-chat")?.shadowRoot?.activeElement?.tagName),
    ).resolves.toBe("H4");
    const axe = await new AxeBuilder({ page })
      .include("#tandem-chat")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/widget-ticket-lookup.png` });

    await page.click(`${lookup} button:has-text("Back to chat")`);
    await page.locator(lookup).waitFor({ state: "hidden" });
    await expect(
      page.evaluate(() => document.querySelector("#tandem-chat")?.shadowRoot?.activeElement?.id),
    ).resolves.toBe("tc-input");
  });

  test("a malformed number is refused in the browser; a wrong email finds nothing, without telling which part was wrong", async () => {
    await emmasTicket();
    const { page } = await s.open("/demo");
    const lookups: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/apps/tandem/tickets/")) lookups.push(new URL(r.url()).pathname);
    });
    await openLookup(page);
    await page.fill("#tandem-chat #tc-lk-number", "ticket 4242");
    await page.fill("#tandem-chat #tc-lk-email", "emma.schmidt@example.com");
    await page.click(`${lookup} button[type="submit"]`);
    await expect(page.locator("#tandem-chat #tc-lk-number-err").textContent()).resolves.toBe(
      "Ticket numbers look like T-1001.",
    );
    expect(lookups).toEqual([]);

    await page.fill("#tandem-chat #tc-lk-number", "T-4242");
    await page.fill("#tandem-chat #tc-lk-email", "someone.else@example.com");
    await page.click(`${lookup} button[type="submit"]`);
    await page.locator(`${lookup} .err[role="alert"]`, { hasText: "No ticket matches" }).waitFor({ timeout: 10_000 });
    await expect(page.locator("#tandem-chat .tk").count()).resolves.toBe(0);
    expect(lookups).toEqual(["/apps/tandem/tickets/T-4242"]);
    // What the shopper typed stays.
    await expect(page.locator("#tandem-chat #tc-lk-email").inputValue()).resolves.toBe("someone.else@example.com");
  });

  test("the ticket confirmation's Check status opens the lookup filled in: the new ticket is open, with no replies yet", async () => {
    await s.setStaffing(false);
    try {
      const { page } = await s.open("/demo");
      await openPanel(page);
      await page.click(W.human);
      await page.locator(W.inlineForm, { hasText: "Nobody is available right now" }).waitFor({ timeout: 10_000 });
      await page.fill("#tandem-chat #tc-email", "luca.bianchi@example.com");
      await page.click(`${W.inlineForm} button[type="submit"]`);
      const confirmation = page.locator(W.inlineForm, { hasText: /ticket number is/ });
      await confirmation.waitFor({ timeout: 10_000 });
      const number = await confirmation.locator(".nw").textContent();
      await confirmation.locator('button:has-text("Check status")').click();
      await expect(page.locator("#tandem-chat #tc-lk-number").inputValue()).resolves.toBe(number);
      await expect(page.locator("#tandem-chat #tc-lk-email").inputValue()).resolves.toBe("luca.bianchi@example.com");
      await page.click(`${lookup} button[type="submit"]`);
      const result = page.locator("#tandem-chat .tk");
      await result.waitFor({ timeout: 10_000 });
      await expect(result.innerText()).resolves.toMatch(/Status: Open[\s\S]*No replies yet/);
      // Back in the chat, the confirmation is still there.
      await page.click(`${lookup} button:has-text("Back to chat")`);
      await confirmation.waitFor();
    } finally {
      await s.setStaffing(true);
    }
  });

  test("in Italian the lookup speaks Italian and dates read the Italian way", async () => {
    await emmasTicket();
    const { page } = await s.open("/demo?locale=it");
    await openLookup(page);
    await expect(page.locator(`${W.actions} .hb`).nth(1).textContent()).resolves.toBe("Stato del ticket");
    await expect(page.locator(`${lookup} h3`).textContent()).resolves.toBe("Controlla un ticket");
    await page.fill("#tandem-chat #tc-lk-number", "4242");
    await page.fill("#tandem-chat #tc-lk-email", "emma.schmidt@example.com");
    await page.click(`${lookup} button[type="submit"]`);
    const result = page.locator("#tandem-chat .tk");
    await result.waitFor({ timeout: 10_000 });
    const summary = (await result.locator("p").first().innerText()).replace(/\s+/g, " ");
    expect(summary).toMatch(/^Stato: In lavorazione Ultimo aggiornamento: 1 dic 2026, 00:30$/);
    await expect(result.locator('[role="listitem"]').first().innerText()).resolves.toMatch(/^Anna Ferri · /);
    await expect(result.locator('[role="list"]').getAttribute("aria-label")).resolves.toBe("Risposte");
    await page.screenshot({ path: `${SHOTS}/widget-ticket-lookup-it.png` });
  });
});
