/**
 * The operator workspace end to end, in Debian's Chromium, on /demo/admin with the demo App Bridge
 * stand-in: a shopper (driven through the widget API via the local App Proxy) escalates; operator A
 * sees the chat in the Queue within 2 s and takes it over; operator B's take over is refused with A's
 * name; A replies and the shopper's poll returns it; A adds a note and transfers to B, who accepts; B returns the
 * chat to the AI, which answers the shopper's next message. Screenshots (1440×900) of the inbox and
 * the conversation view go to tmp/; axe checks both pages.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import type { Db } from "../../app/db.server";
import { launchChromium } from "./support/browser";
import { axe, captureServerErrors, openDemoAdmin } from "./support/admin";
import { DEMO_SHOP as SHOP, startDemoServer, type DemoServer } from "./support/demo-server";
import { Shopper } from "./support/shopper";

const SHOTS = path.resolve("tmp");

let server: DemoServer | undefined;
let db: Db;
let browser: Browser;
let base = "";

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startDemoServer({
    name: "inbox",
    // Open around the clock and claimed by hand, so the chat waits in the Queue for an operator.
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

const openAdmin = (operator: string, page: string) => openDemoAdmin(browser, base, operator, page);

let onFailure: (() => Promise<void>) | undefined;
let b: Awaited<ReturnType<typeof openAdmin>> | undefined;

describe("operator workspace on /demo/admin", () => {
  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await onFailure?.();
  });

  test("escalate, queue within 2 s, atomic take over, reply, note, transfer, return to AI", async () => {
    const serverErrors = captureServerErrors();
    const a = await openAdmin("90001", "/app/inbox");
    onFailure = async () => {
      await a.page.screenshot({ path: path.join(SHOTS, "inbox-failure-a.png") }).catch(() => undefined);
      await b?.page.screenshot({ path: path.join(SHOTS, "inbox-failure-b.png") }).catch(() => undefined);
    };
    await a.app.getByRole("heading", { name: "Inbox" }).waitFor({ timeout: 30_000 });
    b = await openAdmin("90002", "/app/inbox");
    await b.app.getByRole("heading", { name: "Inbox" }).waitFor({ timeout: 30_000 });
    // both operators' heartbeats have made them online: the shop is online for the widget
    await expect
      .poll(async () => db.operator.count({ where: { shop: SHOP, presence: "online" } }), { timeout: 10_000 })
      .toBe(2);

    const shopper = new Shopper(base);
    await shopper.start();
    await shopper.say("Hi, is the Summit snowboard good for beginners?");
    await shopper.waitFor((m) => m.role === "ai");
    const escalated = await shopper.call(`/conversations/${shopper.id}/escalate`, {
      token: shopper.token,
      reason: "wants a person",
    });
    expect((escalated.body!.conversation as { state: string }).state).toBe("queued");
    const escalatedAt = Date.now();

    // A sees it in the Queue (the default view) without reloading, within 2 s
    const row = a.app.locator(`a[href$="/app/conversations/${shopper.id}"]`);
    await row.waitFor({ timeout: 2_000 });
    const seenAfterMs = Date.now() - escalatedAt;
    expect(seenAfterMs).toBeLessThanOrEqual(2_000);
    // the sound plays and the app document's title announces the new chat
    const appFrame = () => a.page.frames().find((f) => new URL(f.url()).pathname.startsWith("/app"));
    await expect.poll(async () => appFrame()?.evaluate(() => document.title)).toContain("New chat waiting");
    await a.page.waitForTimeout(300);
    await a.page.screenshot({ path: path.join(SHOTS, "inbox-1440x900.png") });

    // A opens it and takes over
    await row.click();
    await a.app.getByRole("button", { name: "Take over" }).click();
    await a.app.getByText("Assigned · Anna Ferri").waitFor({ timeout: 10_000 });

    // B's take over is refused with A's name
    await b.page.goto(
      `${base}/demo/admin?operator=90002&page=${encodeURIComponent(`/app/conversations/${shopper.id}`)}`,
    );
    await b.app.getByRole("button", { name: "Take over" }).click();
    await b.app.getByText("already taken by Anna Ferri").waitFor({ timeout: 10_000 });

    // A replies; the shopper's poll returns it with A's name
    const box = a.app.getByLabel("Reply to the shopper");
    await box.fill("Hi, I am Anna. The Summit suits progressing riders.");
    await a.app.getByRole("button", { name: "Send reply" }).click();
    const reply = await shopper.waitFor((m) => m.role === "operator");
    expect(reply).toMatchObject({
      text: "Hi, I am Anna. The Summit suits progressing riders.",
      author: { name: "Anna Ferri" },
    });
    await a.app.getByText("Hi, I am Anna.").first().waitFor();

    // A adds an internal note
    await a.app.getByLabel("Add a note").fill("Beginner, budget around 400 EUR");
    await a.app.getByRole("button", { name: "Add note" }).click();
    await a.app.getByText("Note added.").waitFor();
    await a.app.getByText("Beginner, budget around 400 EUR").waitFor();
    await appFrame()?.evaluate(() => window.scrollTo(0, 0));
    await a.page.waitForTimeout(200);
    await a.page.screenshot({ path: path.join(SHOTS, "conversation-1440x900.png") });

    // A transfers to B with a note; B's open page updates by itself
    await a.app.getByLabel("Operator").selectOption({ label: "Luca Moretti (Online)" });
    await a.app.getByLabel("Note for the colleague (internal)").fill("Over to you for sizing");
    await a.app.getByRole("button", { name: "Transfer" }).click();
    await a.app.getByRole("heading", { name: "Waiting for Luca Moretti to accept" }).waitFor({ timeout: 4_000 });
    await b.app
      .getByRole("heading", { name: "Anna Ferri asks you to take over this chat" })
      .waitFor({ timeout: 4_000 });
    await b.app.getByRole("button", { name: "Accept" }).click();
    await b.app.getByText("Assigned · Luca Moretti").waitFor({ timeout: 4_000 });
    await b.app.getByText("Over to you for sizing").waitFor({ timeout: 4_000 });

    // B returns the chat to the AI; the AI answers the shopper's next message
    await b.app.getByRole("button", { name: "Return to AI" }).click();
    await b.app.getByText("With AI", { exact: true }).first().waitFor({ timeout: 10_000 });
    const row2 = await db.conversation.findUniqueOrThrow({ where: { id: shopper.id } });
    expect(row2.state).toBe("ai");
    const before = shopper.cursor;
    await shopper.say("Do you ship to Switzerland?");
    const ai = await shopper.waitFor((m) => m.role === "ai" && shopper.cursor > before);
    expect(ai.text.length).toBeGreaterThan(0);

    // shopper context from the Admin API: Emma Schmidt is signed in; her order #1003 is listed
    await a.page.goto(
      `${base}/demo/admin?operator=90001&page=${encodeURIComponent("/app/conversations/demo-conv-order-1003")}`,
    );
    await a.app.getByRole("heading", { name: "Recent orders" }).waitFor({ timeout: 30_000 });
    await a.app.getByText("#1003", { exact: true }).waitFor();
    await a.app.getByText("Emma Schmidt", { exact: true }).first().waitFor();

    // accessibility of both pages (axe, WCAG 2.1 AA): the conversation view, then the inbox
    expect(await axe(a.page)).toEqual([]);
    await a.page.goto(`${base}/demo/admin?operator=90001&page=${encodeURIComponent("/app/inbox")}`);
    await a.app.getByRole("heading", { name: "Inbox" }).waitFor({ timeout: 30_000 });
    expect(await axe(a.page)).toEqual([]);

    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(serverErrors).toEqual([]);
  });
});
