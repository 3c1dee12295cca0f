/**
 * Finding 8 (critical): the stored AI key followed a changed base URL. A shop's key is bound to the
 * base URL it was entered for: saving another URL without entering the key again is refused, and
 * neither "Test connection" nor the assistant sends the key to a URL it was not entered for, even
 * when the URL was changed in the database behind the admin's back.
 */
import { http, HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { adminFetch } from "../integration/support/admin-requests";
import { installShop, startTestApp, type RunningApp } from "../integration/support/proxy-server";
import { createShopifyMockServer } from "../mocks/shopify";

const ADMIN = "90001";
const HOST_A = "https://llm-a.example.test/v1";
const HOST_B = "https://llm-b.example.test/v1";

interface ProviderCall {
  host: string;
  authorization: string | null;
}

describe.each(databaseKinds)("the AI key is bound to its base URL on %s", (kind) => {
  const shop = `bound-key-${kind}.myshopify.com`;
  const calls: ProviderCall[] = [];
  const provider = (base: string) =>
    http.post(`${base}/chat/completions`, ({ request }) => {
      calls.push({ host: new URL(request.url).host, authorization: request.headers.get("authorization") });
      return HttpResponse.json({
        id: "chatcmpl-test",
        object: "chat.completion",
        created: 1,
        model: "test-model",
        choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }],
        usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
      });
    });
  const shopify = createShopifyMockServer(provider(HOST_A), provider(HOST_B));
  let app: RunningApp;

  beforeAll(async () => {
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    shopify.listen({ onUnhandledFrame: "bypass" });
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, shop, { name: "Bound key store" });
    await app.database.db.operator.create({ data: { shop, staffUserId: ADMIN, name: "Anna Ferri", role: "admin" } });
  });
  afterEach(async () => {
    calls.length = 0;
    await app.database.db.shop.update({ where: { shop }, data: { aiBaseUrl: null, aiApiKeyEnc: null } });
  });
  afterAll(async () => {
    shopify.close();
    await app?.close();
  });

  const form = (fields: { aiBaseUrl: string; apiKey?: string }) => ({
    intent: "save",
    aiModel: "test-model",
    apiKey: "",
    aiPersona: "",
    aiRules: "",
    aiTemperature: "0.3",
    aiMaxTokens: "600",
    aiDailyTokenCap: "200000",
    ...fields,
  });
  const save = (fields: { aiBaseUrl: string; apiKey?: string }) =>
    adminFetch(app.url, shop, ADMIN, "/app/assistant.data", { form: form(fields) });
  const testConnection = () => adminFetch(app.url, shop, ADMIN, "/app/assistant.data", { form: { intent: "test" } });
  const stored = () => app.database.db.shop.findUniqueOrThrow({ where: { shop } });

  test("changing only the base URL is refused until the key is entered again, and Test connection keeps calling the URL the key was entered for", async () => {
    expect((await save({ aiBaseUrl: HOST_A, apiKey: "sk-entered-for-a-1234" })).status).toBe(200);
    const before = await stored();

    const moved = await save({ aiBaseUrl: HOST_B });
    expect(moved.status).toBe(422);
    expect(await moved.text()).toContain("Enter the API key again");
    expect(await stored()).toEqual(before);

    expect((await testConnection()).status).toBe(200);
    expect(calls).toEqual([{ host: "llm-a.example.test", authorization: "Bearer sk-entered-for-a-1234" }]);

    // The key entered again for the new URL goes there, and only there.
    calls.length = 0;
    expect((await save({ aiBaseUrl: HOST_B, apiKey: "sk-entered-for-b-5678" })).status).toBe(200);
    expect((await testConnection()).status).toBe(200);
    expect(calls).toEqual([{ host: "llm-b.example.test", authorization: "Bearer sk-entered-for-b-5678" }]);
  });

  test("a base URL changed in the database never receives the key, from Test connection or from the assistant", async () => {
    expect((await save({ aiBaseUrl: HOST_A, apiKey: "sk-entered-for-a-1234" })).status).toBe(200);
    await app.database.db.shop.update({ where: { shop }, data: { aiBaseUrl: HOST_B } });

    const tested = await testConnection();
    expect(tested.status).toBe(200);
    expect(await tested.text()).toContain("No API key is configured");
    const asked = await adminFetch(app.url, shop, ADMIN, "/app/playground.data", {
      form: { question: "Do you ship to Italy?", locale: "en", customerId: "" },
    });
    expect(asked.status).toBe(200);
    expect(calls).toEqual([]);

    // The admin is told the key must be entered again.
    const page = await adminFetch(app.url, shop, ADMIN, "/app/assistant.data");
    expect(await page.text()).toContain("entered for another base URL");
  });
});
