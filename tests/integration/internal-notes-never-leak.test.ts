/**
 * Internal notes never leave the admin: after operators add notes (directly and with a transfer, on
 * the chat and on the ticket made from it), every widget API endpoint is called over HTTP on the real
 * server, with requests signed like Shopify's App Proxy, and no response contains a note's text.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { addNote, takeOver, operatorReply } from "~/domain/conversations/operator.server";
import { acceptTransfer, requestTransfer } from "~/domain/conversations/transfers.server";
import { addTicketNote, replyToTicket } from "~/domain/tickets.server";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "./support/proxy-server";
import { databaseKinds } from "../helpers/db";

const SHOP = "notes-test.myshopify.com";
const SECRET = "NOTE-7f3a9c-never-shown";

describe.each(databaseKinds)("internal notes on %s", (kind) => {
  let app: RunningApp;
  const bodies: { path: string; status: number; text: string }[] = [];

  async function call(path: string, options: Parameters<typeof proxyFetch>[3] = {}) {
    const res = await proxyFetch(app.url, SHOP, path, { customerId: "7003", ip: "203.0.113.77", ...options });
    const text = res.status === 204 ? "" : await res.text();
    bodies.push({ path, status: res.status, text });
    return { status: res.status, json: () => JSON.parse(text) as Record<string, unknown> };
  }

  beforeAll(async () => {
    bodies.length = 0;
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, SHOP, { routingMode: "manual" });
  });
  afterAll(async () => {
    await app?.close();
  });

  test("no widget API response contains an internal note", async () => {
    const db = app.database.db;
    const anna = await db.operator.create({
      data: { shop: SHOP, staffUserId: "90001", name: "Anna Ferri", presence: "online", lastSeenAt: new Date() },
    });
    const luca = await db.operator.create({
      data: { shop: SHOP, staffUserId: "90002", name: "Luca Moretti", presence: "online", lastSeenAt: new Date() },
    });

    const created = await call("/conversations", {
      body: { locale: "en", pageUrl: "https://shop.example/products/x" },
    });
    expect(created.status).toBe(201);
    const { conversation, visitorToken } = created.json() as { conversation: { id: string }; visitorToken: string };
    const id = conversation.id;
    const token = visitorToken;

    await call(`/conversations/${id}/messages`, {
      body: { token, clientMessageId: "m1", text: "Where is my order #1003?" },
    });
    const escalated = await call(`/conversations/${id}/escalate`, { body: { token, reason: "wants a person" } });
    expect((escalated.json().conversation as { state: string }).state).toBe("queued");

    await takeOver(SHOP, id, anna);
    await addNote(SHOP, id, anna, `${SECRET} customer is a VIP`);
    await operatorReply(SHOP, id, anna, "Hi, I am Anna. Let me check your order.");
    await requestTransfer(SHOP, id, anna, luca.id, `${SECRET} please refund the shipping`);
    await acceptTransfer(SHOP, id, luca);
    await addNote(SHOP, id, luca, `${SECRET} refund approved`);
    expect(await db.internalNote.count({ where: { shop: SHOP, conversationId: id, text: { contains: SECRET } } })).toBe(
      3,
    );

    // every endpoint of the widget API, as the shopper
    await call(`/conversations/${id}`, { query: { token } });
    await call(`/conversations/${id}/poll`, { query: { token, after: "0" } });
    await call(`/conversations/${id}/poll`, { query: { token, after: "1" } });
    await call(`/conversations/${id}/messages`, { body: { token, clientMessageId: "m2", text: "Thanks!" } });
    await call(`/conversations/${id}/messages`, { body: { token, clientMessageId: "m2", text: "Thanks!" } });
    await call(`/conversations/${id}/escalate`, { body: { token } });
    await call(`/conversations/${id}/contact`, { body: { token, email: "emma.schmidt@example.com", name: "Emma" } });
    await call("/config");
    await call(`/conversations/${id}/close`, { body: { token } });
    await call(`/conversations/${id}/rating`, { body: { token, score: 5, comment: "great" } });
    await call(`/conversations/${id}/poll`, { query: { token, after: "0" } });
    const tickets = await db.ticket.findMany({ where: { shop: SHOP }, select: { id: true, number: true } });
    expect(tickets.length, "the contact form made a ticket").toBeGreaterThan(0);
    for (const t of tickets) {
      // the ticket's own notes, next to a public reply the shopper is meant to see
      await addTicketNote(SHOP, t.id, `${SECRET} ticket: carrier claim filed`, luca);
      await replyToTicket(SHOP, t.id, "We are on it.", luca);
      await addTicketNote(SHOP, t.id, `${SECRET} ticket: refund if lost`, anna);
    }
    expect(
      await db.internalNote.count({ where: { shop: SHOP, ticketId: { not: null }, text: { contains: SECRET } } }),
    ).toBe(2 * tickets.length);
    for (const t of tickets) {
      const lookup = await call(`/tickets/T-${t.number}`, { query: { email: "emma.schmidt@example.com" } });
      expect(lookup.status, "the shopper's lookup answers").toBe(200);
    }
    await call(`/conversations/${id}/poll`, { query: { token, after: "0" } });

    const transcript = bodies.find((b) => b.path === `/conversations/${id}/poll` && b.text.includes("Anna"));
    expect(transcript, "the poll returned the operator's reply (the test reads real transcripts)").toBeDefined();
    expect(bodies.length).toBeGreaterThanOrEqual(13);
    for (const b of bodies) {
      expect(b.status, `${b.path} answered`).toBeLessThan(500);
      expect(b.text, `${b.path} leaked an internal note`).not.toContain(SECRET);
      expect(b.text).not.toMatch(/refund approved|customer is a VIP|refund the shipping|carrier claim|refund if lost/);
    }
  });
});
