import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createShopifyMockServer } from "../../mocks/shopify";
import { scriptOpenAI } from "../../mocks/openai";
import { buildHandoffSummary, suggestReply } from "../../../app/ai/assist.server";
import { assistantOverview, saveAssistantSettings } from "../../../app/ai/settings.server";
import { resolveAiConfig } from "../../../app/ai/config.server";
import { respondDetailed } from "../../../app/ai/responder.server";
import { resetCircuitBreakers } from "../../../app/ai/circuit-breaker.server";
import { setDb } from "../../../app/db.server";
import { databaseKinds, type TestDatabase } from "../../helpers/db";
import { input, newConversation, recordingSink, setUpAiDatabase, SHOP, testShopify, useAppKey } from "./setup";

const server = createShopifyMockServer();
describe.each(databaseKinds)("on %s", (kind) => {
  let t: TestDatabase;

  const baseForm = {
    aiBaseUrl: "",
    aiModel: "",
    apiKey: "",
    aiPersona: "",
    aiRules: "",
    aiTemperature: "0.3",
    aiMaxTokens: "600",
    aiDailyTokenCap: "200000",
  };

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
    useAppKey("sk-app");
    await resetCircuitBreakers();
  });
  afterEach(() => server.resetHandlers());

  async function addMessages(conversationId: string, messages: [string, string][]) {
    let v = 1;
    for (const [role, text] of messages) {
      await t.db.message.create({ data: { shop: SHOP, conversationId, version: v++, role, text } });
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  describe("assistant settings", () => {
    test("a shop's own key is stored encrypted, never shown, and sends requests to the shop's base URL and model", async () => {
      const saved = await saveAssistantSettings(SHOP, {
        ...baseForm,
        aiBaseUrl: "https://llm.example.test/v1",
        aiModel: "my-model",
        apiKey: "sk-shop-secret-9876",
        aiPersona: "Cheerful",
      });
      expect(saved.ok).toBe(true);
      const row = await t.db.shop.findUniqueOrThrow({ where: { shop: SHOP } });
      expect(row.aiApiKeyEnc).toMatch(/^v1\./);
      expect(row.aiApiKeyEnc).not.toContain("sk-shop");

      const overview = await assistantOverview(SHOP);
      expect(overview?.key).toEqual({ source: "shop", hint: "••••9876" });
      expect(JSON.stringify(overview)).not.toContain("sk-shop-secret");

      const script = scriptOpenAI([{ text: "From the shop's provider." }], { baseUrl: "https://llm.example.test/v1" });
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      const result = await respondDetailed(input(conv.id, "hello"), recordingSink(), { shopify: testShopify });
      expect(result.text).toBe("From the shop's provider.");
      expect(script.requests[0]).toMatchObject({ model: "my-model" });

      // Saving again with an empty key keeps it; "remove" deletes it.
      await saveAssistantSettings(SHOP, { ...baseForm, aiBaseUrl: "https://llm.example.test/v1", aiModel: "my-model" });
      expect((await resolveAiConfig(SHOP)).keySource).toBe("shop");
      await saveAssistantSettings(SHOP, { ...baseForm, removeKey: "on" });
      const config = await resolveAiConfig(SHOP);
      expect(config).toMatchObject({ keySource: "app", apiKey: "sk-app", baseUrl: "https://api.openai.com/v1" });
    });

    test("bad input is refused field by field and nothing is stored", async () => {
      const before = await t.db.shop.findUniqueOrThrow({ where: { shop: SHOP } });
      const r = await saveAssistantSettings(SHOP, {
        ...baseForm,
        aiBaseUrl: "ftp://x",
        aiTemperature: "7",
        aiMaxTokens: "abc",
      });
      expect(r.ok).toBe(false);
      expect(Object.keys(r.errors).sort()).toEqual(["aiBaseUrl", "aiMaxTokens", "aiTemperature"]);
      const after = await t.db.shop.findUniqueOrThrow({ where: { shop: SHOP } });
      expect(after.updatedAt).toEqual(before.updatedAt);
    });
  });

  describe("operator assist", () => {
    test("the handoff summary comes from the provider when it works and is stored on the conversation", async () => {
      const script = scriptOpenAI([{ text: "Shopper wants to return order #1003 (a jacket). Not yet started." }]);
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      await addMessages(conv.id, [
        ["shopper", "I want to return my jacket from order #1003"],
        ["ai", "You can return unused items within 30 days."],
      ]);
      const summary = await buildHandoffSummary(SHOP, conv.id);
      expect(summary).toBe("Shopper wants to return order #1003 (a jacket). Not yet started.");
      expect(script.requests[0]!.stream).toBeFalsy();
      const row = await t.db.conversation.findUniqueOrThrow({ where: { id: conv.id } });
      expect(row.handoffSummary).toBe(summary);
      expect(row.aiTokensIn).toBeGreaterThan(0);
    });

    test("with the provider failing the summary is extractive", async () => {
      server.use(...scriptOpenAI([{ status: 500 }]).handlers);
      const conv = await newConversation(t.db);
      await addMessages(conv.id, [["shopper", "Where is #1006?"]]);
      const summary = await buildHandoffSummary(SHOP, conv.id);
      expect(summary).toContain('Shopper asked: "Where is #1006?"');
    });

    test("a suggested reply is drafted for the operator and nothing is sent to the shopper", async () => {
      const script = scriptOpenAI([
        { toolCalls: [{ name: "search_knowledge", arguments: { query: "refund time" } }] },
        { text: "Refunds reach your card within 5 business days of the return arriving." },
      ]);
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      await addMessages(conv.id, [["shopper", "when do I get my money back?"]]);
      const before = await t.db.message.count({ where: { conversationId: conv.id } });
      const draft = await suggestReply(SHOP, conv.id, { shopify: testShopify });
      expect(draft).toEqual({
        text: "Refunds reach your card within 5 business days of the return arriving.",
        source: "provider",
      });
      expect(await t.db.message.count({ where: { conversationId: conv.id } })).toBe(before);
    });

    test("without a key the suggested reply is the matching FAQ answer", async () => {
      useAppKey(undefined);
      const conv = await newConversation(t.db);
      await addMessages(conv.id, [["shopper", "Can I pick up my order in Milan?"]]);
      const draft = await suggestReply(SHOP, conv.id);
      expect(draft?.source).toBe("knowledge");
      expect(draft?.text).toMatch(/Pick up in Milan/);
    });

    test("another shop's conversation gets no suggestion", async () => {
      const conv = await newConversation(t.db);
      expect(await suggestReply("other-store.myshopify.com", conv.id)).toBeNull();
    });
  });
});
