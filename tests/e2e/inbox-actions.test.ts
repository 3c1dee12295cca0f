/**
 * The conversation view's side actions and the canned responses page, in Debian's Chromium on
 * /demo/admin (the demo App Bridge stand-in, the real admin routes, the demo's Admin API mocks):
 * canned responses are created (a taken shortcut is refused at the field), used with /shortcut in
 * the reply box and deleted; a product picked in the resource picker is sent as a card; tags are
 * added and removed; a ticket is created from the chat; an admin assigns a chat, and an operator
 * gets no Assign button. The rules behind each action are in tests/integration/conversation-actions.test.ts.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import type { Db } from "../../app/db.server";
import { launchChromium } from "./support/browser";
import { axe, captureServerErrors, demoAdminUrl, openDemoAdmin, type AdminTab } from "./support/admin";
import { DEMO_SHOP as SHOP, startDemoServer, type DemoServer } from "./support/demo-server";

const SHOTS = path.resolve("tmp/e2e");
const CONV = "demo-conv-board-size"; // assigned to Anna Ferri (90001, admin) in the demo seed
const QUEUED = "demo-conv-order-1003";

let server: DemoServer | undefined;
let db: Db;
let browser: Browser;
let anna: AdminTab | undefined;
let serverErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startDemoServer({ name: "inbox-actions" });
  db = server.db;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async (context) => {
  if (context.task.result?.state === "fail")
    await anna?.page.screenshot({ path: path.join(SHOTS, "inbox-actions-failure.png") }).catch(() => undefined);
});

async function goto(tab: AdminTab, operator: string, page: string) {
  await tab.page.goto(demoAdminUrl(server!.base, operator, page));
}

describe("conversation view actions on /demo/admin", () => {
  test("canned responses: create, a taken shortcut is refused at the field, /shortcut in the reply box", async () => {
    serverErrors = captureServerErrors();
    anna = await openDemoAdmin(browser, server!.base, "90001", "/app/canned");
    const app = anna.app;
    await app.getByRole("heading", { name: "Canned responses" }).waitFor({ timeout: 30_000 });

    await app.getByRole("textbox", { name: /^Shortcut/ }).fill("sizes");
    await app.getByRole("textbox", { name: "Title", exact: true }).fill("Size chart");
    await app
      .getByRole("textbox", { name: "Response", exact: true })
      .fill("Our size chart is on every product page, under Sizing.");
    await app.getByRole("button", { name: "Save" }).click();
    await app.getByText("/sizes saved").waitFor();
    await app.getByText("/sizes", { exact: true }).waitFor();
    expect(await db.cannedResponse.count({ where: { shop: SHOP, shortcut: "sizes" } })).toBe(1);

    // the same shortcut again: the error is shown at the Shortcut field, nothing is stored
    await app.getByRole("textbox", { name: /^Shortcut/ }).fill("Sizes");
    await app.getByRole("textbox", { name: "Title", exact: true }).fill("Another chart");
    await app.getByRole("textbox", { name: "Response", exact: true }).fill("Duplicate");
    await app.getByRole("button", { name: "Save" }).click();
    await app.getByText("That shortcut is already used").waitFor();
    await expect(app.getByRole("textbox", { name: /^Shortcut/ }).getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(app.getByRole("textbox", { name: /^Shortcut/ }).getAttribute("aria-describedby")).resolves.toMatch(
      /Error/,
    );
    await anna.page.screenshot({ path: path.join(SHOTS, "canned-duplicate-1440x900.png") });
    expect(await db.cannedResponse.count({ where: { shop: SHOP, shortcut: "sizes" } })).toBe(1);
    expect(await axe(anna.page)).toEqual([]);

    // /siz in the reply box offers it; Enter with one match inserts the text; Send reply sends it
    await goto(anna, "90001", `/app/conversations/${CONV}`);
    const box = app.getByRole("textbox", { name: "Reply to the shopper" });
    await box.waitFor({ timeout: 30_000 });
    await box.fill("/siz");
    await app.getByText("/sizes — Size chart").waitFor();
    await box.press("Enter");
    await expect(box.inputValue()).resolves.toBe("Our size chart is on every product page, under Sizing.");
    await app.getByRole("button", { name: "Send reply" }).click();
    await expect
      .poll(() =>
        db.message.count({
          where: { conversationId: CONV, role: "operator", text: { startsWith: "Our size chart is on every" } },
        }),
      )
      .toBe(1);
  });

  test("Send a product: the picked product goes out as a card looked up in the Admin API", async () => {
    const app = anna!.app;
    await app.getByRole("button", { name: "Send a product" }).click();
    await app.getByRole("dialog", { name: "Add products" }).waitFor({ timeout: 5_000 });
    await app.getByText("Powder Hound Snowboard", { exact: false }).first().click();
    await app.getByRole("button", { name: "Select" }).click();
    await app.getByText("€529.00").waitFor({ timeout: 10_000 });
    await app.getByText("€529.00").scrollIntoViewIfNeeded();
    await anna!.page.screenshot({ path: path.join(SHOTS, "conversation-product-card-1440x900.png") });
    const row = await db.message.findFirstOrThrow({
      where: { conversationId: CONV, role: "operator", payload: { not: null } },
      orderBy: { createdAt: "desc" },
    });
    expect(row.text).toBe("Powder Hound Snowboard");
    // The card carries its variants so the shopper picks a size; the first is preselected.
    const { cards } = JSON.parse(row.payload!) as { cards: Record<string, unknown>[] };
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({
      type: "product",
      title: "Powder Hound Snowboard",
      price: "€529.00",
      url: `https://${SHOP}/products/powder-hound-snowboard`,
      imageUrl: "/demo/images/powder-hound-snowboard.svg",
      variantId: "8021",
      available: true,
    });
    expect(cards[0]!.variants).toEqual(
      expect.arrayContaining([{ id: "8021", title: "154 cm", price: "€529.00", available: true }]),
    );
  });

  test("tags are added and removed", async () => {
    const app = anna!.app;
    const tags = app.getByRole("textbox", { name: "Tags, comma-separated" });
    await tags.fill("VIP, sizing");
    await tags
      .locator("xpath=ancestor::div[contains(@class,'Polaris-Connected')]")
      .getByRole("button", { name: "Save" })
      .click();
    await app.getByText("Tags saved.").waitFor();
    await expect
      .poll(async () => (await db.conversation.findUniqueOrThrow({ where: { id: CONV } })).tags)
      .toBe("vip,sizing");
    await app.locator(".Polaris-Badge", { hasText: /^sizing$/ }).waitFor();

    await tags.fill("vip");
    await tags
      .locator("xpath=ancestor::div[contains(@class,'Polaris-Connected')]")
      .getByRole("button", { name: "Save" })
      .click();
    await expect.poll(async () => (await db.conversation.findUniqueOrThrow({ where: { id: CONV } })).tags).toBe("vip");
    await app.locator(".Polaris-Badge", { hasText: /^sizing$/ }).waitFor({ state: "detached" });
    await expect(app.locator(".Polaris-Badge", { hasText: /^vip$/ }).count()).resolves.toBe(1);
  });

  test("Create ticket asks for the requester's email, opens a ticket from the chat and links it", async () => {
    const app = anna!.app;
    await app.getByRole("button", { name: "Create ticket" }).click();
    const dialog = app.getByRole("dialog");
    // the signed-in customer's email from Shopify, to confirm or change
    await expect.poll(() => dialog.getByLabel("Requester's email").inputValue()).toBe("giulia.rossi@example.com");
    await dialog.getByRole("button", { name: "Create ticket" }).click();
    await app.getByText(/^Ticket T-\d+ created\.$/).waitFor({ timeout: 10_000 });
    const ticket = await db.ticket.findFirstOrThrow({
      where: { shop: SHOP, conversationId: CONV, source: "operator" },
    });
    expect(ticket.requesterEmail).toBe("giulia.rossi@example.com");
    // Linked on the conversation and listed in the customer's history, both to the ticket's page.
    const links = app.getByRole("link", { name: `T-${ticket.number}` });
    await links.first().waitFor();
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute("href"))))
      expect(href).toBe(`/app/tickets/T-${ticket.number}`);
    // The modal closes once the action has answered; then no "Create ticket" button is left.
    await expect.poll(() => app.getByRole("button", { name: "Create ticket" }).count(), { timeout: 10_000 }).toBe(0);
    await anna!.page.screenshot({ path: path.join(SHOTS, "conversation-actions-1440x900.png"), fullPage: true });
  });

  test("an admin assigns a queued chat; an operator has no Assign button", async () => {
    const luca = await db.operator.findFirstOrThrow({ where: { shop: SHOP, staffUserId: "90002" } });
    const app = anna!.app;
    await goto(anna!, "90001", `/app/conversations/${QUEUED}`);
    await app.getByLabel("Operator").waitFor({ timeout: 30_000 });
    await app.getByLabel("Operator").selectOption(luca.id);
    await app.getByRole("button", { name: "Assign" }).click();
    await app.getByText("Assigned.", { exact: true }).waitFor();
    await app.getByText("Assigned · Luca Moretti").waitFor({ timeout: 10_000 });
    const row = await db.conversation.findUniqueOrThrow({ where: { id: QUEUED } });
    expect(row).toMatchObject({ state: "assigned", assigneeId: luca.id });

    const asLuca = await openDemoAdmin(browser, server!.base, "90002", `/app/conversations/${QUEUED}`);
    await asLuca.app.getByRole("button", { name: "Transfer" }).waitFor({ timeout: 30_000 });
    await expect(asLuca.app.getByRole("button", { name: "Assign" }).count()).resolves.toBe(0);
    expect(asLuca.errors).toEqual([]);
    await asLuca.page.context().close();
  });

  test("a canned response is deleted from its page", async () => {
    const app = anna!.app;
    await goto(anna!, "90001", "/app/canned");
    await app.getByRole("button", { name: "Delete /sizes" }).click();
    await app.getByText("/sizes", { exact: true }).waitFor({ state: "detached", timeout: 10_000 });
    expect(await db.cannedResponse.count({ where: { shop: SHOP, shortcut: "sizes" } })).toBe(0);
    expect(anna!.errors).toEqual([]);
    expect(serverErrors).toEqual([]);
  });
});
