/**
 * Finding: every limit, the order-guess counters and the AI circuit breaker were per process, so
 * an attacker got each instance's allowance and each instance had to learn of a provider outage on
 * its own. On PostgreSQL they are now shared: two app processes on one database count against one
 * allowance and see one breaker state; counters outlive the limiter instance that wrote them.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { allowOrderLookup, LIMITS as ORDER_LIMITS, recordFailedOrderLookup } from "../../app/ai/order-guard.server";
import { chargeReplyBudget, spentReplyBudget } from "../../app/ai/usage.server";
import { resetEnvForTests } from "../../app/env.server";
import { LIMITS_TABLE, resetLimits } from "../../app/lib/limits.server";
import { LIMITS } from "../../app/domain/conversations/rate-limits.server";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { startAppProcess, type AppProcess } from "../integration/support/app-process";
import { ensureBuild, installShop, proxyFetch } from "../integration/support/proxy-server";
import { ask, send, startChat } from "./support/widget";

const SECRET = "proxy-test-secret";
const SHOP = "shared-limits.myshopify.com";
const OUTAGE_SHOP = "shared-outage.myshopify.com";

/**
 * An OpenAI-compatible server: a 500 for every request about OUTAGE_SHOP (its system prompt names
 * the shop), counted; a short answer otherwise.
 */
class FakeProvider {
  server: Server;
  outageCalls = 0;
  url = "";

  constructor() {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        stream?: boolean;
        model: string;
        messages: { content: string }[];
      };
      if (String(body.messages[0]?.content).includes(OUTAGE_SHOP)) {
        this.outageCalls++;
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "outage", type: "server_error" } }));
        return;
      }
      const base = { id: "chatcmpl-shared", created: 1, model: body.model };
      const usage = { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 };
      if (!body.stream) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            ...base,
            object: "chat.completion",
            choices: [{ index: 0, message: { role: "assistant", content: "Fine." }, finish_reason: "stop" }],
            usage,
          }),
        );
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      const chunk = (o: object) =>
        res.write(`data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", ...o })}\n\n`);
      chunk({ choices: [{ index: 0, delta: { role: "assistant", content: "Fine." }, finish_reason: null }] });
      chunk({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
      chunk({ choices: [], usage });
      res.end("data: [DONE]\n\n");
    });
  }

  async start() {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/v1`;
  }

  close() {
    this.server.closeAllConnections();
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("limits shared by two instances on one PostgreSQL", () => {
  const provider = new FakeProvider();
  let database: TestDatabase;
  let a: AppProcess;
  let b: AppProcess;
  let ip = 0;
  const visitor = () => `198.51.100.${++ip}`;

  beforeAll(async () => {
    ensureBuild();
    await provider.start();
    database = await createTestDatabase("postgresql");
    await installShop(database.db, SHOP);
    await installShop(database.db, OUTAGE_SHOP);
    // The local provider is on loopback: allowed by name, as an operator would allow a local Ollama.
    const env = { OPENAI_API_KEY: "sk-shared", OPENAI_BASE_URL: provider.url, TANDEM_ALLOW_PRIVATE_URLS: "127.0.0.1" };
    [a, b] = await Promise.all([
      startAppProcess({ databaseUrl: database.url, apiSecret: SECRET, env }),
      startAppProcess({ databaseUrl: database.url, apiSecret: SECRET, env }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await resetLimits();
    delete process.env.DATABASE_URL;
    resetEnvForTests();
    await database?.close();
    await provider.close();
  });

  test("messages, new conversations and ticket lookups count against one allowance on both instances", async () => {
    const chat = await startChat(a.url, SHOP, { ip: visitor() });
    for (let i = 0; i < LIMITS.messages.points; i++) {
      const via = i % 2 === 0 ? a : b;
      expect((await send({ ...chat, appUrl: via.url }, `message ${i}`)).status).toBe(201);
    }
    expect((await send({ ...chat, appUrl: a.url }, "one too many")).status).toBe(429);
    expect((await send({ ...chat, appUrl: b.url }, "one too many")).status).toBe(429);

    const address = visitor();
    for (let i = 0; i < LIMITS.conversations.points; i++) {
      const via = i % 2 === 0 ? a : b;
      const res = await proxyFetch(via.url, SHOP, "/conversations", { body: {}, ip: address });
      expect(res.status).toBe(201);
    }
    for (const via of [a, b]) {
      expect((await proxyFetch(via.url, SHOP, "/conversations", { body: {}, ip: address })).status).toBe(429);
    }

    await database.db.ticket.create({
      data: { shop: SHOP, number: 1001, subject: "Late", source: "widget_form", requesterEmail: "emma@example.com" },
    });
    for (let i = 0; i < LIMITS.ticketFailuresPerTicket.points; i++) {
      const via = i % 2 === 0 ? a : b;
      const res = await proxyFetch(via.url, SHOP, "/tickets/T-1001", {
        query: { email: `guess${i}@example.com` },
        ip: visitor(),
      });
      expect(res.status).toBe(404);
    }
    for (const via of [a, b]) {
      const res = await proxyFetch(via.url, SHOP, "/tickets/T-1001", {
        query: { email: "emma@example.com" },
        ip: visitor(),
      });
      expect(res.status).toBe(429);
    }
  });

  test("a provider outage opens one circuit for both instances: three failed calls in all, and both report it open", async () => {
    // Six shoppers one after another; whichever instance runs each reply job, the provider is
    // called only until the shared circuit opens.
    for (let i = 0; i < 6; i++) {
      const chat = await startChat(i % 2 === 0 ? a.url : b.url, OUTAGE_SHOP, { ip: visitor() });
      const reply = await ask(chat, "What is your return policy?");
      expect(reply.status).toBe("final");
    }
    expect(provider.outageCalls).toBe(3);
    for (const via of [a, b]) {
      const ready = (await (await fetch(`${via.url}/readyz`)).json()) as { ai: { open: number } };
      expect(ready.ai.open).toBe(1);
    }
    const row = await database.db.aiCircuit.findFirst({ where: { shop: OUTAGE_SHOP } });
    expect(row).toMatchObject({ failures: 3, lastErrorKind: "upstream" });
    expect(row?.openedAt).not.toBeNull();
  });

  test("order-guess counters and token budgets written by one limiter instance are read by another", async () => {
    process.env.DATABASE_URL = database.url;
    resetEnvForTests();
    await resetLimits();
    const guesser = (conversationId: string, visitorKey: string) => ({
      shop: SHOP,
      conversationId,
      visitor: visitorKey,
    });
    for (let i = 0; i < ORDER_LIMITS.failuresPerVisitor.points; i++)
      await recordFailedOrderLookup(guesser(`c${i}`, "v1"));
    await chargeReplyBudget({ shop: SHOP, conversationId: "c-budget" }, 1_000_000);

    await resetLimits(); // a new instance: its own pool, nothing in memory
    expect(await allowOrderLookup(guesser("fresh-chat", "v1"))).toBe(false);
    expect(await allowOrderLookup(guesser("fresh-chat", "v2"))).toBe(true);
    expect(await spentReplyBudget({ shop: SHOP, conversationId: "c-budget" })).toBe("conversation");
    const rows = await database.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${LIMITS_TABLE}" WHERE key = $1 OR key LIKE $2`,
      `ai_order_fail_visitor:${SHOP}:v1`,
      `ai_tokens_conv:${SHOP}:c-budget:%`,
    );
    expect(rows[0]!.n).toBe(2);
  });
});
