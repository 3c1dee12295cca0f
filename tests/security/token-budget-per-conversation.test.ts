/**
 * Finding: one visitor used up the shop's daily AI token cap in about a minute, switching the
 * assistant off for every shopper. Each conversation and each visitor now has a daily token budget
 * under the shop's cap; once it is spent the built-in responder answers and says so, with the way
 * to a person, while other visitors keep the assistant. Through the real widget API and reply job
 * (the model answered by msw).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { resetLimits } from "../../app/lib/limits.server";
import { databaseKinds } from "../helpers/db";
import { installShop, startTestApp, type RunningApp } from "../integration/support/proxy-server";
import { scriptOpenAI } from "../mocks/openai";
import { createShopifyMockServer } from "../mocks/shopify";
import { ask, startChat } from "./support/widget";

const SHOP = "budget-shop.myshopify.com";
const TOKENS_PER_REPLY = 500; // 400 in + 100 out, as the scripted model reports

describe.each(databaseKinds)("AI token budgets on %s", (kind) => {
  const mocks = createShopifyMockServer();
  let app: RunningApp;
  let model: ReturnType<typeof scriptOpenAI>;
  let ip = 0;
  const visitor = () => `198.51.100.${++ip}`;

  beforeAll(async () => {
    mocks.listen({ onUnhandledFrame: "bypass" });
    process.env.OPENAI_API_KEY = "sk-test";
    process.env.TANDEM_AI_TOKENS_PER_CONVERSATION = String(2 * TOKENS_PER_REPLY);
    process.env.TANDEM_AI_TOKENS_PER_VISITOR = String(3 * TOKENS_PER_REPLY);
    app = await startTestApp(kind);
    await installShop(app.database.db, SHOP);
  });
  afterAll(async () => {
    await app?.close();
    mocks.close();
    delete process.env.OPENAI_API_KEY;
    delete process.env.TANDEM_AI_TOKENS_PER_CONVERSATION;
    delete process.env.TANDEM_AI_TOKENS_PER_VISITOR;
  });
  beforeEach(async () => {
    await resetLimits({ clearCounters: true });
    model = scriptOpenAI([], { otherwise: { text: "Here is what I found.", usage: { in: 400, out: 100 } } });
    mocks.use(...model.handlers);
  });
  afterEach(() => mocks.resetHandlers());

  test("a conversation that has spent its budget gets the built-in responder, which says so and offers a person, while another visitor still gets the assistant", async () => {
    const chat = await startChat(app.url, SHOP, { ip: visitor() });
    expect((await ask(chat, "Which helmet fits a small head?")).text).toBe("Here is what I found.");
    expect((await ask(chat, "And in blue?")).text).toBe("Here is what I found.");
    const spent = await ask(chat, "And the price?");
    expect(model.requests).toHaveLength(2);
    expect(spent.status).toBe("final");
    expect(spent.text).toMatch(/reached my limit for this chat/);
    expect(spent.text).toMatch(/talk to a person/);
    expect(spent.quickReplies).toContain("Talk to a person");

    const usage = await app.database.db.aiUsageDaily.findFirst({ where: { shop: SHOP } });
    expect((usage?.tokensIn ?? 0) + (usage?.tokensOut ?? 0)).toBe(2 * TOKENS_PER_REPLY);
    const other = await startChat(app.url, SHOP, { ip: visitor() });
    expect((await ask(other, "Do you ship to Italy?")).text).toBe("Here is what I found.");
    expect(model.requests).toHaveLength(3);
  });

  test("a visitor cannot get round the budget by opening new conversations", async () => {
    const address = visitor();
    const first = await startChat(app.url, SHOP, { ip: address });
    await ask(first, "one");
    await ask(first, "two");
    const second = await startChat(app.url, SHOP, { ip: address });
    expect((await ask(second, "three")).text).toBe("Here is what I found.");
    const spent = await ask(second, "four");
    expect(spent.text).toMatch(/reached my limit/);
    expect(model.requests).toHaveLength(3);
    const third = await startChat(app.url, SHOP, { ip: address });
    expect((await ask(third, "five")).text).toMatch(/reached my limit/);
    expect(model.requests).toHaveLength(3);
  });
});
