import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createShopifyMockServer } from "../../mocks/shopify";
import { lastToolResult, scriptOpenAI } from "../../mocks/openai";
import { respondDetailed, createTandemResponder } from "../../../app/ai/responder.server";
import {
  aiCircuitStatus,
  breakerSettings,
  circuitInfo,
  resetCircuitBreakers,
} from "../../../app/ai/circuit-breaker.server";
import { providerTimeouts } from "../../../app/ai/provider.server";
import { resetLimits } from "../../../app/lib/limits.server";
import { setDb } from "../../../app/db.server";
import { databaseKinds, type TestDatabase } from "../../helpers/db";
import { input, newConversation, recordingSink, setUpAiDatabase, SHOP, testShopify, useAppKey } from "./setup";

const server = createShopifyMockServer();
describe.each(databaseKinds)("on %s", (kind) => {
  let t: TestDatabase;
  const deps = { shopify: testShopify };

  beforeAll(async () => {
    server.listen({ onUnhandledFrame: "error" });
    t = await setUpAiDatabase(kind);
  });
  afterAll(async () => {
    server.close();
    setDb(undefined);
    await t.close();
  });
  beforeEach(async () => {
    useAppKey("sk-test");
    await resetCircuitBreakers();
    await resetLimits({ clearCounters: true });
    providerTimeouts.connectMs = 20_000;
    providerTimeouts.totalMs = 60_000;
  });
  afterEach(() => server.resetHandlers());

  describe("provider replies", () => {
    test("a streamed reply grows through the sink, and the shop's daily usage counts its tokens and estimated cost", async () => {
      const script = scriptOpenAI([{ text: "Hello there, how can I help you today?", usage: { in: 120, out: 9 } }]);
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      const sink = recordingSink();
      const result = await createTandemResponder(deps).respond(input(conv.id, "hi"), sink);

      expect(result.text).toBe("Hello there, how can I help you today?");
      expect(sink.updates.length).toBeGreaterThan(3);
      expect(sink.updates[0]!.length).toBeLessThan(result.text.length);
      expect(sink.updates.at(-1)).toBe(result.text);
      expect(script.requests[0]!.stream).toBe(true);
      expect(script.requests[0]!.messages[0]!.role).toBe("system");
      expect(result.usage).toEqual({ tokensIn: 120, tokensOut: 9, costMicros: Math.round(120 * 0.15 + 9 * 0.6) });
      // The day's usage is written here; the conversation's by the engine from result.usage.
      const day = await t.db.aiUsageDaily.findFirstOrThrow({ where: { shop: SHOP } });
      expect([day.tokensIn, day.tokensOut, day.costMicros, day.requests]).toEqual([120, 9, 23, 1]);
      const row = await t.db.conversation.findUniqueOrThrow({ where: { id: conv.id } });
      expect(row.aiTokensIn).toBe(0);
    });

    test("without a sink the provider is called without streaming (operator suggestions, playground)", async () => {
      const script = scriptOpenAI([{ text: "Non-streamed answer." }]);
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      const result = await respondDetailed(input(conv.id, "hello?"), null, deps);
      expect(script.requests[0]!.stream).toBeFalsy();
      expect(result.text).toBe("Non-streamed answer.");
      expect(result.mode).toBe("provider");
    });

    test("prices come from a search_products tool call and the reply carries product cards", async () => {
      const script = scriptOpenAI([
        { toolCalls: [{ name: "search_products", arguments: { query: "helmet" } }] },
        (body) => {
          const seen = lastToolResult(body) as { products: { title: string; price: string }[] };
          return { text: `The ${seen.products[0]!.title} costs ${seen.products[0]!.price}.` };
        },
      ]);
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      const result = await respondDetailed(input(conv.id, "how much is your helmet?"), recordingSink(), deps);
      expect(result.text).toBe("The Ridge MIPS Helmet costs 149.00 EUR.");
      expect(result.cards).toEqual([
        expect.objectContaining({
          type: "product",
          title: "Ridge MIPS Helmet",
          price: "€149.00",
          url: expect.stringMatching(/^https:\/\//),
        }),
      ]);
      expect(result.trace.map((x) => x.name)).toEqual(["search_products"]);
      expect(script.requests[0]!.tools!.map((x) => x.function.name)).toEqual([
        "search_products",
        "get_product",
        "list_my_orders",
        "lookup_order",
        "search_knowledge",
        "handoff_to_human",
        "create_ticket",
      ]);
    });

    test("invalid tool arguments are refused with a reason the model can read", async () => {
      const script = scriptOpenAI([
        { toolCalls: [{ name: "get_product", arguments: { handle: "DROP TABLE; --" } }] },
        { text: "Sorry, I could not find that product." },
      ]);
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      await respondDetailed(input(conv.id, "tell me about product x"), null, deps);
      expect(lastToolResult(script.requests[1]!)).toMatchObject({ ok: false, error: { code: "invalid_arguments" } });
    });

    test("the handoff_to_human tool asks the engine for a person, with a summary for the operator", async () => {
      const script = scriptOpenAI([
        {
          toolCalls: [
            {
              name: "handoff_to_human",
              arguments: { reason: "shopper asked", summary: "Wants to change the size of order #1003." },
            },
          ],
        },
        { text: "I'm asking a colleague to join." },
      ]);
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      const result = await createTandemResponder(deps).respond(input(conv.id, "I need a human"), recordingSink());
      expect(result.handoff).toEqual({ reason: "shopper asked", summary: "Wants to change the size of order #1003." });
    });
  });

  describe("cancellation", () => {
    test("the stream stops as soon as the sink says the conversation left the ai state", async () => {
      const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");
      const script = scriptOpenAI([{ text: long, chunkDelayMs: 2 }]);
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      const sink = recordingSink(3);
      const result = await respondDetailed(input(conv.id, "tell me a long story"), sink, deps);
      expect(sink.updates).toHaveLength(3);
      expect(result.cancelled).toBe(true);
      expect(result.text.length).toBeLessThan(long.length);
      expect(script.requests).toHaveLength(1);
    });
  });

  describe("provider failures fall back to the built-in responder", () => {
    const cases = [
      { name: "429", turn: { status: 429 as const }, kind: "rate_limited" },
      { name: "500", turn: { status: 500 as const }, kind: "upstream" },
      { name: "401", turn: { status: 401 as const }, kind: "auth" },
    ];
    for (const c of cases) {
      test(`a ${c.name} is mapped to ${c.kind} and the FAQ still answers`, async () => {
        const script = scriptOpenAI([c.turn]);
        server.use(...script.handlers);
        const conv = await newConversation(t.db);
        const result = await respondDetailed(
          input(conv.id, "How long does shipping take to Germany?"),
          recordingSink(),
          deps,
        );
        expect(result.mode).toBe("builtin");
        expect(result.errorKind).toBe(c.kind);
        expect(result.text).toMatch(/^Orders placed before 14:00 CET/);
      });
    }

    test("a provider that never answers times out and the FAQ answers", async () => {
      providerTimeouts.totalMs = 300;
      const script = scriptOpenAI([{ hang: true }]);
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      const started = Date.now();
      const result = await respondDetailed(
        input(conv.id, "Which payment methods do you accept?"),
        recordingSink(),
        deps,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(result.errorKind).toBe("timeout");
      expect(result.text).toMatch(/Visa, Mastercard/);
    });

    test("no key at all: the built-in responder answers, and offers a person when unsure", async () => {
      useAppKey(undefined);
      const conv = await newConversation(t.db);
      const good = await respondDetailed(input(conv.id, "do gift cards expire?"), recordingSink(), deps);
      expect(good).toMatchObject({ mode: "builtin", reason: "no_key" });
      expect(good.text).toMatch(/Gift cards are sent by email/);
      const unsure = await respondDetailed(input(conv.id, "can you write me a poem about cats"), recordingSink(), deps);
      expect(unsure.failed).toBe(true);
      expect(unsure.quickReplies).toEqual(["Talk to a person"]);
      const logged = await t.db.unansweredQuestion.findMany({ where: { shop: SHOP } });
      expect(logged.map((q) => q.normalized)).toContain("can you write me a poem about cats");
    });

    test("the daily token cap hands over to the built-in responder without calling the provider", async () => {
      await t.db.shop.update({ where: { shop: SHOP }, data: { aiDailyTokenCap: 1000 } });
      await t.db.aiUsageDaily.upsert({
        where: { shop_day: { shop: SHOP, day: new Date().toISOString().slice(0, 10) } },
        create: { shop: SHOP, day: new Date().toISOString().slice(0, 10), tokensIn: 900, tokensOut: 200 },
        update: { tokensIn: 900, tokensOut: 200 },
      });
      const script = scriptOpenAI([{ text: "should not be used" }]);
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      const result = await respondDetailed(input(conv.id, "do you accept paypal?"), recordingSink(), deps);
      expect(result).toMatchObject({ mode: "builtin", reason: "daily_cap" });
      expect(script.requests).toHaveLength(0);
      await t.db.shop.update({ where: { shop: SHOP }, data: { aiDailyTokenCap: 200000 } });
    });
  });

  describe("circuit breaker", () => {
    test("opens after repeated failures, stops calling the provider during the cool-down, then closes after a good trial", async () => {
      breakerSettings.baseCooldownMs = 400;
      const script = scriptOpenAI([{ status: 500 }, { status: 500 }, { status: 500 }]);
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      for (let i = 0; i < 3; i++)
        await respondDetailed(input(conv.id, "what is your return policy?"), recordingSink(), deps);
      expect(script.requests).toHaveLength(3);
      expect((await circuitInfo(SHOP, "https://api.openai.com/v1")).state).toBe("open");
      expect((await aiCircuitStatus()).open).toBe(1);

      const during = await respondDetailed(input(conv.id, "what is your return policy?"), recordingSink(), deps);
      expect(during).toMatchObject({ mode: "builtin", reason: "circuit_open" });
      expect(during.text).toMatch(/30 days/);
      expect(script.requests).toHaveLength(3);

      await new Promise((r) => setTimeout(r, 450));
      script.push({ text: "Back to normal." });
      const after = await respondDetailed(input(conv.id, "hello again"), recordingSink(), deps);
      expect(after).toMatchObject({ mode: "provider", text: "Back to normal." });
      expect((await circuitInfo(SHOP, "https://api.openai.com/v1")).state).toBe("closed");
      breakerSettings.baseCooldownMs = 30_000;
    });
  });

  describe("playground", () => {
    test("asking as a signed-in shopper shows the tool calls, what they returned, and the sources", async () => {
      const { askAsShopper } = await import("../../../app/ai/settings.server");
      const script = scriptOpenAI([
        { toolCalls: [{ name: "list_my_orders", arguments: {} }] },
        { text: "Your order #1003 is in transit with DHL." },
      ]);
      server.use(...script.handlers);
      const answer = await askAsShopper(
        SHOP,
        { question: "where is my order?", locale: "en", customerId: "7003" },
        testShopify,
      );
      expect(answer).toMatchObject({ mode: "provider", text: "Your order #1003 is in transit with DHL." });
      expect(answer.trace).toHaveLength(1);
      expect(answer.trace[0]).toMatchObject({ name: "list_my_orders", ok: true });
      expect(answer.trace[0]!.result).toContain("DHL0001003");
      expect(answer.sources).toEqual([{ type: "order", id: "#1003", title: "Order #1003" }]);
      expect(answer.cards).toEqual([expect.objectContaining({ type: "order", name: "#1003" })]);
    });
  });

  describe("unanswered questions with a provider", () => {
    test("a question the knowledge base cannot answer is logged, counted as a failed answer, and offers a person", async () => {
      const script = scriptOpenAI([
        { toolCalls: [{ name: "search_knowledge", arguments: { query: "ski lesson booking" } }] },
        { text: "I have no information about ski lessons." },
      ]);
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      const result = await respondDetailed(input(conv.id, "Can I book a ski lesson?"), recordingSink(), deps);
      expect(result.failed).toBe(true);
      expect(result.quickReplies).toEqual(["Talk to a person"]);
      const logged = await t.db.unansweredQuestion.findFirstOrThrow({
        where: { shop: SHOP, normalized: "can i book a ski lesson" },
      });
      expect(logged).toMatchObject({ count: 1, conversationId: conv.id });
    });
  });
});
