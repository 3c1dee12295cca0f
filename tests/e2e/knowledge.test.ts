/**
 * Knowledge management end to end in Debian's Chromium, on /demo/admin with the demo App Bridge
 * stand-in, in a browser whose time zone is not the server's: the merchant adds an FAQ entry (a
 * validation error first) and the storefront widget on /demo, through the local App Proxy, answers
 * with it; a CSV round trip in the UI (export, edit, upload with setInputFiles, preview, import, the
 * same file again changes nothing), a delete with its confirmation and a policy refresh; "Answer
 * this" and Dismiss on questions the assistant could not answer. Screenshots (1440×900) in tmp/e2e/.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, FrameLocator, Page } from "playwright-core";
import type { Db } from "../../app/db.server";
import { DESKTOP_UA, launchChromium } from "./support/browser";
import { axe, captureServerErrors, demoAdminUrl } from "./support/admin";
import { DEMO_SHOP as SHOP, startDemoServer, type DemoServer } from "./support/demo-server";

const SHOTS = path.resolve("tmp/e2e");
const SNOWSHOES = "Yes: snowshoes rent for €15 a day at our Milan shop.";

let server: DemoServer | undefined;
let db: Db;
let browser: Browser;
let context: BrowserContext;
let base = "";

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startDemoServer({ name: "knowledge" });
  db = server.db;
  base = server.base;
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    userAgent: DESKTOP_UA,
    timezoneId: "America/Los_Angeles",
    locale: "en-US",
    acceptDownloads: true,
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

interface AdminPage {
  page: Page;
  app: FrameLocator;
  errors: string[];
}

async function openAdmin(pathname: string): Promise<AdminPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text().slice(0, 300)}`);
  });
  await page.goto(demoAdminUrl(base, "90001", pathname));
  const app = page.frameLocator('iframe[title="Tandem admin"]');
  await app.locator(".Polaris-Page").first().waitFor({ timeout: 30_000 });
  return { page, app, errors };
}

/** A shopper's question through the local App Proxy (signed like Shopify), as the widget sends it. */
async function askThroughProxy(text: string): Promise<string> {
  const call = async (pathname: string, body?: unknown, query: Record<string, string> = {}) => {
    const url = new URL(`${base}/apps/tandem${pathname}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const res = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Record<string, unknown>) };
  };
  const started = await call("/conversations", { locale: "en" });
  expect(started.status).toBe(201);
  const id = (started.body!.conversation as { id: string }).id;
  const token = started.body!.visitorToken as string;
  let cursor = started.body!.cursor as number;
  expect((await call(`/conversations/${id}/messages`, { token, clientMessageId: randomUUID(), text })).status).toBe(
    201,
  );
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const polled = await call(`/conversations/${id}/poll`, undefined, { token, after: String(cursor) });
    if (polled.status === 200 && polled.body) {
      cursor = polled.body.cursor as number;
      const reply = (polled.body.messages as { role: string; status: string; text: string }[]).find(
        (m) => m.role === "ai" && m.status === "final",
      );
      if (reply) return reply.text;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the assistant did not answer within 15 s");
}

describe("knowledge management on /demo/admin", () => {
  test("the merchant adds an FAQ entry and the storefront widget answers it", async () => {
    const serverErrors = captureServerErrors();
    const admin = await openAdmin("/app/knowledge");
    const { app, page } = admin;
    await app.getByRole("button", { name: "Add FAQ entry" }).click();
    await app.getByLabel("Question", { exact: true }).waitFor();

    await app.getByLabel("Answer", { exact: true }).fill("Yes.");
    await app.getByRole("button", { name: "Save" }).click();
    await app.getByText("Write the question (at least 3 characters).").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "knowledge-editor-error.png") });

    await app.getByLabel("Question", { exact: true }).fill("Do you rent snowshoes?");
    await app
      .getByLabel("Other ways to ask it", { exact: true })
      .fill("Can I hire snowshoes for a day?\nSnowshoe rental");
    await app.getByLabel("Answer", { exact: true }).fill(SNOWSHOES);
    await app.getByLabel("Tags", { exact: true }).fill("rental, winter");
    expect(await axe(page)).toEqual([]);
    await app.getByRole("button", { name: "Save" }).click();
    await app.getByText("Saved. The assistant uses it from now on.").waitFor();
    await app.getByRole("link", { name: "Do you rent snowshoes?" }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "knowledge-list.png") });

    const row = await db.knowledgeEntry.findFirstOrThrow({ where: { shop: SHOP, question: "Do you rent snowshoes?" } });
    expect(row).toMatchObject({ phrasings: "Can I hire snowshoes for a day?\nSnowshoe rental", tags: "rental,winter" });

    // The storefront: the real widget on /demo, through the local App Proxy.
    const shop = await context.newPage();
    await shop.goto(`${base}/demo`);
    await shop.click("#tandem-chat .launcher");
    await shop.locator("#tandem-chat .panel").waitFor({ state: "visible" });
    await shop.fill("#tandem-chat textarea#tc-input", "Can I hire snowshoes for a day?");
    await shop.press("#tandem-chat textarea#tc-input", "Enter");
    await shop
      .locator('#tandem-chat .m[data-role="ai"]:not([data-id="welcome"])', { hasText: SNOWSHOES })
      .waitFor({ timeout: 15_000 });
    await shop.screenshot({ path: path.join(SHOTS, "knowledge-widget-answer.png") });
    await shop.close();

    expect(admin.errors).toEqual([]);
    expect(serverErrors).toEqual([]);
    await page.close();
  });

  test("CSV round trip in the admin: export, edit, preview, import, import again; delete and policy refresh", async () => {
    const serverErrors = captureServerErrors();
    const { app, page, errors } = await openAdmin("/app/knowledge");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      app.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("faq.csv");
    const exported = path.join(SHOTS, "knowledge-export.csv");
    await download.saveAs(exported);
    const csv = readFileSync(exported, "utf8");
    expect(csv.startsWith("\uFEFFkey,question,phrasings,answer,tags,locale,enabled\r\n")).toBe(true);
    expect(csv).toContain("Do you rent snowshoes?");
    const faqCount = await db.knowledgeEntry.count({ where: { shop: SHOP, kind: "faq" } });

    const edited = path.join(SHOTS, "knowledge-edited.csv");
    writeFileSync(
      edited,
      `${csv.replace("€15 a day", "€12 a day")},Do you sell ski wax by the kilo?,,"No, in 100 g bars only.",wax,en,true\r\n`,
    );
    await app.getByRole("button", { name: "Import CSV" }).click();
    await app.getByText("Nothing changes until you press Import.").waitFor();
    await app.locator('input[type="file"]').setInputFiles(edited);
    await app.getByText(`Ready: 1 to create, 1 to update, ${faqCount - 1} unchanged.`).waitFor();
    await app.getByText("Changes answer").waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "knowledge-import-preview.png") });
    await app.getByRole("button", { name: "Import 2 entries" }).click();
    await app.getByText(`1 created, 1 updated, ${faqCount - 1} unchanged.`).waitFor();
    expect(
      (await db.knowledgeEntry.findFirstOrThrow({ where: { shop: SHOP, question: "Do you rent snowshoes?" } })).answer,
    ).toBe("Yes: snowshoes rent for €12 a day at our Milan shop.");

    // The same file again: nothing to change, nothing to press.
    await app.locator('input[type="file"]').setInputFiles(edited);
    await app.getByText("Nothing to change: every entry in the file is already in your FAQ.").waitFor();
    expect(await app.getByRole("button", { name: "Import 0 entries" }).isDisabled()).toBe(true);
    // A broken file is refused with the reason, row by row.
    await app.locator('input[type="file"]').setInputFiles({
      name: "broken.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("question,answer,locale\nWhere are you?,,en\nDove siete?,A Milano.,pt\n"),
    });
    await app.getByText("Row 2: answer: Write the answer.").waitFor();
    await app.getByText("Row 3: locale: Choose a language: en, it, fr, de or es.").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "knowledge-import-errors.png") });
    expect(await app.getByRole("button", { name: /^Import \d+ entr/ }).isDisabled()).toBe(true);

    // Back to the list: delete asks first; refresh the policies from Shopify.
    await app.locator(".Polaris-Page").getByRole("link", { name: "Knowledge" }).click();
    await app.getByRole("button", { name: "Delete: Do you sell ski wax by the kilo?" }).click();
    await app.getByRole("dialog", { name: "Delete this entry?" }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, "knowledge-delete-confirm.png") });
    await app.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await app.getByRole("link", { name: "Do you sell ski wax by the kilo?" }).waitFor({ state: "detached" });
    expect(await db.knowledgeEntry.count({ where: { shop: SHOP, question: "Do you sell ski wax by the kilo?" } })).toBe(
      0,
    );

    await app.getByRole("button", { name: "Refresh policies from Shopify" }).click();
    await app.getByText("Policies refreshed from Shopify: 4 unchanged.").waitFor();
    expect(errors).toEqual([]);
    expect(serverErrors).toEqual([]);
    await page.close();
  });

  test("Answer this turns a question the assistant could not answer into an FAQ entry; Dismiss drops one", async () => {
    const serverErrors = captureServerErrors();
    const unsure = await askThroughProxy("Can I book ski lessons with you?");
    await askThroughProxy("Do you have parking for campervans?");
    const { app, page, errors } = await openAdmin("/app/knowledge");
    const list = app.getByRole("list", { name: "Unanswered questions" });
    await list.getByText("Can I book ski lessons with you?").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "knowledge-unanswered.png") });

    await app.getByRole("button", { name: "Dismiss: Do you have parking for campervans?" }).click();
    await list.getByText("Do you have parking for campervans?").waitFor({ state: "detached" });

    await app.getByRole("link", { name: "Answer this: Can I book ski lessons with you?" }).click();
    await app.getByText("Shoppers asked this once.", { exact: false }).waitFor();
    expect(await app.getByLabel("Question", { exact: true }).inputValue()).toBe("Can I book ski lessons with you?");
    await app
      .getByLabel("Answer", { exact: true })
      .fill("Yes: group lessons every Saturday at 9:00 in Livigno, €45 with gear.");
    await app.getByLabel("Tags", { exact: true }).fill("lessons");
    await page.screenshot({ path: path.join(SHOTS, "knowledge-answer-this.png") });
    await app.getByRole("button", { name: "Save" }).click();
    await app.getByText("Saved, and the question is marked as answered.").waitFor();
    await expect(list.getByText("Can I book ski lessons with you?").count()).resolves.toBe(0);

    const entry = await db.knowledgeEntry.findFirstOrThrow({
      where: { shop: SHOP, question: "Can I book ski lessons with you?" },
    });
    const question = await db.unansweredQuestion.findFirstOrThrow({
      where: { shop: SHOP, question: "Can I book ski lessons with you?" },
    });
    expect(question).toMatchObject({ status: "converted", entryId: entry.id });
    expect(
      (
        await db.unansweredQuestion.findFirstOrThrow({
          where: { shop: SHOP, question: "Do you have parking for campervans?" },
        })
      ).status,
    ).toBe("dismissed");

    const answered = await askThroughProxy("Can I book ski lessons with you?");
    expect(answered).toBe("Yes: group lessons every Saturday at 9:00 in Livigno, €45 with gear.");
    expect(unsure).not.toBe(answered);
    expect(errors).toEqual([]);
    expect(serverErrors).toEqual([]);
    await page.close();
  });
});
