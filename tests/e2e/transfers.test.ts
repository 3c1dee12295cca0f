/**
 * Transfers the receiver accepts, with two operators' sessions on /demo/admin (Anna Ferri 90001,
 * Luca Moretti 90002) and a shopper on the widget API:
 * - Anna transfers a chat she holds to Luca while he is offline: the page warns and asks again;
 *   she sees "Waiting for Luca Moretti to accept"; the shopper still sees Anna; Luca accepts from
 *   his notifications and the chat is his (Anna's page and the shopper follow);
 * - Anna transfers another chat; Luca declines in the conversation view; the chat is back in the
 *   queue, for Anna's page and the shopper alike.
 * Screenshots at 1440×900 go to tmp/.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import type { Db } from "../../app/db.server";
import { launchChromium } from "./support/browser";
import { captureServerErrors, demoAdminUrl, openDemoAdmin, type AdminTab } from "./support/admin";
import { DEMO_SHOP as SHOP, startDemoServer, type DemoServer } from "./support/demo-server";
import { Shopper } from "./support/shopper";

const SHOTS = path.resolve("tmp");

let server: DemoServer | undefined;
let db: Db;
let browser: Browser;
let base = "";
const tabs: AdminTab[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startDemoServer({
    name: "transfers",
    // Open around the clock and claimed by hand, so an escalated chat waits in the queue.
    prepare: async (client) => {
      await client.shop.update({
        where: { shop: SHOP },
        data: { businessHours: "{}", holidays: "[]", routingMode: "manual" },
      });
      await client.operator.updateMany({ where: { shop: SHOP }, data: { presence: "offline", lastSeenAt: null } });
      const { invalidateAvailability } = await import("../../app/domain/conversations/availability.server");
      invalidateAvailability();
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

afterEach(async (context) => {
  if (context.task.result?.state !== "fail") return;
  for (const [i, tab] of tabs.entries())
    await tab.page.screenshot({ path: path.join(SHOTS, `transfers-failure-${i}.png`) }).catch(() => undefined);
});

/** A shopper's chat in the queue, taken over by Anna on her open conversation page. */
async function chatHeldByAnna(anna: AdminTab): Promise<Shopper> {
  const shopper = new Shopper(base);
  await shopper.start();
  await shopper.say("Hi, which snowboard size do I need?");
  await shopper.waitFor((m) => m.role === "ai");
  const escalated = await shopper.call(`/conversations/${shopper.id}/escalate`, { token: shopper.token });
  expect((escalated.body!.conversation as { state: string }).state).toBe("queued");
  await anna.page.goto(demoAdminUrl(base, "90001", `/app/conversations/${shopper.id}`));
  await anna.app.getByRole("button", { name: "Take over" }).click();
  await anna.app.getByText("Assigned · Anna Ferri").waitFor({ timeout: 15_000 });
  await shopper.waitFor((m) => m.role === "system" && m.text === "Anna Ferri joined the chat.");
  return shopper;
}

/** Anna holds a chat and has asked Luca (online, on his inbox) to take it over. */
async function transferWaitingForLuca(): Promise<{ anna: AdminTab; luca: AdminTab; shopper: Shopper }> {
  const anna = await openDemoAdmin(browser, base, "90001", "/app/inbox");
  const luca = await openDemoAdmin(browser, base, "90002", "/app/inbox");
  tabs.push(anna, luca);
  const shopper = await chatHeldByAnna(anna);
  await luca.app.getByRole("heading", { name: "Inbox" }).waitFor({ timeout: 30_000 });
  await anna.app.getByLabel("Operator").selectOption({ label: "Luca Moretti (Online)" });
  await anna.app.getByRole("button", { name: "Transfer", exact: true }).click();
  await anna.app.getByRole("heading", { name: "Waiting for Luca Moretti to accept" }).waitFor({ timeout: 10_000 });
  return { anna, luca, shopper };
}

const operatorId = async (staffUserId: string) =>
  (await db.operator.findUniqueOrThrow({ where: { shop_staffUserId: { shop: SHOP, staffUserId } } })).id;

const shopperState = async (shopper: Shopper) => {
  const { body } = await shopper.call(`/conversations/${shopper.id}`, undefined, { token: shopper.token });
  return body!.conversation as { state: string; operator?: { name: string } };
};

