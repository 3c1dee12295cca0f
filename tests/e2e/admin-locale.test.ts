/**
 * The admin in the staff member's language: Shopify opens the app with `locale=it` (or `it-IT`), and
 * the nav, headings, Polaris' own strings, dates and the transcript's system notices are Italian;
 * the choice holds through in-app navigation (which carries no locale) and the next visit without one;
 * English without it. A browser in a non-UTC time zone, with no console error and no server error.
 */
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, ConsoleMessage, FrameLocator, Page } from "playwright-core";
import { launchChromium, DESKTOP_UA } from "./support/browser";
import { captureServerErrors, demoAdminUrl } from "./support/admin";
import { DEMO_SHOP as SHOP, startDemoServer, type DemoServer } from "./support/demo-server";

let server: DemoServer | undefined;
let browser: Browser;

beforeAll(async () => {
  mkdirSync("tmp/e2e", { recursive: true });
  server = await startDemoServer({ name: "admin-locale" });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newContext(): Promise<{ context: BrowserContext; problems: string[]; watch: (p: Page) => void }> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    userAgent: DESKTOP_UA,
    timezoneId: "Europe/Rome",
    locale: "en-US",
  });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on("pageerror", (error) => problems.push(`page error: ${error.message.slice(0, 300)}`));
    page.on("console", (message: ConsoleMessage) => {
      if (message.type() === "error") problems.push(`console: ${message.text().slice(0, 300)}`);
    });
  };
  return { context, problems, watch };
}

async function open(context: BrowserContext, watch: (p: Page) => void, path: string, locale?: string) {
  const page = await context.newPage();
  watch(page);
  await page.goto(demoAdminUrl(server!.base, "90001", path, locale));
  const app = page.frameLocator('iframe[title="Tandem admin"]');
  await app.locator(".Polaris-Page").first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1_000); // hydration
  return { page, app };
}

const heading = (app: FrameLocator) => app.locator(".Polaris-Page h1").first().innerText();
const navTexts = (app: FrameLocator) => app.locator("ui-nav-menu a").allInnerTexts();

