/**
 * The whole app against a separate local HTTP server that speaks the OpenAI chat completions
 * protocol (streaming included), reached through OPENAI_BASE_URL: a shopper's message goes in
 * through the signed widget API, the reply job streams the answer, polls see it grow, and an
 * operator taking over mid-stream stops the stream and leaves the partial reply "interrupted".
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createShopifyMockServer } from "../../mocks/shopify";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "../support/proxy-server";
import { demoStore } from "../../mocks/shopify";
import { FakeOpenAI } from "../../mocks/openai-server";

const SHOP = "tandem-demo.myshopify.com";

const fake = new FakeOpenAI();
const shopify = createShopifyMockServer();
let app: RunningApp;

interface Msg {
  id: string;
  role: string;
  text: string;
  status: string;
  cards?: { type: string; title?: string; price?: string }[];
}

async function startChat() {
  const res = await proxyFetch(app.url, SHOP, "/conversations", {
    body: { locale: "en" },
    ip: `198.51.100.${Math.floor(Math.random() * 200)}`,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { conversation: { id: string }; visitorToken: string; cursor: number };
}

async function send(id: string, token: string, text: string) {
  const res = await proxyFetch(app.url, SHOP, `/conversations/${id}/messages`, {
    body: { token, clientMessageId: `c-${Math.random()}`, text },
  });
  expect(res.status).toBe(201);
}

/** Polls like the widget until the AI reply is no longer streaming; returns every AI text seen. */
async function pollUntilSettled(id: string, token: string, timeoutMs = 20_000) {
  const seen: Msg[] = [];
  let cursor = 0;
  const started = Date.now();
  const ai = new Map<string, Msg>();
  while (Date.now() - started < timeoutMs) {
    const res = await proxyFetch(app.url, SHOP, `/conversations/${id}/poll`, {
      query: { token, after: String(cursor) },
    });
    if (res.status === 200) {
      const body = (await res.json()) as { messages: Msg[]; cursor: number };
      cursor = body.cursor;
      for (const m of body.messages.filter((x) => x.role === "ai")) {
        seen.push(m);
        ai.set(m.id, m);
      }
      const last = [...ai.values()].at(-1);
      if (last && last.status !== "streaming") return { seen, final: last };
    }
    await new Promise((r) => setTimeout(r, 60));
  }
  throw new Error("the AI reply did not settle");
}

beforeAll(async () => {
  await fake.start();
  shopify.listen({ onUnhandledFrame: "bypass" });
  process.env.OPENAI_API_KEY = "sk-local-test";
  process.env.OPENAI_BASE_URL = fake.url;
  process.env.OPENAI_MODEL = "local-model";
  // The local server is on a loopback address: outbound URL rules refuse it unless allowed by name.
  process.env.TANDEM_ALLOW_PRIVATE_URLS = "127.0.0.1";
  app = await startTestApp("sqlite");
  // Always staffed, so a handoff would queue (not used here) and never ask for contact details.
  await installShop(app.database.db, SHOP, { name: demoStore().shop.name });
});

afterAll(async () => {
  await app?.close();
  shopify.close();
  await fake.close();
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_BASE_URL;
  delete process.env.OPENAI_MODEL;
  delete process.env.TANDEM_ALLOW_PRIVATE_URLS;
});

describe("the app against a local OpenAI-compatible server", () => {
  test("a streamed answer with a tool call grows in polls and ends final with a product card and usage", async () => {
    fake.turns.push(
      { toolCall: { name: "search_products", arguments: { query: "helmet" } } },
      {
        text: "The Ridge MIPS Helmet costs 149.00 EUR and comes in three sizes. It is in stock and ships the same day if you order before two in the afternoon.",
        delayMs: 60,
      },
    );
    const chat = await startChat();
    await send(chat.conversation.id, chat.visitorToken, "How much is the helmet?");
    const { seen, final } = await pollUntilSettled(chat.conversation.id, chat.visitorToken);

    expect(final.status).toBe("final");
    expect(final.text).toMatch(/^The Ridge MIPS Helmet costs 149\.00 EUR/);
    expect(final.cards).toEqual([
      expect.objectContaining({ type: "product", title: "Ridge MIPS Helmet", price: "€149.00" }),
    ]);
    const partial = seen.filter((m) => m.status === "streaming");
    expect(partial.length).toBeGreaterThan(0);
    expect(partial[0]!.text.length).toBeLessThan(final.text.length);

    expect(fake.requests.at(-2)!.auth).toBe("Bearer sk-local-test");
    expect(fake.requests.at(-2)!.body).toMatchObject({ model: "local-model", stream: true });
    const conv = await app.database.db.conversation.findUniqueOrThrow({ where: { id: chat.conversation.id } });
    expect([conv.aiTokensIn, conv.aiTokensOut]).toEqual([400, 80]);
    expect(conv.aiCostMicros).toBeGreaterThan(0);
  });

  test("an operator taking over mid-stream stops the provider stream and leaves the partial reply interrupted", async () => {
    const long = Array.from({ length: 80 }, (_, i) => `part${i}`).join(" ");
    fake.turns.push({ text: long, delayMs: 40 });
    const disconnectsBefore = fake.disconnects;
    const chat = await startChat();
    await send(chat.conversation.id, chat.visitorToken, "Tell me everything about your boards");
    const db = app.database.db;
    // Wait until a partial reply is visible, then a person takes the chat.
    const started = Date.now();
    for (;;) {
      const m = await db.message.findFirst({ where: { conversationId: chat.conversation.id, role: "ai" } });
      if (m && m.text.length > 0) break;
      if (Date.now() - started > 10_000) throw new Error("no partial reply");
      await new Promise((r) => setTimeout(r, 30));
    }
    await db.conversation.update({ where: { id: chat.conversation.id }, data: { state: "assigned" } });

    for (let i = 0; i < 100; i++) {
      const m = await db.message.findFirst({ where: { conversationId: chat.conversation.id, role: "ai" } });
      if (m?.status === "interrupted") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const reply = await db.message.findFirstOrThrow({ where: { conversationId: chat.conversation.id, role: "ai" } });
    expect(reply.status).toBe("interrupted");
    expect(reply.text.length).toBeLessThan(long.length);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.disconnects).toBe(disconnectsBefore + 1);
  });
});