describe("transfers on /demo/admin", () => {
  test("transfer to an offline colleague asks again; the receiver accepts from the notifications and the chat is theirs", async () => {
    const serverErrors = captureServerErrors();
    const anna = await openDemoAdmin(browser, base, "90001", "/app/inbox");
    tabs.push(anna);
    await anna.app.getByRole("heading", { name: "Inbox" }).waitFor({ timeout: 30_000 });
    const shopper = await chatHeldByAnna(anna);

    // Luca has not opened the app: the page warns, and the first click only asks again
    await anna.app.getByLabel("Operator").selectOption({ label: "Luca Moretti (Offline)" });
    await anna.app.getByText("Luca Moretti is offline: they may not see a transfer").waitFor();
    await anna.app.getByLabel("Note for the colleague (internal)").fill("Wants a 156 or a 159");
    await anna.app.getByRole("button", { name: "Transfer", exact: true }).click();
    await anna.app.getByRole("button", { name: "Transfer anyway" }).waitFor();
    expect(await db.transferRequest.count({ where: { shop: SHOP, conversationId: shopper.id } })).toBe(0);
    await anna.app.getByRole("button", { name: "Transfer anyway" }).click();
    await anna.app.getByRole("heading", { name: "Waiting for Luca Moretti to accept" }).waitFor({ timeout: 10_000 });
    await anna.app.getByText("Assigned · Anna Ferri").waitFor();
    await anna.page.waitForTimeout(300);
    await anna.page.screenshot({ path: path.join(SHOTS, "transfer-waiting-sender-1440x900.png") });
    // the shopper still talks to Anna while it waits
    expect(await shopperState(shopper)).toMatchObject({ state: "assigned", operator: { name: "Anna Ferri" } });

    // Luca sees it in his notifications, with Accept and Decline
    const luca = await openDemoAdmin(browser, base, "90002", "/app/notifications");
    tabs.push(luca);
    const item = luca.app.getByRole("listitem").filter({ hasText: "Anna Ferri asks you to take over a chat" });
    await item.waitFor({ timeout: 30_000 });
    await item.getByRole("button", { name: "Decline" }).waitFor();
    await luca.page.waitForTimeout(300);
    await luca.page.screenshot({ path: path.join(SHOTS, "transfer-notification-receiver-1440x900.png") });
    await item.getByRole("button", { name: "Accept" }).click();
    await item.getByText("The chat is yours.").waitFor({ timeout: 10_000 });
    await expect
      .poll(async () => (await db.conversation.findUniqueOrThrow({ where: { id: shopper.id } })).assigneeId)
      .toBe(await operatorId("90002"));
    await item.getByRole("button", { name: "Accept" }).waitFor({ state: "detached", timeout: 10_000 });

    // Anna's open page follows by itself; the shopper is told who took over
    await anna.app.getByText("Assigned · Luca Moretti").waitFor({ timeout: 10_000 });
    await anna.app.getByRole("heading", { name: "Waiting for Luca Moretti to accept" }).waitFor({ state: "detached" });
    await shopper.waitFor((m) => m.role === "system" && m.text === "Luca Moretti took over the chat.");
    expect(await shopperState(shopper)).toMatchObject({ state: "assigned", operator: { name: "Luca Moretti" } });

    // Luca's conversation view: his chat, with Anna's note
    await luca.page.goto(demoAdminUrl(base, "90002", `/app/conversations/${shopper.id}`));
    await luca.app.getByText("Assigned · Luca Moretti").waitFor({ timeout: 30_000 });
    await luca.app.getByText("Wants a 156 or a 159").waitFor();
    await luca.app.getByLabel("Reply to the shopper").waitFor();

    expect(anna.errors).toEqual([]);
    expect(luca.errors).toEqual([]);
    expect(serverErrors).toEqual([]);
  });

  test("the receiver declines in the conversation view: the chat is back in the queue", async () => {
    const serverErrors = captureServerErrors();
    const { anna, luca, shopper } = await transferWaitingForLuca();

    await luca.page.goto(demoAdminUrl(base, "90002", `/app/conversations/${shopper.id}`));
    await luca.app
      .getByRole("heading", { name: "Anna Ferri asks you to take over this chat" })
      .waitFor({ timeout: 30_000 });
    await luca.page.waitForTimeout(300);
    await luca.page.screenshot({ path: path.join(SHOTS, "transfer-accept-decline-receiver-1440x900.png") });
    await luca.app.getByRole("button", { name: "Decline" }).click();

    await luca.app.getByText("Queued", { exact: true }).first().waitFor({ timeout: 10_000 });
    await anna.app.getByText("Queued", { exact: true }).first().waitFor({ timeout: 10_000 });
    await anna.app.getByRole("heading", { name: "Waiting for Luca Moretti to accept" }).waitFor({ state: "detached" });
    await anna.page.waitForTimeout(300);
    await anna.page.screenshot({ path: path.join(SHOTS, "transfer-declined-sender-1440x900.png") });
    await shopper.waitFor((m) => m.role === "system" && m.text.startsWith("Connecting you with a person"));
    expect((await shopperState(shopper)).state).toBe("queued");
    const conv = await db.conversation.findUniqueOrThrow({ where: { id: shopper.id } });
    expect(conv).toMatchObject({ state: "queued", assigneeId: null });
    // Anna is told why it went back
    const told = await db.notification.findFirst({
      where: { shop: SHOP, operatorId: await operatorId("90001"), type: "transfer_declined" },
      orderBy: { createdAt: "desc" },
    });
    expect(told?.title).toBe("Luca Moretti declined the chat: it went back to the queue");

    expect(anna.errors).toEqual([]);
    expect(luca.errors).toEqual([]);
    expect(serverErrors).toEqual([]);
  });
  test("the sender withdraws a waiting transfer: the chat stays hers and the receiver's banner goes", async () => {
    const serverErrors = captureServerErrors();
    const { anna, luca, shopper } = await transferWaitingForLuca();
    await luca.page.goto(demoAdminUrl(base, "90002", `/app/conversations/${shopper.id}`));
    await luca.app
      .getByRole("heading", { name: "Anna Ferri asks you to take over this chat" })
      .waitFor({ timeout: 30_000 });

    await anna.app.getByRole("button", { name: "Withdraw request" }).click();
    await anna.app
      .getByRole("heading", { name: "Waiting for Luca Moretti to accept" })
      .waitFor({ state: "detached", timeout: 10_000 });
    await luca.app
      .getByRole("heading", { name: "Anna Ferri asks you to take over this chat" })
      .waitFor({ state: "detached", timeout: 15_000 });
    await anna.app.getByText("Assigned · Anna Ferri").waitFor();
    expect((await shopperState(shopper)).operator?.name).toBe("Anna Ferri");
    const told = await db.notification.findFirst({
      where: { shop: SHOP, operatorId: await operatorId("90002"), type: "transfer_cancelled" },
      orderBy: { createdAt: "desc" },
    });
    expect(told?.title).toBe("Anna Ferri withdrew the request to take over a chat");

    expect(anna.errors).toEqual([]);
    expect(luca.errors).toEqual([]);
    expect(serverErrors).toEqual([]);
  });
});