describe("the admin in the staff member's language", () => {
  test("locale=it shows Italian nav, headings, notices and dates; the choice holds through navigation", async () => {
    const { context, problems, watch } = await newContext();
    const serverErrors = captureServerErrors();
    try {
      const conversation = await server!.db.conversation.findFirstOrThrow({
        where: { shop: SHOP, id: "demo-conv-board-size" },
      });
      const pages: [string, string][] = [
        ["/app/inbox", "Posta in arrivo"],
        ["/app/tickets", "Ticket"],
        ["/app/canned", "Risposte predefinite"],
        ["/app/knowledge", "Base di conoscenza"],
        ["/app/playground", "Area di prova"],
        ["/app/analytics", "Statistiche"],
        ["/app", "Tandem"],
      ];
      for (const [path, title] of pages) {
        const { page, app } = await open(context, watch, path, "it-IT");
        expect(await heading(app)).toBe(title);
        const nav = await navTexts(app);
        expect(nav).toEqual(
          expect.arrayContaining(["Home", "Posta in arrivo", "Risposte predefinite", "Impostazioni"]),
        );
        expect(await app.locator("html").getAttribute("lang")).toBe("it");
        if (path === "/app") {
          await expect(app.getByText("Conversazioni aperte").isVisible()).resolves.toBe(true);
          await page.screenshot({ path: "tmp/e2e/locale-it-home.png" });
        }
        if (path === "/app/knowledge") {
          await expect(app.getByRole("tab", { name: "Informative" }).isVisible()).resolves.toBe(true);
          await expect(
            app.getByRole("heading", { name: "Domande a cui l'assistente non ha saputo rispondere" }).isVisible(),
          ).resolves.toBe(true);
          await expect(app.getByRole("button", { name: "Aggiungi voce FAQ" }).isVisible()).resolves.toBe(true);
          await page.screenshot({ path: "tmp/e2e/locale-it-knowledge.png" });
        }
        if (path === "/app/playground")
          await expect(app.getByRole("button", { name: "Chiedi", exact: true }).isVisible()).resolves.toBe(true);
        if (path === "/app/analytics") {
          await expect(app.getByRole("heading", { name: "Orari di punta" }).isVisible()).resolves.toBe(true);
          await expect(app.getByRole("heading", { name: "Personale" }).isVisible()).resolves.toBe(true);
        }
        if (path === "/app/tickets") {
          // Polaris' own strings come from its Italian translations
          await expect(app.getByRole("tab", { name: /Tutti/ }).isVisible()).resolves.toBe(true);
          await page.screenshot({ path: "tmp/e2e/locale-it-tickets.png" });
        }
        await page.close();
      }

      // the transcript's system notice in Italian, though the shopper read it in English
      const { page, app } = await open(context, watch, `/app/conversations/${conversation.id}`, "it");
      await expect(app.getByText(/Anna è entrato nella chat\./).isVisible()).resolves.toBe(true);
      await expect(app.getByRole("heading", { name: "Note interne" }).isVisible()).resolves.toBe(true);
      await page.screenshot({ path: "tmp/e2e/locale-it-conversation.png" });

      // in-app navigation carries no locale: the page is still Italian
      await app.locator("ui-nav-menu a", { hasText: "Impostazioni" }).click();
      await app.locator(".Polaris-Page h1", { hasText: "Impostazioni" }).waitFor({ timeout: 15_000 });
      await app.locator("ui-nav-menu a", { hasText: "Ticket" }).click();
      await app.locator(".Polaris-Page h1", { hasText: /^Ticket$/ }).waitFor({ timeout: 15_000 });
      await page.close();
      expect(problems).toEqual([]);
      expect(serverErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("a settings form refused by the server says why in Italian, field by field", async () => {
    const { context, problems, watch } = await newContext();
    const serverErrors = captureServerErrors();
    try {
      const { page, app } = await open(context, watch, "/app/settings/email", "it");
      expect(await heading(app)).toBe("Email");
      await app.getByLabel("Host SMTP").fill("10.0.0.5");
      await app.getByLabel("Porta").fill("70000");
      await app.getByLabel("Indirizzo del mittente").fill("supporto@caffe.test");
      await app.getByRole("button", { name: "Salva", exact: true }).click();
      await app.getByText("Inserisci una porta tra 1 e 65535").waitFor({ timeout: 15_000 });
      await page.screenshot({ path: "tmp/e2e/locale-it-email-port.png" });
      // a valid port: the host is checked next, and refused as a private address
      await app.getByLabel("Porta").fill("587");
      await app.getByRole("button", { name: "Salva", exact: true }).click();
      await app.getByText(/Questo host è un indirizzo privato/).waitFor({ timeout: 15_000 });
      await expect(app.getByText("Inserisci una porta tra 1 e 65535").count()).resolves.toBe(0);
      await page.screenshot({ path: "tmp/e2e/locale-it-email-host.png" });
      // nothing was saved: the page loaded again shows the fields as they were
      await page.reload();
      const again = page.frameLocator('iframe[title="Tandem admin"]');
      await again.locator(".Polaris-Page").first().waitFor({ timeout: 30_000 });
      await expect(again.getByLabel("Porta").inputValue()).resolves.not.toBe("70000");
      await page.close();
      // the browser logs each refused (422) form post as a failed resource; nothing else may appear
      expect(problems.filter((p) => !/status of 422 \(Unprocessable Entity\)/.test(p))).toEqual([]);
      expect(problems.length).toBe(2);
      expect(serverErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("without an Italian locale the admin is English, and an unknown locale falls back to English", async () => {
    const { context, problems, watch } = await newContext();
    const serverErrors = captureServerErrors();
    try {
      for (const locale of [undefined, "ja"]) {
        const { page, app } = await open(context, watch, "/app/inbox", locale);
        expect(await heading(app)).toBe("Inbox");
        expect(await navTexts(app)).toEqual(expect.arrayContaining(["Home", "Inbox", "Canned responses", "Settings"]));
        expect(await app.locator("html").getAttribute("lang")).toBe("en");
        await page.close();
      }
      const { page, app } = await open(context, watch, "/app/conversations/demo-conv-board-size");
      await expect(app.getByText(/Anna joined the chat\./).isVisible()).resolves.toBe(true);
      await page.close();
      expect(problems).toEqual([]);
      expect(serverErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
