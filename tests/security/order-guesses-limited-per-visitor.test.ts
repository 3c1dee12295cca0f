/**
 * Finding: 30 wrong order guesses in an hour locked order lookup for every shopper of the shop,
 * signed-in customers asking for their own orders included. Guesses are now limited per
 * conversation and per visitor first, per shop only far above that, and never for a signed-in
 * customer's own orders. Through the real widget API, the reply job and the assistant's tools
 * (the model and Shopify answered by msw).
 */
import { http } from "msw";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { LIMITS } from "../../app/ai/order-guard.server";
import { resetLimits } from "../../app/lib/limits.server";
import { databaseKinds } from "../helpers/db";
import { installShop, startTestApp, type RunningApp } from "../integration/support/proxy-server";
import { lastToolResult, scriptOpenAI, type ChatRequestBody } from "../mocks/openai";
import { createShopifyMockServer } from "../mocks/shopify";
import { ask, startChat, type Chat } from "./support/widget";

const SHOP = "tandem-demo.myshopify.com";
const EMMA = "7003"; // owns #1003

/**
 * The model does what the shopper's message says: "lookup #1003 someone@example.com" calls
 * lookup_order, "my orders" calls list_my_orders; after the tool result it says "ok".
 */
function obedientModel() {
  return scriptOpenAI([], {
    otherwise: (body: ChatRequestBody) => {
      const last = body.messages.at(-1)!;
      if (last.role === "tool" || !body.tools) return { text: "ok" };
      const text = last.content ?? "";
      if (/my orders/.test(text)) return { toolCalls: [{ name: "list_my_orders", arguments: {} }] };
      const [, number, email] = /lookup (\S+)(?: (\S+))?/.exec(text) ?? [];
      return {
        toolCalls: [{ name: "lookup_order", arguments: { order_number: number, ...(email ? { email } : {}) } }],
      };
    },
  });
}

describe.each(databaseKinds)("order guesses on %s", (kind) => {
  const shopify = createShopifyMockServer();
  let app: RunningApp;
  let model: ReturnType<typeof obedientModel>;
  let orderQueries = 0;
  let ip = 0;
  const visitor = () => `198.51.100.${++ip}`;

  beforeAll(async () => {
    shopify.listen({ onUnhandledFrame: "bypass" });
    process.env.OPENAI_API_KEY = "sk-test";
    app = await startTestApp(kind);
    await installShop(app.database.db, SHOP);
  });
  afterAll(async () => {
    await app?.close();
    shopify.close();
    delete process.env.OPENAI_API_KEY;
  });
  beforeEach(() => resetLimits({ clearCounters: true }));
  afterEach(() => shopify.resetHandlers());

  function useModel() {
    model = obedientModel();
    orderQueries = 0;
    shopify.use(
      ...model.handlers,
      http.post(/\/admin\/api\/[^/]+\/graphql\.json$/, async ({ request }) => {
        const body = (await request.clone().json()) as { query: string };
        if (/orders\s*\(/.test(body.query) && !/customer\s*\(/.test(body.query)) orderQueries++;
        return undefined;
      }),
    );
  }

  /** Asks, and returns what the last tool told the model (its error code, or "ok"). */
  async function toolAnswer(chat: Chat, text: string): Promise<string> {
    const before = model.requests.length;
    await ask(chat, text);
    const seen = model.requests.slice(before).find((r) => r.messages.at(-1)?.role === "tool");
    const result = seen ? (lastToolResult(seen) as { ok?: boolean; error?: { code: string } }) : undefined;
    return result?.error?.code ?? (result?.ok ? "ok" : "none");
  }

  test("one visitor's wrong guesses are refused after ten across the chats they open, while another visitor of the shop still finds their order", async () => {
    useModel();
    const address = visitor();
    const codes: string[] = [];
    // Three chats of three wrong guesses each (each chat's own limit), then a fourth chat.
    for (let c = 0; c < 3; c++) {
      const chat = await startChat(app.url, SHOP, { ip: address });
      for (let i = 0; i < LIMITS.failuresPerConversation.points; i++)
        codes.push(await toolAnswer(chat, `lookup #${1001 + i} guess${c}@example.com`));
    }
    const fourth = await startChat(app.url, SHOP, { ip: address });
    codes.push(await toolAnswer(fourth, "lookup #1004 guess@example.com"));
    const refused = await toolAnswer(fourth, "lookup #1006 noah.martin@example.com");

    expect(codes).toEqual(Array(LIMITS.failuresPerVisitor.points).fill("not_found"));
    // The fourth chat had one failure of its own: the visitor's limit refuses even the right pair.
    expect(refused).toBe("rate_limited");
    expect(orderQueries).toBe(LIMITS.failuresPerVisitor.points);

    const other = await startChat(app.url, SHOP, { ip: visitor() });
    expect(await toolAnswer(other, "lookup #1006 noah.martin@example.com")).toBe("ok");
  });

  test("guesses from many visitors that reach the shop's limit pause guests' lookups, but never a signed-in customer's own orders", async () => {
    useModel();
    const shopLimit = LIMITS.failuresPerShop.points;
    LIMITS.failuresPerShop.points = 6; // stands for the real 300: two visitors' worth of guesses
    try {
      for (let v = 0; v < 2; v++) {
        const chat = await startChat(app.url, SHOP, { ip: visitor() });
        for (let i = 0; i < 3; i++)
          expect(await toolAnswer(chat, `lookup #${1001 + i} shop${v}@example.com`)).toBe("not_found");
      }
      const guest = await startChat(app.url, SHOP, { ip: visitor() });
      expect(await toolAnswer(guest, "lookup #1006 noah.martin@example.com")).toBe("rate_limited");

      const emma = await startChat(app.url, SHOP, { ip: visitor(), customerId: EMMA });
      expect(await toolAnswer(emma, "lookup #1003")).toBe("ok");
      expect(await toolAnswer(emma, "my orders")).toBe("ok");
      // Her lookups of someone else's order are answered "not found" as before, and are not limited.
      for (let i = 0; i < 6; i++) expect(await toolAnswer(emma, "lookup #1006")).toBe("not_found");
      expect(await toolAnswer(emma, "lookup #1003")).toBe("ok");
      const disclosed = await app.database.db.auditLog.count({
        where: { shop: SHOP, action: "order.disclosed", data: { contains: `"customerId":"${EMMA}"` } },
      });
      expect(disclosed).toBeGreaterThanOrEqual(3);
    } finally {
      LIMITS.failuresPerShop.points = shopLimit;
    }
  });
});
