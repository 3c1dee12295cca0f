/**
 * The assistant in `npm run demo` with no AI key: a question from the demo FAQ, sent through the
 * widget API (the demo's local App Proxy signs it like Shopify), gets the FAQ's answer from the
 * built-in responder; the admin's Assistant page shows the built-in responder and usage; the
 * Playground answers and shows its sources. Screenshots: tmp/e2e/assistant-*.png.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";

const SHOTS = path.resolve("tmp/e2e");
const dbFile = path.resolve(`tmp/e2e/assistant-${randomUUID()}.sqlite`);
const DESKTOP_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
let child: ChildProcess | undefined;
let base = "";
let browser: Browser;
let output = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child?.exitCode !== null && child?.exitCode !== undefined)
      throw new Error(`demo exited:\n${output.slice(-3000)}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`demo did not start:\n${output.slice(-3000)}`);
}

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: DESKTOP_UA });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, errors };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const { NODE_ENV: _ignored, ...inherited } = process.env;
  child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/demo.ts"], {
    env: {
      ...inherited,
      PORT: String(port),
      DATABASE_URL: `file:${dbFile}`,
      TANDEM_DEMO_BUILD: process.env.TANDEM_DEMO_BUILD ?? "auto",
      LOG_LEVEL: "warn",
      OPENAI_API_KEY: "",
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  await waitForHealth(base, 170_000);
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  if (child?.pid && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child?.once("exit", r));
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });
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
    await frame.getByLabel("Shopper's question").fill("Do you accept PayPal?");
    await frame.getByRole("button", { name: "Ask" }).click();
    await frame.getByText(/We accept Visa, Mastercard/).waitFor({ timeout: 30_000 });
    await expect(frame.getByText("knowledge: Which payment methods do you accept?").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "assistant-playground.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
