/**
 * Admin details on /demo/admin in Debian's Chromium: presence is shown the same on the inbox, the
 * conversation, the team page and Home, and follows the operator setting themselves away (a page
 * opened afterwards does not put them back online); a canned shortcut typed as the table shows it
 * ("/giftwrap") is saved as that shortcut; "Test connection" says next to the button, in plain words,
 * why it failed; Home says what its open count counts.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import type { Db } from "../../app/db.server";
import { launchChromium } from "./support/browser";
import { captureServerErrors, demoAdminUrl, openDemoAdmin } from "./support/admin";
import { DEMO_SHOP as SHOP, startDemoServer, type DemoServer } from "./support/demo-server";

let server: DemoServer | undefined;
let db: Db;
let browser: Browser;
let base = "";

beforeAll(async () => {
  server = await startDemoServer({
    name: "admin-polish",
    prepare: async (client) => {
      await client.operator.updateMany({ where: { shop: SHOP }, data: { presence: "offline", lastSeenAt: null } });
    },
  });
  db = server.db;
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const annaPresence = async () =>
  (await db.operator.findUniqueOrThrow({ where: { shop_staffUserId: { shop: SHOP, staffUserId: "90001" } } })).presence;

describe("admin details", () => {
  test("presence: set away on the inbox, shown as Away on the inbox, team page and conversation; Home no longer counts it online", async () => {
    const serverErrors = captureServerErrors();
    const anna = await openDemoAdmin(browser, base, "90001", "/app/inbox");
    // the inbox's Team card (Luca stays offline: a badge saying Away there is Anna's)
    const team = anna.app
      .getByRole("heading", { name: "Team", exact: true })
      .locator("xpath=ancestor::div[contains(@class, 'Polaris-BlockStack')][1]");
    await anna.app.getByRole("heading", { name: "Inbox" }).waitFor({ timeout: 30_000 });
    await expect.poll(annaPresence, { timeout: 10_000 }).toBe("online");
    await team.getByText("Online", { exact: true }).waitFor({ timeout: 10_000 });

    await anna.app.getByRole("button", { name: "Set yourself away" }).click();
    await expect.poll(annaPresence, { timeout: 10_000 }).toBe("away");
    await anna.app.getByRole("button", { name: "Go online" }).waitFor();
    // the inbox's team list follows without a reload
    await team.getByText("Away", { exact: true }).waitFor({ timeout: 10_000 });
    expect(await team.getByText("Online", { exact: true }).count()).toBe(0);

    // a conversation page opened now keeps the choice and shows it in the operator list
    await anna.page.goto(demoAdminUrl(base, "90001", "/app/conversations/demo-conv-order-1003"));
    await anna.app.getByRole("heading", { name: "Actions" }).waitFor({ timeout: 30_000 });
    await anna.page.waitForTimeout(1_500); // its first heartbeat has gone out
    expect(await annaPresence()).toBe("away");

    await anna.page.goto(demoAdminUrl(base, "90001", "/app/team"));
    const row = anna.app.getByRole("heading", { name: "Anna Ferri (you)" }).locator("xpath=..");
    await row.getByText("Away", { exact: true }).waitFor({ timeout: 30_000 });

    await anna.page.goto(demoAdminUrl(base, "90001", "/app"));
    const online = anna.app.getByRole("link").filter({ hasText: "Operators online" });
    await online.waitFor({ timeout: 30_000 });
    expect((await online.innerText()).replace(/\s+/g, " ").trim()).toBe("Operators online 0");
    await anna.app.getByText("the inbox's All open leaves out those with the assistant").waitFor();

    expect(anna.errors).toEqual([]);
    expect(serverErrors).toEqual([]);
  });

  test("a canned shortcut typed with its slash is saved as the table shows it", async () => {
    const serverErrors = captureServerErrors();
    const anna = await openDemoAdmin(browser, base, "90001", "/app/canned");
    const app = anna.app;
    await app.getByRole("heading", { name: "Canned responses" }).waitFor({ timeout: 30_000 });
    await app.getByRole("textbox", { name: /^Shortcut/ }).fill("/GiftWrap");
    await app.getByRole("textbox", { name: "Title", exact: true }).fill("Gift wrap");
    await app
      .getByRole("textbox", { name: "Response", exact: true })
      .fill("We wrap any order for free: say so at checkout.");
    await app.getByRole("button", { name: "Save" }).click();
    await app.getByText("/giftwrap saved").waitFor({ timeout: 10_000 });
    await app.getByText("/giftwrap", { exact: true }).waitFor();
    expect(await db.cannedResponse.count({ where: { shop: SHOP, shortcut: "giftwrap" } })).toBe(1);
    expect(anna.errors).toEqual([]);
    expect(serverErrors).toEqual([]);
  });

  test("Test connection says next to the button, in plain words, why it failed", async () => {
    const serverErrors = captureServerErrors();
    const anna = await openDemoAdmin(browser, base, "90001", "/app/assistant");
    await anna.app.getByRole("button", { name: "Test connection" }).click();
    const status = anna.app.getByRole("status").filter({ hasText: "Failed:" });
    await status.waitFor({ timeout: 30_000 });
    expect(await status.innerText()).toContain("the provider refused the API key");
    // it is beside the button, in the same form
    const card = anna.app.locator("form").filter({ has: anna.app.getByRole("button", { name: "Test connection" }) });
    expect(await card.getByText("Failed:").count()).toBe(1);
    expect(anna.errors).toEqual([]);
    expect(serverErrors).toEqual([]);
  });
});
