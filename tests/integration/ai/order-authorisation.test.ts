import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { http } from "msw";
import { createShopifyMockServer } from "../../mocks/shopify";
import { lastToolResult, scriptOpenAI, type ChatRequestBody } from "../../mocks/openai";
import { respondDetailed } from "../../../app/ai/responder.server";
import { resetCircuitBreakers } from "../../../app/ai/circuit-breaker.server";
import { LIMITS } from "../../../app/ai/order-guard.server";
import { resetLimits } from "../../../app/lib/limits.server";
import { setDb } from "../../../app/db.server";
import { databaseKinds, type TestDatabase } from "../../helpers/db";
import { input, newConversation, recordingSink, setUpAiDatabase, SHOP, testShopify, useAppKey } from "./setup";

/**
 * Authorisation lives in the tools: whatever the (scripted) model asks for, a shopper only sees
 * their own orders, and every disclosure is audit-logged.
 */
const server = createShopifyMockServer();
describe.each(databaseKinds)("on %s", (kind) => {
  let t: TestDatabase;
  const deps = { shopify: testShopify };
  const EMMA = "7003"; // owns #1003
  const GIULIA = "7001"; // owns #1001 and #1004

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
    await t.db.auditLog.deleteMany({});
  });
  afterEach(() => server.resetHandlers());

  /** The model calls one tool, then says whatever; returns what the tool answered. */
  async function modelCalls(name: string, args: unknown, opts: { customerId?: string | null } = {}) {
    const script = scriptOpenAI([{ toolCalls: [{ name, arguments: args }] }, { text: "ok" }]);
    server.use(...script.handlers);
    const conv = await newConversation(t.db, SHOP, opts.customerId ?? null);
    const result = await respondDetailed(
      input(conv.id, "question", { customerId: opts.customerId ?? null }),
      recordingSink(),
      deps,
    );
    return { seen: lastToolResult(script.requests[1]!) as Record<string, unknown>, result, conv };
  }

  async function disclosures() {
    return t.db.auditLog.findMany({ where: { shop: SHOP, action: "order.disclosed" }, orderBy: { createdAt: "asc" } });
  }

  describe("lookup_order for guests", () => {
    test("the right order number and email disclose the order, with an order card and an audit row", async () => {
      const { seen, result, conv } = await modelCalls("lookup_order", {
        order_number: "#1006",
        email: "Noah.Martin@example.com ",
      });
      expect(seen).toMatchObject({ ok: true, order: { name: "#1006", tracking: { carrier: "Colissimo" } } });
      expect(JSON.stringify(seen)).not.toMatch(/noah\.martin|city|Paris|phone/i);
      expect(result.cards).toEqual([
        expect.objectContaining({ type: "order", name: "#1006", status: "out for delivery" }),
      ]);
      const rows = await disclosures();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actorType: "ai", targetType: "order", targetId: "gid://shopify/Order/5006" });
      expect(JSON.parse(rows[0]!.data!)).toMatchObject({ order: "#1006", conversationId: conv.id, guest: true });
      expect(rows[0]!.data).not.toMatch(/@/);
    });

    test("a wrong email is refused exactly like an unknown order, and nothing is disclosed", async () => {
      const wrong = await modelCalls("lookup_order", { order_number: "#1003", email: "noah.martin@example.com" });
      const unknown = await modelCalls("lookup_order", { order_number: "#9999", email: "emma.schmidt@example.com" });
      expect(wrong.seen).toEqual(unknown.seen);
      expect(wrong.seen).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(JSON.stringify(wrong.seen)).not.toMatch(/Schmidt|DHL|1003 belongs/);
      expect(wrong.result.cards).toBeUndefined();
      expect(await disclosures()).toHaveLength(0);
    });

    test("without an email a guest gets nothing", async () => {
      const { seen } = await modelCalls("lookup_order", { order_number: "#1003" });
      expect(seen).toMatchObject({ ok: false, error: { code: "email_required" } });
      expect(await disclosures()).toHaveLength(0);
    });

    test("search syntax in the order number is rejected before Shopify is asked", async () => {
      const { seen } = await modelCalls("lookup_order", { order_number: "1003 OR email:*", email: "a@b.example" });
      expect(seen).toMatchObject({ ok: false, error: { code: "invalid_order_number" } });
    });
  });

  describe("signed-in shoppers", () => {
    test("list_my_orders returns only the signed-in customer's orders, each audit-logged", async () => {
      const { seen } = await modelCalls("list_my_orders", { limit: 5 }, { customerId: GIULIA });
      const names = (seen.orders as { name: string }[]).map((o) => o.name).sort();
      expect(names).toEqual(["#1001", "#1004"]);
      expect((await disclosures()).map((r) => JSON.parse(r.data!).order).sort()).toEqual(["#1001", "#1004"]);
    });

    test("list_my_orders refuses a guest", async () => {
      const { seen } = await modelCalls("list_my_orders", {});
      expect(seen).toMatchObject({ ok: false, error: { code: "not_signed_in" } });
    });

    test("the model asking for another customer's order gets a refusal, even with that customer's email", async () => {
      const { seen } = await modelCalls(
        "lookup_order",
        { order_number: "#1003", email: "emma.schmidt@example.com" },
        { customerId: GIULIA },
      );
      expect(seen).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(await disclosures()).toHaveLength(0);
    });

    test("a signed-in shopper can look up their own order by number alone", async () => {
      const { seen } = await modelCalls("lookup_order", { order_number: "1003" }, { customerId: EMMA });
      expect(seen).toMatchObject({
        ok: true,
        order: { name: "#1003", tracking: { status: "IN_TRANSIT", estimatedDelivery: "2026-11-28" } },
      });
      expect(await disclosures()).toHaveLength(1);
    });
  });

  describe("brute force", () => {
    test("a model asking for 50 orders in a row is refused after a few tries and discloses nothing", async () => {
      let shopifyOrderQueries = 0;
      server.use(
        http.post(/\/admin\/api\/[^/]+\/graphql\.json$/, async ({ request }) => {
          const body = (await request.clone().json()) as { query: string };
          if (/orders\s*\(/.test(body.query)) shopifyOrderQueries++;
          return undefined;
        }),
      );
      const turns = Array.from({ length: 50 }, (_, i) => ({
        toolCalls: [{ name: "lookup_order", arguments: { order_number: `#${1001 + i}`, email: "guess@example.com" } }],
      }));
      // The model keeps calling lookup_order across many replies (3 tool rounds per reply + a final text).
      const script = scriptOpenAI([], {
        otherwise: (body: ChatRequestBody) =>
          body.tools ? (turns.shift() ?? { text: "done" }) : { text: "I could not find it." },
      });
      server.use(...script.handlers);
      const conv = await newConversation(t.db);
      const codes: string[] = [];
      while (turns.length > 0) {
        const before = script.requests.length;
        await respondDetailed(input(conv.id, "where is my order?"), recordingSink(), deps);
        for (const req of script.requests.slice(before)) {
          const r = lastToolResult(req) as { error?: { code: string } } | undefined;
          if (r && req.messages.at(-1)?.role === "tool") codes.push(r.error?.code ?? "ok");
        }
      }
      expect(codes).toHaveLength(50);
      expect(codes.filter((c) => c === "ok")).toHaveLength(0);
      expect(codes.slice(0, LIMITS.failuresPerConversation.points).every((c) => c === "not_found")).toBe(true);
      expect(codes.slice(LIMITS.failuresPerConversation.points).every((c) => c === "rate_limited")).toBe(true);
      expect(shopifyOrderQueries).toBe(LIMITS.failuresPerConversation.points);
      expect(await disclosures()).toHaveLength(0);
    });

    test("after too many failed guesses even the right email is refused in that chat (no oracle)", async () => {
      const conv = await newConversation(t.db);
      const script = scriptOpenAI([], {
        otherwise: (body: ChatRequestBody) => {
          const tries = body.messages.filter((m) => m.role === "tool").length;
          if (!body.tools || tries >= 1) return { text: "ok" };
          return {
            toolCalls: [{ name: "lookup_order", arguments: { order_number: "#1006", email: "wrong@example.com" } }],
          };
        },
      });
      server.use(...script.handlers);
      for (let i = 0; i < LIMITS.failuresPerConversation.points; i++) {
        await respondDetailed(input(conv.id, "order?"), recordingSink(), deps);
      }
      const right = scriptOpenAI([
        {
          toolCalls: [{ name: "lookup_order", arguments: { order_number: "#1006", email: "noah.martin@example.com" } }],
        },
        { text: "ok" },
      ]);
      server.use(...right.handlers);
      await respondDetailed(input(conv.id, "order?"), recordingSink(), deps);
      expect(lastToolResult(right.requests[1]!)).toMatchObject({ ok: false, error: { code: "rate_limited" } });
      expect(await disclosures()).toHaveLength(0);
    });
  });
});
