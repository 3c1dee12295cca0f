/**
 * Finding 3 (high): a conversation belongs to whoever started it. A conversation started by signed-in
 * customer A kept A's identity, so messages signed as a guest or as customer B still got A's orders
 * through the assistant's `list_my_orders`. Now a conversation is bound to the signed
 * `logged_in_customer_id` it was created with (null for a guest): any other (or no) customer id gets
 * exactly the answer a wrong token gets, on every endpoint, in the Remix routes and on the hot path
 * (warm in-memory entry and cold), and the assistant only ever answers as the signed customer.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "../integration/support/proxy-server";
import { setResponder } from "../../app/domain/conversations/responder-registry.server";
import { forgetAllVersions } from "../../app/domain/versions.server";
import type { Responder } from "../../app/domain/responder";

const NOT_FOUND = { error: { code: "not_found", message: "conversation not found" } };
const ALICE = "7001";
const BOB = "7002";

/** Who the assistant was asked to answer as, per conversation. */
const askedAs = new Map<string, (string | null)[]>();
const recording: Responder = {
  async respond(input) {
    askedAs.set(input.conversationId, [...(askedAs.get(input.conversationId) ?? []), input.customerId]);
    return { text: "Noted." };
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

describe.each(databaseKinds)("a conversation is bound to its signed customer on %s", (kind) => {
  const shop = `bound-${kind}.myshopify.com`;
  let app: RunningApp;
  let ip = 0;
  const call = (path: string, c: Parameters<typeof proxyFetch>[3] = {}) => proxyFetch(app.url, shop, path, c);

  async function start(customerId: string) {
    const res = await call("/conversations", { body: { locale: "en" }, customerId, ip: `198.51.100.${++ip}` });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { conversation: { id: string }; visitorToken: string; cursor: number };
    return { id: body.conversation.id, token: body.visitorToken, cursor: body.cursor };
  }

  /** Every conversation endpoint, as `customerId` (the empty string is a guest) with `token`. */
  function everyEndpoint(id: string, token: string, customerId: string, cursor: number) {
    const c = `/conversations/${id}`;
    return {
      resume: () => call(c, { query: { token }, customerId }),
      "poll after 0": () => call(`${c}/poll`, { query: { token, after: "0" }, customerId }),
      "poll with an unchanged cursor": () => call(`${c}/poll`, { query: { token, after: String(cursor) }, customerId }),
      message: () =>
        call(`${c}/messages`, { body: { token, clientMessageId: `x-${customerId}`, text: "Hi" }, customerId }),
      "message asking for a person": () =>
        call(`${c}/messages`, {
          body: { token, clientMessageId: `p-${customerId}`, text: "I want to talk to a person" },
          customerId,
        }),
      escalate: () => call(`${c}/escalate`, { body: { token }, customerId }),
      contact: () => call(`${c}/contact`, { body: { token, email: "someone@example.com" }, customerId }),
      rating: () => call(`${c}/rating`, { body: { token, score: 1 }, customerId }),
      close: () => call(`${c}/close`, { body: { token }, customerId }),
    };
  }

  async function answers(calls: Record<string, () => Promise<Response>>) {
    const out: Record<string, { status: number; body: unknown }> = {};
    for (const [name, fn] of Object.entries(calls)) {
      const res = await fn();
      const text = await res.text();
      out[name] = { status: res.status, body: text ? JSON.parse(text) : null };
    }
    return out;
  }

  async function observable(id: string) {
    const row = await app.database.db.conversation.findUniqueOrThrow({ where: { id } });
    return {
      state: row.state,
      offline: row.offline,
      rating: row.rating,
      contactEmail: row.contactEmail,
      version: row.version,
      messages: await app.database.db.message.count({ where: { conversationId: id } }),
      tickets: await app.database.db.ticket.count({ where: { shop } }),
    };
  }

  beforeAll(async () => {
    setResponder(recording);
    app = await startTestApp(kind);
    await installShop(app.database.db, shop);
  });
  afterAll(async () => {
    setResponder(undefined);
    await app?.close();
  });

  test("a signed-in customer's conversation answers a guest and another customer with the wrong token's 404 on every endpoint, and nothing changes", async () => {
    const alice = await start(ALICE);
    // Alice polls first: the hot path now holds her conversation in memory.
    expect(
      (await call(`/conversations/${alice.id}/poll`, { query: { token: alice.token, after: "0" }, customerId: ALICE }))
        .status,
    ).toBe(200);
    const before = await observable(alice.id);

    const wrongToken = await answers(everyEndpoint(alice.id, "w".repeat(32), ALICE, alice.cursor));
    const expected = Object.fromEntries(Object.keys(wrongToken).map((k) => [k, { status: 404, body: NOT_FOUND }]));
    expect(wrongToken).toEqual(expected);
    for (const customerId of ["", BOB]) {
      expect(await answers(everyEndpoint(alice.id, alice.token, customerId, alice.cursor))).toEqual(expected);
      // Cold: the entry is loaded from the database again.
      forgetAllVersions();
      expect(await answers(everyEndpoint(alice.id, alice.token, customerId, alice.cursor))).toEqual(expected);
    }
    expect(await observable(alice.id)).toEqual(before);
    expect(askedAs.get(alice.id)).toBeUndefined();

    // Alice herself still has her conversation.
    const resumed = await call(`/conversations/${alice.id}`, { query: { token: alice.token }, customerId: ALICE });
    expect(resumed.status).toBe(200);
  });

  test("a guest's conversation answers a signed-in customer with the same 404, and the guest as before", async () => {
    const guest = await start("");
    const asAlice = await answers(everyEndpoint(guest.id, guest.token, ALICE, guest.cursor));
    for (const answer of Object.values(asAlice)) expect(answer).toEqual({ status: 404, body: NOT_FOUND });
    const mine = await call(`/conversations/${guest.id}/poll`, { query: { token: guest.token, after: "0" } });
    expect(mine.status).toBe(200);
    const sent = await call(`/conversations/${guest.id}/messages`, {
      body: { token: guest.token, clientMessageId: "g-1", text: "Hello" },
    });
    expect(sent.status).toBe(201);
    await waitFor(async () => askedAs.get(guest.id));
    expect(askedAs.get(guest.id)).toEqual([null]);
  });

  test("the assistant answers as the customer who signed the message; messages signed as a guest or another customer never reach it", async () => {
    const alice = await start(ALICE);
    for (const customerId of ["", BOB]) {
      const res = await call(`/conversations/${alice.id}/messages`, {
        body: { token: alice.token, clientMessageId: `intruder-${customerId}`, text: "List my orders" },
        customerId,
      });
      expect(res.status).toBe(404);
    }
    const own = await call(`/conversations/${alice.id}/messages`, {
      body: { token: alice.token, clientMessageId: "alice-1", text: "List my orders" },
      customerId: ALICE,
    });
    expect(own.status).toBe(201);
    await waitFor(async () => askedAs.get(alice.id));
    // Nothing else is queued for this conversation: only Alice's message was answered, as Alice.
    await waitFor(
      async () => (await app.database.db.job.count({ where: { shop, status: { in: ["pending", "running"] } } })) === 0,
    );
    expect(askedAs.get(alice.id)).toEqual([ALICE]);
    expect(
      await app.database.db.message.findMany({
        where: { conversationId: alice.id, role: "shopper" },
        select: { clientMessageId: true },
      }),
    ).toEqual([{ clientMessageId: "alice-1" }]);
  });
});
