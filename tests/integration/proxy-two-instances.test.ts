/**
 * Two server processes on one PostgreSQL database: a change made through instance A is seen by a
 * poll on instance B within one poll interval (versions shared through LISTEN/NOTIFY).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { ensureBuild, installShop, proxyFetch } from "./support/proxy-server";
import { startAppProcess, type AppProcess } from "./support/app-process";

const SECRET = "proxy-test-secret";
const POLL_INTERVAL_MS = 1000;

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("two instances on one PostgreSQL database", () => {
  const shop = "two-instances.myshopify.com";
  let database: TestDatabase;
  let a: AppProcess;
  let b: AppProcess;

  beforeAll(async () => {
    ensureBuild();
    database = await createTestDatabase("postgresql");
    await installShop(database.db, shop);
    [a, b] = await Promise.all([
      startAppProcess({ databaseUrl: database.url, apiSecret: SECRET }),
      startAppProcess({ databaseUrl: database.url, apiSecret: SECRET }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.close();
  });

  test("a message sent through A shows up in a poll on B within one poll interval", async () => {
    const created = await (await proxyFetch(a.url, shop, "/conversations", { body: { locale: "en" } })).json();
    const { id } = created.conversation;
    const token = created.visitorToken;
    // B has seen the conversation (its map entry is warm) and answers "nothing new".
    const idle = await proxyFetch(b.url, shop, `/conversations/${id}/poll`, {
      query: { token, after: String(created.cursor) },
    });
    expect(idle.status).toBe(204);

    const sentAt = Date.now();
    const sent = await proxyFetch(a.url, shop, `/conversations/${id}/messages`, {
      body: { token, clientMessageId: "two-1", text: "Hello from instance A" },
    });
    expect(sent.status).toBe(201);
    let seenAfter = Number.POSITIVE_INFINITY;
    while (Date.now() - sentAt < 5_000) {
      const res = await proxyFetch(b.url, shop, `/conversations/${id}/poll`, {
        query: { token, after: String(created.cursor) },
      });
      if (res.status === 200) {
        const body = await res.json();
        if (body.messages.some((m: { text: string }) => m.text === "Hello from instance A")) {
          seenAfter = Date.now() - sentAt;
          break;
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    console.log(`change through A seen by a poll on B after ${seenAfter} ms`);
    expect(seenAfter).toBeLessThan(POLL_INTERVAL_MS);
  });

  test("the AI reply written by whichever instance ran the job is visible on both", async () => {
    const created = await (
      await proxyFetch(b.url, shop, "/conversations", { body: { locale: "en" }, ip: "203.0.113.77" })
    ).json();
    const { id } = created.conversation;
    const token = created.visitorToken;
    await proxyFetch(b.url, shop, `/conversations/${id}/messages`, {
      body: { token, clientMessageId: "two-2", text: "Do you ship to Italy?" },
    });
    for (const instance of [a, b]) {
      const deadline = Date.now() + 10_000;
      let final = false;
      while (!final && Date.now() < deadline) {
        const res = await proxyFetch(instance.url, shop, `/conversations/${id}/poll`, { query: { token, after: "0" } });
        if (res.status === 200) {
          const body = await res.json();
          final = body.messages.some((m: { role: string; status: string }) => m.role === "ai" && m.status === "final");
        }
        if (!final) await new Promise((r) => setTimeout(r, 100));
      }
      expect(final).toBe(true);
    }
  });
});
