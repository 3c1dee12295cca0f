/**
 * The assistant in `npm run demo` with no AI key: a question from the demo FAQ, sent through the
 * widget API (the demo's local App Proxy signs it like Shopify), gets the FAQ's answer from the
 * built-in responder; the admin's Assistant page shows the built-in responder and usage; the
 * Playground answers and shows its sources. Screenshots: tmp/e2e/assistant-*.png.
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { desktopPage, launchChromium } from "./support/browser";
import { spawnDemo, type SpawnedDemo } from "./support/demo-server";

const SHOTS = path.resolve("tmp/e2e");
let demo: SpawnedDemo | undefined;
let base = "";
let browser: Browser;

function newPage(): Promise<{ page: Page; errors: string[] }> {
  return desktopPage(browser, { width: 1280, height: 900 });
}

beforeAll(async () => {
  demo = await spawnDemo({ name: "assistant", dir: SHOTS });
  base = demo.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

interface WireMessage {
  id: string;
  role: string;
  text: string;
  status: string;
  quickReplies?: string[];
}

describe("the assistant in the demo, without an AI key", () => {
  test("a demo FAQ question sent through the widget API gets the FAQ's answer", async () => {
    const start = await fetch(`${base}/apps/tandem/conversations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ locale: "en" }),
    });
    expect(start.status).toBe(201);
    const chat = (await start.json()) as { conversation: { id: string }; visitorToken: string; cursor: number };
    const id = chat.conversation.id;
    const sent = await fetch(`${base}/apps/tandem/conversations/${id}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        token: chat.visitorToken,
        clientMessageId: randomUUID(),
        text: "how much do you charge for shipping to France?",
      }),
    });
    expect(sent.status).toBe(201);

    let reply: WireMessage | undefined;
    let cursor = 0;
    const deadline = Date.now() + 20_000;
    while (!reply && Date.now() < deadline) {
      const res = await fetch(
        `${base}/apps/tandem/conversations/${id}/poll?token=${encodeURIComponent(chat.visitorToken)}&after=${cursor}`,
      );
      if (res.status === 200) {
        const body = (await res.json()) as { messages: WireMessage[]; cursor: number };
        cursor = body.cursor;
        reply = body.messages.find((m) => m.role === "ai" && m.status === "final");
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(reply?.text).toBe(
      "Shipping is €6.90 in Italy (free over €99), €12.90 in the EU (free over €199) and €24.90 to the UK and Switzerland.",
    );
    expect(reply?.quickReplies).toContain("Talk to a person");
  });

  test("the Assistant page shows the built-in responder and today's usage", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}/demo/admin?page=/app/assistant`);
    const frame = page.frameLocator('iframe[title="Tandem admin"]');
    await frame.getByText("Built-in responder").first().waitFor({ timeout: 30_000 });
    await expect(frame.getByText(/No key: the built-in responder answers/).isVisible()).resolves.toBe(true);
    await expect(frame.getByText(/^Today: /).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "assistant-settings.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  test("the Playground answers a shopper question and shows the source it used", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}/demo/admin?page=/app/playground`);
    const frame = page.frameLocator('iframe[title="Tandem admin"]');
    // Typed before React hydrates, the controlled field would be reset to empty: wait for the router.
    await expect
      .poll(
        async () => {
          const admin = page.frames().filter((f) => f !== page.mainFrame());
          const ready = await Promise.all(
            admin.map((f) => f.evaluate(() => "__remixRouter" in window).catch(() => false)),
          );
          return ready.includes(true);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await frame.getByLabel("Shopper's question").fill("Do you accept PayPal?");
    await frame.getByRole("button", { name: "Ask" }).click();
    await frame.getByText(/We accept Visa, Mastercard/).waitFor({ timeout: 30_000 });
    await expect(frame.getByText("knowledge: Which payment methods do you accept?").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "assistant-playground.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
