/**
 * Operator assist in the conversation view: "Suggest reply" fills the reply box with a draft for the
 * shopper's latest message (here from the demo knowledge base: the demo runs without an AI key) and
 * never sends it; the operator edits and sends it themselves.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium } from "./support/browser";
import { axe, captureServerErrors, openDemoAdmin } from "./support/admin";
import { DEMO_SHOP as SHOP, startDemoServer, type DemoServer } from "./support/demo-server";

let server: DemoServer | undefined;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoServer({ name: "suggest-reply" });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("Suggest reply", () => {
  test("fills the reply box with the knowledge base's answer and sends nothing", async () => {
    const serverErrors = captureServerErrors();
    const db = server!.db;
    // Luca holds this chat; the shopper asked whether the Vector bindings fit a channel board.
    const id = "demo-conv-waiting";
    const before = await db.message.count({ where: { shop: SHOP, conversationId: id } });
    const tab = await openDemoAdmin(browser, server!.base, "90002", `/app/conversations/${id}`);
    try {
      const box = tab.app.getByLabel("Reply to the shopper");
      await box.waitFor();
      await tab.app.getByRole("button", { name: "Suggest reply" }).click();
      await expect.poll(() => box.inputValue(), { timeout: 15_000 }).toContain("channel mounting systems");
      await tab.app.getByText("Draft from the knowledge base: check it before sending.").waitFor();
      // Nothing was sent.
      await tab.page.waitForTimeout(1_000);
      expect(await db.message.count({ where: { shop: SHOP, conversationId: id } })).toBe(before);
      expect(await axe(tab.page)).toEqual([]);
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.page.context().close();
    }
    expect(serverErrors).toEqual([]);
  });
});
