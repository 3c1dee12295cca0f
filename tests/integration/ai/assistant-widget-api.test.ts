/**
 * The assistant without an AI key through the real widget API: signed App Proxy requests to the
 * running app, the reply job on its worker, polls. Product questions get product cards with their
 * variants; a signed-in shopper's "where is my order?" gets their order card; a guest is asked for
 * the order number and email, and a wrong email reveals nothing. Shopify is the msw mock.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "../../../app/demo/seed.server";
import { resetRateLimits } from "../../../app/domain/conversations/rate-limits.server";
import { createShopifyMockServer } from "../../mocks/shopify";
import { proxyFetch, startTestApp, type RunningApp } from "../support/proxy-server";

const SHOP = "tandem-demo.myshopify.com";
const shopify = createShopifyMockServer();
let app: RunningApp;

interface Card {
  type: string;
  title?: string;
  price?: string;
  variantId?: string;
  available?: boolean;
  variants?: { id: string; title: string; price: string; available: boolean }[];
  name?: string;
  status?: string;
}
interface Msg {
  id: string;
  role: string;
  text: string;
  status: string;
  cards?: Card[];
  quickReplies?: string[];
}

async function startChat(customerId?: string) {
  const res = await proxyFetch(app.url, SHOP, "/conversations", {
    body: { locale: "en" },
    ip: `198.51.100.${Math.floor(Math.random() * 200)}`,
    ...(customerId ? { customerId } : {}),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { conversation: { id: string }; visitorToken: string };
  return { id: body.conversation.id, token: body.visitorToken, customerId, seen: 0 };
}

type Chat = Awaited<ReturnType<typeof startChat>>;

/** Sends a message and polls like the widget until the assistant's next reply is final. */
async function ask(chat: Chat, text: string): Promise<Msg> {
  const sent = await proxyFetch(app.url, SHOP, `/conversations/${chat.id}/messages`, {
    body: { token: chat.token, clientMessageId: `c-${Math.random()}`, text },
    ...(chat.customerId ? { customerId: chat.customerId } : {}),
  });
  expect(sent.status).toBe(201);
  const started = Date.now();
  while (Date.now() - started < 20_000) {
    const res = await proxyFetch(app.url, SHOP, `/conversations/${chat.id}`, {
      query: { token: chat.token },
      ...(chat.customerId ? { customerId: chat.customerId } : {}),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: Msg[] };
    const replies = body.messages.filter((m) => m.role === "ai" && m.status === "final");
    if (replies.length > chat.seen) {
      chat.seen = replies.length;
      return replies.at(-1)!;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("no reply from the assistant");
}

beforeAll(async () => {
  shopify.listen({ onUnhandledFrame: "bypass" });
  delete process.env.OPENAI_API_KEY;
  app = await startTestApp("sqlite");
  // The demo store: shop, offline session, FAQ and policies.
  await seedDemo(app.database.db);
});

afterAll(async () => {
  await app?.close();
  shopify.close();
});

describe("the assistant without an AI key, through the widget API", () => {
  test("a product question gets product cards with prices, stock and every variant", async () => {
    const chat = await startChat();
    const reply = await ask(chat, "do you have a freestyle snowboard for a beginner?");
    const drift = reply.cards?.find((c) => c.title === "Drift Freestyle Snowboard");
    expect(drift).toMatchObject({ type: "product", price: "€379.00", available: true, variantId: "8011" });
    expect(drift?.variants).toEqual([
      { id: "8011", title: "145 cm", price: "€379.00", available: true },
      { id: "8012", title: "150 cm", price: "€379.00", available: true },
      { id: "8013", title: "155 cm", price: "€379.00", available: true },
    ]);
    expect(reply.text).toContain("Drift Freestyle Snowboard: 379.00 EUR, in stock.");

    // A size asked about later is answered from that product's variants: stock as Shopify says.
    const more = await ask(chat, "do you have the Summit all-mountain board?");
    expect(more.cards?.map((c) => c.title)).toContain("Summit All-Mountain Snowboard");
    const stock = await ask(chat, "is the 156 cm back in stock?");
    expect(stock.text).toContain("Summit All-Mountain Snowboard, 156 cm: 449.00 EUR, sold out.");
    expect(stock.text).toContain("Available: 148 cm, 152 cm, 160 cm.");
    expect(stock.cards?.map((c) => c.title)).toEqual(["Summit All-Mountain Snowboard"]);
  });

  test("a signed-in shopper's 'where is my order?' gets their order card, and the disclosure is audit-logged", async () => {
    const chat = await startChat("7003");
    const reply = await ask(chat, "where is my order?");
    expect(reply.cards).toEqual([expect.objectContaining({ type: "order", name: "#1003", status: "in transit" })]);
    expect(reply.text).toContain("#1003: in transit.");
    const audit = await app.database.db.auditLog.findMany({ where: { shop: SHOP, action: "order.disclosed" } });
    expect(audit.map((a) => JSON.parse(a.data ?? "{}").conversationId)).toContain(chat.id);
  });

  test("a guest is asked for the order number and email; a wrong email reveals nothing; the right one shows the order", async () => {
    await resetRateLimits();
    const chat = await startChat();
    const asked = await ask(chat, "where is my order?");
    expect(asked.text).toMatch(/order number .* email address/);
    expect(asked.cards ?? []).toEqual([]);

    const wrong = await ask(chat, "#1003 noah.martin@example.com");
    expect(wrong.cards ?? []).toEqual([]);
    expect(wrong.text).toBe(
      "I couldn't find an order with that number and email. Please check both, or talk to a person.",
    );
    expect(wrong.text).not.toMatch(/transit|shipped|Storm Shell/i);

    const right = await ask(chat, "sorry, it is #1006 and noah.martin@example.com");
    expect(right.cards).toEqual([expect.objectContaining({ type: "order", name: "#1006" })]);
    const audit = await app.database.db.auditLog.findMany({ where: { shop: SHOP, action: "order.disclosed" } });
    const mine = audit.filter((a) => JSON.parse(a.data ?? "{}").conversationId === chat.id);
    expect(mine.map((a) => JSON.parse(a.data ?? "{}").order)).toEqual(["#1006"]);
  });
});
