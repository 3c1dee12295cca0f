/**
 * SQLite with the documented split: a web process with TANDEM_WORKER=off and `npm run worker` in its
 * own process on the same file. The AI reply the worker writes must reach the web process's poll
 * path, which answers unchanged cursors from memory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { API_SECRET, installShop, proxyFetch, startTestApp, type RunningApp } from "./support/proxy-server";

const SHOP = "split-worker.myshopify.com";

describe("SQLite with a separate worker process", () => {
  let app: RunningApp;
  let worker: ChildProcess;

  beforeAll(async () => {
    app = await startTestApp("sqlite", { worker: false });
    await installShop(app.database.db, SHOP);
    worker = spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: app.database.url,
        SHOPIFY_API_SECRET: API_SECRET,
        NODE_ENV: "test",
        LOG_LEVEL: "silent",
        TANDEM_DEMO: "0",
      },
      stdio: "ignore",
    });
  });
  afterAll(async () => {
    worker.kill("SIGTERM");
    await new Promise((resolve) => worker.once("exit", resolve));
    await app.close();
  });

  test("a reply written by the worker process is returned by the web process's poll within a few seconds", async () => {
    const created = await (await proxyFetch(app.url, SHOP, "/conversations", { body: { locale: "en" } })).json();
    const id = created.conversation.id as string;
    const token = created.visitorToken as string;
    const sent = await proxyFetch(app.url, SHOP, `/conversations/${id}/messages`, {
      body: { token, clientMessageId: "split-1", text: "Do you ship to Switzerland?" },
    });
    expect(sent.status).toBe(201);
    let cursor = created.cursor as number;

    const deadline = Date.now() + 15_000;
    let reply: { role: string; status: string; text: string } | undefined;
    while (Date.now() < deadline && !reply) {
      const res = await proxyFetch(app.url, SHOP, `/conversations/${id}/poll`, {
        query: { token, after: String(cursor) },
      });
      if (res.status === 200) {
        const body = await res.json();
        cursor = body.cursor;
        reply = body.messages.find((m: { role: string; status: string }) => m.role === "ai" && m.status === "final");
      }
      if (!reply) await new Promise((r) => setTimeout(r, 200));
    }
    expect(reply?.text.length).toBeGreaterThan(0);
  });
});
