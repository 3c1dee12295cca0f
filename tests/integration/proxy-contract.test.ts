/**
 * The widget API contract (ARCHITECTURE.md, docs/api/proxy.md) against the real server over HTTP,
 * with requests signed as Shopify's App Proxy signs them.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { LIMITS } from "../../app/domain/conversations/rate-limits.server";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "./support/proxy-server";
import { setResponder } from "../../app/domain/conversations/responder-registry.server";
import type { Responder } from "../../app/domain/responder";

const scripted: Responder = {
  async respond(input, sink) {
    await sink.update("Let me check");
    return { text: `Scripted answer to: ${input.text}`, quickReplies: ["Thanks"] };
  },
};

async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(databaseKinds)("widget API contract on %s", (kind) => {
  const shop = `contract-${kind}.myshopify.com`;
  const otherShop = `contract-other-${kind}.myshopify.com`;
  let app: RunningApp;
  const call = (path: string, c: Parameters<typeof proxyFetch>[3] = {}, s = shop) => proxyFetch(app.url, s, path, c);
  let ipCounter = 0;
  const freshIp = () => `198.51.100.${++ipCounter}`;
  const start = async (
    body: Record<string, unknown> = { locale: "en" },
    extra: Parameters<typeof proxyFetch>[3] = {},
  ) => {
    const res = await call("/conversations", { body, ip: freshIp(), ...extra });
    expect(res.status).toBe(201);
    return (await res.json()) as {
      conversation: { id: string; state: string };
      visitorToken: string;
      cursor: number;
      messages: unknown[];
    };
  };

  beforeAll(async () => {
    setResponder(scripted);
    app = await startTestApp(kind);
    await installShop(app.database.db, shop);
    await installShop(app.database.db, otherShop);
  });
  afterAll(async () => {
    setResponder(undefined);
    await app?.close();
  });

  test("a request without a valid signature is refused with 400 before anything else", async () => {
    const res = await fetch(
      `${app.url}/proxy/conversations?shop=${shop}&timestamp=${Math.floor(Date.now() / 1000)}&signature=deadbeef`,
      {
        method: "POST",
        body: "{}",
      },
    );
    expect(res.status).toBe(400);
    const poll = await fetch(`${app.url}/proxy/conversations/abc/poll?shop=${shop}&timestamp=1&signature=00&token=x`);
    expect(poll.status).toBe(400);
  });

  test("a shop without an offline session answers not_installed on every endpoint", async () => {
    for (const [path, c] of [
      ["/conversations", { body: {} }],
      ["/config", {}],
      ["/conversations/x/poll", { query: { token: "t".repeat(32), after: "0" } }],
    ] as const) {
      const res = await call(path, c, `not-installed-${kind}.myshopify.com`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "not_installed", message: expect.any(String) } });
    }
  });

  test("create answers 201 with conversation, visitorToken, messages and cursor, no-store", async () => {
    const res = await call("/conversations", {
      body: { locale: "it", pageUrl: "https://shop.example/products/a" },
      ip: freshIp(),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toMatchObject({
      conversation: { id: expect.any(String), state: "ai", online: false, createdAt: expect.any(String) },
      messages: [],
      cursor: 1,
    });
    expect(Buffer.from(body.visitorToken, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    const row = await app.database.db.conversation.findUniqueOrThrow({ where: { id: body.conversation.id } });
    expect(row.visitorTokenHash).not.toContain(body.visitorToken);
    expect(row.customerId).toBeNull();
  });

  test("the customer id comes only from the signed logged_in_customer_id", async () => {
    const res = await call("/conversations", {
      body: { locale: "en", customerId: "999" },
      customerId: "7001",
      ip: freshIp(),
    });
    const body = await res.json();
    const row = await app.database.db.conversation.findUniqueOrThrow({ where: { id: body.conversation.id } });
    expect(row.customerId).toBe("7001");
  });

  test("the pre-chat form's details are stored as contact details; an invalid email is 422 and creates nothing", async () => {
    const res = await call("/conversations", {
      body: {
        locale: "en",
        visitor: { name: " Noah Martin ", email: "Noah.Martin@Example.com", phone: "+33 6 12 34 56 78" },
      },
      ip: freshIp(),
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    const row = await app.database.db.conversation.findUniqueOrThrow({ where: { id: body.conversation.id } });
    expect([row.contactName, row.contactEmail, row.contactPhone]).toEqual([
      "Noah Martin",
      "noah.martin@example.com",
      "+33 6 12 34 56 78",
    ]);

    const before = await app.database.db.conversation.count();
    const bad = await call("/conversations", { body: { visitor: { email: "not-an-email" } }, ip: freshIp() });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.code).toBe("invalid_request");
    expect(await app.database.db.conversation.count()).toBe(before);
  });

  test("send is idempotent on clientMessageId: 201 then 200 with the same message, one row", async () => {
    const c = await start();
    const path = `/conversations/${c.conversation.id}/messages`;
    const first = await call(path, {
      body: { token: c.visitorToken, clientMessageId: "m-1", text: "  Hello\u0007 there  " },
    });
    expect(first.status).toBe(201);
    const a = await first.json();
    expect(a.message).toMatchObject({ role: "shopper", text: "Hello there", status: "final" });
    const again = await call(path, { body: { token: c.visitorToken, clientMessageId: "m-1", text: "Hello there" } });
    expect(again.status).toBe(200);
    expect((await again.json()).message.id).toBe(a.message.id);
    expect(await app.database.db.message.count({ where: { conversationId: c.conversation.id, role: "shopper" } })).toBe(
      1,
    );
  });

  test("the reply job answers through the Responder and a poll shows it, with the cursor advancing", async () => {
    const c = await start();
    const sent = await call(`/conversations/${c.conversation.id}/messages`, {
      body: { token: c.visitorToken, clientMessageId: "q1", text: "Do you ship to Italy?" },
    });
    expect(sent.status).toBe(201);
    const reply = await waitFor(async () => {
      const res = await call(`/conversations/${c.conversation.id}/poll`, {
        query: { token: c.visitorToken, after: "1" },
      });
      if (res.status !== 200) return null;
      const body = await res.json();
      return body.messages.find((m: { role: string; status: string }) => m.role === "ai" && m.status === "final")
        ? body
        : null;
    });
    const ai = reply.messages.find((m: { role: string }) => m.role === "ai");
    expect(ai).toMatchObject({ text: "Scripted answer to: Do you ship to Italy?", quickReplies: ["Thanks"] });
    const nothing = await call(`/conversations/${c.conversation.id}/poll`, {
      query: { token: c.visitorToken, after: String(reply.cursor) },
    });
    expect(nothing.status).toBe(204);
    expect(nothing.headers.get("cache-control")).toBe("no-store");
    expect(await app.database.db.message.count({ where: { conversationId: c.conversation.id, role: "ai" } })).toBe(1);
  });

  test("an unchanged cursor is answered from the in-process version map without reading the database", async () => {
    const c = await start();
    const poll = (after: number) =>
      call(`/conversations/${c.conversation.id}/poll`, { query: { token: c.visitorToken, after: String(after) } });
    expect((await poll(c.cursor)).status).toBe(204);
    // Remove the row behind the server's back: only a database read could notice.
    await app.database.db.conversation.delete({ where: { id: c.conversation.id } });
    expect((await poll(c.cursor)).status).toBe(204);
    // A changed cursor reads the database (and finds nothing).
    expect((await poll(c.cursor - 1)).status).toBe(404);
  });

  test("a poll with a malformed cursor is 422 invalid_request", async () => {
    const c = await start();
    const res = await call(`/conversations/${c.conversation.id}/poll`, {
      query: { token: c.visitorToken, after: "abc" },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("invalid_request");
  });

  test("resume returns the whole conversation for the right token", async () => {
    const c = await start();
    await call(`/conversations/${c.conversation.id}/messages`, {
      body: { token: c.visitorToken, clientMessageId: "r1", text: "hi" },
    });
    const res = await call(`/conversations/${c.conversation.id}`, { query: { token: c.visitorToken } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.conversation.id).toBe(c.conversation.id);
    expect(body.messages[0]).toMatchObject({ role: "shopper", text: "hi" });
    expect(body.cursor).toBeGreaterThanOrEqual(2);
  });

  test("a wrong token, an unknown conversation and another shop's conversation all answer the same 404", async () => {
    const c = await start();
    const answers = await Promise.all([
      call(`/conversations/${c.conversation.id}`, { query: { token: "x".repeat(32) } }),
      call(`/conversations/does-not-exist`, { query: { token: c.visitorToken } }),
      call(`/conversations/${c.conversation.id}`, { query: { token: c.visitorToken } }, otherShop),
      call(`/conversations/${c.conversation.id}/poll`, { query: { token: "x".repeat(32), after: "0" } }),
      call(`/conversations/${c.conversation.id}/poll`, { query: { token: c.visitorToken, after: "0" } }, otherShop),
      call(`/conversations/does-not-exist/poll`, { query: { token: c.visitorToken, after: "0" } }),
      call(`/conversations/${c.conversation.id}/messages`, {
        body: { token: "y".repeat(32), clientMessageId: "z", text: "hi" },
      }),
    ]);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    for (const [i, r] of answers.entries()) {
      expect(r.status).toBe(404);
      expect(JSON.parse(bodies[i]!)).toEqual({ error: { code: "not_found", message: "conversation not found" } });
    }
  });

  test("text rules: empty after trimming or over 2,000 characters is 422 invalid_request; bodies over 16 KB are 413", async () => {
    const c = await start();
    const path = `/conversations/${c.conversation.id}/messages`;
    const empty = await call(path, { body: { token: c.visitorToken, clientMessageId: "e", text: " \u0000\u0001  " } });
    expect(empty.status).toBe(422);
    expect((await empty.json()).error.code).toBe("invalid_request");
    const long = await call(path, { body: { token: c.visitorToken, clientMessageId: "l", text: "a".repeat(2001) } });
    expect(long.status).toBe(422);
    const ok = await call(path, { body: { token: c.visitorToken, clientMessageId: "ok", text: "a".repeat(2000) } });
    expect(ok.status).toBe(201);
    const huge = await call(path, {
      rawBody: JSON.stringify({ token: c.visitorToken, clientMessageId: "h", text: "a".repeat(17_000) }),
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe("too_large");
    const malformed = await call(path, { rawBody: "{not json" });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe("invalid_request");
    expect(await app.database.db.message.count({ where: { conversationId: c.conversation.id, role: "shopper" } })).toBe(
      1,
    );
  });

  test("the 21st message in a minute from one visitor is 429 rate_limited with Retry-After", async () => {
    const c = await start();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) {
      last = await call(`/conversations/${c.conversation.id}/messages`, {
        body: { token: c.visitorToken, clientMessageId: `rl-${i}`, text: `message ${i}` },
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await last!.json()).error.code).toBe("rate_limited");
  });

  test("the 6th new conversation in 10 minutes from one IP is 429 with Retry-After", async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await call("/conversations", { body: {}, ip: "192.0.2.99, 10.0.0.1" });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    const otherIp = await call("/conversations", { body: {}, ip: "192.0.2.100" });
    expect(otherIp.status).toBe(201);
  });

  test("escalate with nobody available asks for contact details; contact creates ticket T-1001 that the shopper can look up", async () => {
    const c = await start();
    await call(`/conversations/${c.conversation.id}/messages`, {
      body: { token: c.visitorToken, clientMessageId: "o1", text: "My order is late" },
    });
    const esc = await call(`/conversations/${c.conversation.id}/escalate`, { body: { token: c.visitorToken } });
    expect(esc.status).toBe(200);
    expect((await esc.json()).conversation).toMatchObject({ state: "ai", offline: true, online: false });
    const contact = await call(`/conversations/${c.conversation.id}/contact`, {
      body: { token: c.visitorToken, email: "Emma@Example.com", name: "Emma" },
    });
    expect(contact.status).toBe(201);
    const { ticket } = await contact.json();
    expect(ticket.number).toMatch(/^T-10\d\d$/);
    const row = await app.database.db.ticket.findFirstOrThrow({ where: { shop, conversationId: c.conversation.id } });
    expect(row.source).toBe("offline_chat");
    expect(JSON.parse(row.transcript ?? "[]").some((l: { text: string }) => l.text === "My order is late")).toBe(true);
    const found = await call(`/tickets/${ticket.number}`, { query: { email: "emma@example.com" } });
    expect(found.status).toBe(200);
    expect((await found.json()).ticket).toMatchObject({
      number: ticket.number,
      status: "open",
      updatedAt: expect.any(String),
    });
    const wrong = await call(`/tickets/${ticket.number}`, { query: { email: "someone@example.com" } });
    expect(wrong.status).toBe(404);
    expect((await wrong.json()).error.code).toBe("not_found");
    const otherShopLookup = await call(
      `/tickets/${ticket.number}`,
      { query: { email: "emma@example.com" } },
      otherShop,
    );
    expect(otherShopLookup.status).toBe(404);
  });

  test("once the contact details are in, the conversation stops asking for them; asking again gives the same ticket", async () => {
    const c = await start();
    const id = c.conversation.id;
    await call(`/conversations/${id}/escalate`, { body: { token: c.visitorToken } });
    const first = await call(`/conversations/${id}/contact`, {
      body: { token: c.visitorToken, email: "mia@example.com" },
    });
    const { ticket } = await first.json();
    const resumed = await call(`/conversations/${id}`, { query: { token: c.visitorToken } });
    const afterContact = (await resumed.json()).conversation;
    expect(afterContact.state).toBe("ai");
    expect(afterContact.offline).toBeUndefined();

    const again = await call(`/conversations/${id}/escalate`, { body: { token: c.visitorToken } });
    expect((await again.json()).conversation).toMatchObject({ state: "ai", offline: true });
    const before = (await (await call(`/conversations/${id}`, { query: { token: c.visitorToken } })).json()).cursor;
    const second = await call(`/conversations/${id}/contact`, {
      body: { token: c.visitorToken, email: "mia@example.com" },
    });
    expect(second.status).toBe(201);
    expect((await second.json()).ticket.number).toBe(ticket.number);
    const poll = await call(`/conversations/${id}/poll`, { query: { token: c.visitorToken, after: String(before) } });
    expect(poll.status).toBe(200);
    expect((await poll.json()).conversation.offline).toBeUndefined();
    expect(await app.database.db.ticket.count({ where: { shop, conversationId: id } })).toBe(1);
  });

  test("a ticket lookup shows the public replies oldest first, never internal notes or system entries", async () => {
    const db = app.database.db;
    const c = await start();
    await call(`/conversations/${c.conversation.id}/escalate`, { body: { token: c.visitorToken } });
    const contact = await call(`/conversations/${c.conversation.id}/contact`, {
      body: { token: c.visitorToken, email: "noah@example.com", message: "My skis arrived scratched" },
    });
    const { ticket } = await contact.json();
    const row = await db.ticket.findFirstOrThrow({ where: { shop, conversationId: c.conversation.id } });
    const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, s));
    await db.ticketComment.create({
      data: { shop, ticketId: row.id, authorType: "requester", body: "Photos attached", createdAt: at(2) },
    });
    await db.ticketComment.create({
      data: {
        shop,
        ticketId: row.id,
        authorType: "operator",
        authorName: "Anna Ferri",
        body: "Sorry! A new pair is on its way.",
        createdAt: at(1),
      },
    });
    await db.ticketComment.create({
      data: { shop, ticketId: row.id, authorType: "system", body: "status changed to pending", createdAt: at(3) },
    });
    await db.internalNote.create({
      data: { shop, ticketId: row.id, authorName: "Anna", text: "refund without asking" },
    });

    const res = await call(`/tickets/${ticket.number}`, { query: { email: "Noah@Example.com" }, ip: freshIp() });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toMatch(/refund without asking|status changed/);
    expect(JSON.parse(body).ticket).toEqual({
      number: ticket.number,
      status: "open",
      updatedAt: expect.any(String),
      replies: [
        { from: "team", name: "Anna Ferri", text: "Sorry! A new pair is on its way.", createdAt: at(1).toISOString() },
        { from: "you", text: "Photos attached", createdAt: at(2).toISOString() },
      ],
    });
  });

  test("ticket lookups past the hourly allowance of one IP are 429 rate_limited with Retry-After", async () => {
    const ip = freshIp();
    const allowance = LIMITS.ticketLookupsPerVisitor.points;
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i <= allowance; i++) {
      last = await call(`/tickets/T-${9000 + i}`, { query: { email: "guess@example.com" }, ip });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, allowance)).toEqual(Array(allowance).fill(404));
    expect(statuses[allowance]).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await last!.json()).error.code).toBe("rate_limited");
    const malformed = await call("/tickets/ABC", { query: { email: "guess@example.com" }, ip: freshIp() });
    expect(malformed.status).toBe(422);
  });

  test("escalate inside business hours with an operator online queues and auto-assigns", async () => {
    const onlineShop = `contract-online-${kind}.myshopify.com`;
    await installShop(app.database.db, onlineShop);
    await app.database.db.operator.create({
      data: { shop: onlineShop, staffUserId: "1", name: "Anna Ferri", presence: "online", lastSeenAt: new Date() },
    });
    const res = await call("/conversations", { body: {}, ip: freshIp() }, onlineShop);
    const c = await res.json();
    const esc = await call(
      `/conversations/${c.conversation.id}/escalate`,
      { body: { token: c.visitorToken, reason: "question about sizes" } },
      onlineShop,
    );
    expect(esc.status).toBe(200);
    expect((await esc.json()).conversation).toMatchObject({
      state: "assigned",
      operator: { name: "Anna Ferri" },
      online: true,
    });
  });

  test("asking for a person in a message escalates instead of calling the AI", async () => {
    const c = await start();
    await call(`/conversations/${c.conversation.id}/messages`, {
      body: { token: c.visitorToken, clientMessageId: "h1", text: "Vorrei parlare con un operatore" },
    });
    const row = await app.database.db.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } });
    expect(row.offline).toBe(true);
    expect(
      await app.database.db.job.count({
        where: { type: "conversation.reply", payload: { contains: c.conversation.id } },
      }),
    ).toBe(0);
  });

  test("rating accepts 1..5 and refuses 6; close answers the closed conversation", async () => {
    const c = await start();
    const close = await call(`/conversations/${c.conversation.id}/close`, { body: { token: c.visitorToken } });
    expect(close.status).toBe(200);
    expect((await close.json()).conversation.state).toBe("closed");
    const bad = await call(`/conversations/${c.conversation.id}/rating`, { body: { token: c.visitorToken, score: 6 } });
    expect(bad.status).toBe(422);
    const good = await call(`/conversations/${c.conversation.id}/rating`, {
      body: { token: c.visitorToken, score: 5, comment: "great" },
    });
    expect(good.status).toBe(200);
    const row = await app.database.db.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } });
    expect(row).toMatchObject({ state: "closed", closeReason: "closed_by_shopper", rating: 5 });
    // the rating is in the conversation's history (by the shopper) and in the change feed, once each
    const history = await app.database.db.conversationEvent.findMany({
      where: { conversationId: c.conversation.id, type: "rated" },
    });
    expect(history).toMatchObject([{ actorType: "shopper", fromState: "closed", toState: "closed" }]);
    expect(JSON.parse(history[0]!.data!)).toEqual({ score: 5 });
    expect(
      await app.database.db.domainEvent.count({ where: { conversationId: c.conversation.id, type: "rating.created" } }),
    ).toBe(1);
    const send = await call(`/conversations/${c.conversation.id}/messages`, {
      body: { token: c.visitorToken, clientMessageId: "after-close", text: "hello?" },
    });
    expect(send.status).toBe(409);
    expect((await send.json()).error.code).toBe("conflict");
  });

  test("config answers online, greeting, the shop's time zone and features", async () => {
    await app.database.db.shop.update({
      where: { shop },
      data: { greeting: "Welcome to the contract store!", timezone: "Europe/Rome" },
    });
    const res = await call("/config");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({
      online: false,
      greeting: "Welcome to the contract store!",
      timezone: "Europe/Rome",
      features: { handoff: true },
    });
  });
});
