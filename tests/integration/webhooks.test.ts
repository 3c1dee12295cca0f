/**
 * Shopify webhooks against the real built server (run `npx remix vite:build` first): requests are
 * signed with the official test helper, everything else is real (HTTP, Remix, Prisma, database).
 */
import { existsSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { setDb, type Db } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { startAppServer, type AppServer } from "../../server/app-server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";
import { deliverWebhook } from "./support/shopify-webhooks";
import { countShopRows, seedShop, snapshotShop, type SeededShop } from "./tenant-isolation/seed";

const SECRET = "webhook-test-secret";

// One server for the file; the app's database follows the database under test.
const current: { db?: Db } = {};
const routedDb = new Proxy({} as Db, {
  get(_target, prop) {
    const target = current.db as unknown as Record<string | symbol, unknown>;
    const value = target[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
});

let server: AppServer;
const databases = new Map<string, TestDatabase>();

beforeAll(async () => {
  if (!existsSync("build/server/index.js")) throw new Error("run `npx remix vite:build` before this test");
  for (const kind of databaseKinds) databases.set(kind, await createTestDatabase(kind));
  const first = databases.get(databaseKinds[0]!)!; // SQLite, unless TEST_DATABASE_KINDS keeps only PostgreSQL
  current.db = first.db;
  Object.assign(process.env, {
    SHOPIFY_API_KEY: "webhook-test-key",
    SHOPIFY_API_SECRET: SECRET,
    SHOPIFY_APP_URL: "http://localhost",
    DATABASE_URL: first.url,
    TANDEM_WORKER: "off",
  });
  resetEnvForTests();
  setDb(routedDb);
  server = await startAppServer({ port: 0, host: "127.0.0.1", worker: false });
});

afterAll(async () => {
  await server?.close();
  setDb(undefined);
  for (const t of databases.values()) await t.close();
});

function deliver(
  topic: string,
  shop: string,
  payload: unknown,
  { webhookId = randomUUID(), secret = SECRET }: { webhookId?: string; secret?: string } = {},
) {
  return deliverWebhook(server.url, topic, shop, payload, { webhookId, secret });
}

describe.each(databaseKinds)("Shopify webhooks on %s", (kind) => {
  let db: Db;
  let a: SeededShop;
  let b: SeededShop;

  beforeAll(() => {
    db = databases.get(kind)!.db;
  });
  beforeEach(async () => {
    current.db = db;
    const id = randomUUID().slice(0, 8);
    // Both shops have a customer 1001 with the same email: only the shop tells them apart.
    a = await seedShop(db, `a-${id}.myshopify.com`);
    b = await seedShop(db, `b-${id}.myshopify.com`);
  });

  const dataRequest = (shop: SeededShop, requestId = "9001") => ({
    shop_id: 1,
    shop_domain: shop.shop,
    orders_requested: [299938, 280263],
    customer: { id: Number(shop.customerId), email: shop.email, phone: "+39 555 0100" },
    data_request: { id: Number(requestId) },
  });

  test("customers/data_request stores an export of exactly that customer's chats and tickets", async () => {
    const sent = await deliver("customers/data_request", a.shop, dataRequest(a));
    expect(sent).toEqual({ status: 200, body: { ok: true, duplicate: false } });

    const stored = await db.dataRequest.findFirstOrThrow({ where: { shop: a.shop, requestId: "9001" } });
    expect(stored.customerId).toBe("1001");
    const doc = JSON.parse(stored.export) as {
      requestId: string;
      conversations: { id: string; messages: { id: string; text: string }[] }[];
      tickets: { id: string; comments: { body: string }[] }[];
    };
    expect(doc.requestId).toBe("9001");
    expect(doc.conversations.map((c) => c.id).sort()).toEqual([a.conversations.member, a.conversations.guest].sort());
    expect(doc.conversations.flatMap((c) => c.messages.map((m) => m.id)).sort()).toEqual(
      [...a.messages.member, ...a.messages.guest].sort(),
    );
    expect(doc.tickets.map((t) => t.id).sort()).toEqual([a.tickets.byEmail, a.tickets.linked].sort());
    expect(doc.tickets.flatMap((t) => t.comments.map((c) => c.body))).toEqual([
      expect.stringContaining("We are on it"),
    ]);
    // nothing of the other customer, of the other shop, or of operator-only notes
    const tagB = b.shop.split(".")[0]!;
    expect(stored.export).not.toContain(tagB);
    expect(stored.export).not.toContain("other customer");
    expect(stored.export).not.toContain(a.conversations.other);
    expect(stored.export).not.toContain("note)");
    expect(stored.export).not.toContain("visitorTokenHash");

    const audit = await db.auditLog.findMany({ where: { shop: a.shop, action: "data_request.exported" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).not.toContain(a.email);
    expect(await db.dataRequest.count({ where: { shop: b.shop, requestId: "9001" } })).toBe(0);
  });

  test("a repeated data_request delivery changes nothing", async () => {
    const webhookId = randomUUID();
    expect((await deliver("customers/data_request", a.shop, dataRequest(a), { webhookId })).status).toBe(200);
    const before = await snapshotShop(db, a.shop);
    const again = await deliver("customers/data_request", a.shop, dataRequest(a), { webhookId });
    expect(again).toEqual({ status: 200, body: { ok: true, duplicate: true } });
    expect(await snapshotShop(db, a.shop)).toEqual(before);
    expect(await db.dataRequest.count({ where: { shop: a.shop, requestId: "9001" } })).toBe(1);
  });

  test("a wrongly signed data_request gets 401 and stores nothing", async () => {
    const before = await snapshotShop(db, a.shop);
    const webhookId = randomUUID();
    const sent = await deliver("customers/data_request", a.shop, dataRequest(a), {
      secret: "not-the-secret",
      webhookId,
    });
    expect(sent.status).toBe(401);
    expect(await snapshotShop(db, a.shop)).toEqual(before);
    expect(await db.webhookReceipt.count({ where: { webhookId } })).toBe(0);
  });

  test("a signed data_request with a malformed payload gets 400 invalid_request and stores nothing", async () => {
    const before = await snapshotShop(db, a.shop);
    const sent = await deliver("customers/data_request", a.shop, { customer: { id: 1001 } });
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({ error: { code: "invalid_request" } });
    expect(await snapshotShop(db, a.shop)).toEqual(before);
  });

  test("customers/redact deletes that customer's chats and tickets and nothing else", async () => {
    const bBefore = await snapshotShop(db, b.shop);
    const payload = {
      shop_id: 1,
      shop_domain: a.shop,
      customer: { id: 1001, email: a.email, phone: null },
      orders_to_redact: [299938],
    };
    expect(await deliver("customers/redact", a.shop, payload)).toEqual({
      status: 200,
      body: { ok: true, duplicate: false },
    });

    const left = await db.conversation.findMany({ where: { shop: a.shop }, select: { id: true } });
    expect(left.map((c) => c.id)).toEqual([a.conversations.other]);
    expect(await db.message.count({ where: { shop: a.shop } })).toBe(a.messages.other.length);
    expect(await db.internalNote.count({ where: { shop: a.shop } })).toBe(0); // the note was on the member's chat
    const tickets = await db.ticket.findMany({ where: { shop: a.shop }, select: { id: true } });
    expect(tickets.map((t) => t.id)).toEqual([a.tickets.other]);
    // the question asked in the member's chat holds their words: deleted with it
    expect(await db.unansweredQuestion.findUnique({ where: { id: a.unansweredId } })).toBeNull();
    const audit = await db.auditLog.findMany({ where: { shop: a.shop, action: "customer.redacted" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.data!)).toMatchObject({ conversations: 2, tickets: 2 });
    // the other shop's customer 1001 with the same email is untouched
    expect(await snapshotShop(db, b.shop)).toEqual(bBefore);

    const webhookId = randomUUID();
    expect((await deliver("customers/redact", a.shop, payload, { webhookId })).status).toBe(200);
    const afterSecond = await snapshotShop(db, a.shop);
    expect(await deliver("customers/redact", a.shop, payload, { webhookId })).toEqual({
      status: 200,
      body: { ok: true, duplicate: true },
    });
    expect(await snapshotShop(db, a.shop)).toEqual(afterSecond);
  });

  test("customers/redact also deletes an export stored for that customer", async () => {
    await deliver("customers/data_request", a.shop, dataRequest(a));
    expect(await db.dataRequest.count({ where: { shop: a.shop, customerId: "1001" } })).toBe(1);
    await deliver("customers/redact", a.shop, { shop_domain: a.shop, customer: { id: 1001, email: a.email } });
    expect(await db.dataRequest.count({ where: { shop: a.shop, customerId: "1001" } })).toBe(0);
    expect(await db.dataRequest.count({ where: { shop: a.shop, customerId: "2002" } })).toBe(1);
  });

  test("a wrongly signed customers/redact gets 401 and deletes nothing", async () => {
    const before = await snapshotShop(db, a.shop);
    const payload = { shop_domain: a.shop, customer: { id: 1001, email: a.email } };
    expect((await deliver("customers/redact", a.shop, payload, { secret: "wrong" })).status).toBe(401);
    expect(await snapshotShop(db, a.shop)).toEqual(before);
  });

  test("shop/redact deletes every row of the shop in every table and nothing of another shop", async () => {
    const bBefore = await snapshotShop(db, b.shop);
    const counts = await countShopRows(db, a.shop);
    expect(Object.values(counts).every((n) => n > 0)).toBe(true); // the seed covers every table
    expect(await deliver("shop/redact", a.shop, { shop_id: 1, shop_domain: a.shop })).toEqual({
      status: 200,
      body: { ok: true, duplicate: false },
    });
    const after = await countShopRows(db, a.shop);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await snapshotShop(db, b.shop)).toEqual(bBefore);
    // a repeat delivery is harmless
    expect(await deliver("shop/redact", a.shop, { shop_id: 1, shop_domain: a.shop })).toEqual({
      status: 200,
      body: { ok: true, duplicate: true },
    });
  });

  test("a wrongly signed shop/redact gets 401 and deletes nothing", async () => {
    const before = await snapshotShop(db, a.shop);
    expect((await deliver("shop/redact", a.shop, { shop_domain: a.shop }, { secret: "wrong" })).status).toBe(401);
    expect(await snapshotShop(db, a.shop)).toEqual(before);
  });

  test("app/uninstalled removes the shop's sessions and marks it uninstalled, once", async () => {
    const bBefore = await snapshotShop(db, b.shop);
    const webhookId = randomUUID();
    expect((await deliver("app/uninstalled", a.shop, { id: 1, domain: a.shop }, { webhookId })).status).toBe(200);
    expect(await db.session.count({ where: { shop: a.shop } })).toBe(0);
    const marked = await db.shop.findUniqueOrThrow({ where: { shop: a.shop } });
    expect(marked.uninstalledAt).toBeInstanceOf(Date);
    expect(await db.conversation.count({ where: { shop: a.shop } })).toBe(3); // data stays until shop/redact
    const again = await deliver("app/uninstalled", a.shop, { id: 1, domain: a.shop }, { webhookId });
    expect(again.body).toEqual({ ok: true, duplicate: true });
    expect((await db.shop.findUniqueOrThrow({ where: { shop: a.shop } })).uninstalledAt).toEqual(marked.uninstalledAt);
    expect(await snapshotShop(db, b.shop)).toEqual(bBefore);
  });

  test("a wrongly signed app/uninstalled gets 401 and keeps the sessions", async () => {
    expect((await deliver("app/uninstalled", a.shop, { id: 1 }, { secret: "wrong" })).status).toBe(401);
    expect(await db.session.count({ where: { shop: a.shop } })).toBe(1);
  });

  test("app/scopes_update records the granted scopes on the shop and its sessions", async () => {
    const current = ["read_products", "read_orders", "write_app_proxy"];
    const sent = await deliver("app/scopes_update", a.shop, { id: 1, previous: ["read_products"], current });
    expect(sent.status).toBe(200);
    expect((await db.shop.findUniqueOrThrow({ where: { shop: a.shop } })).scopes).toBe(current.join(","));
    expect((await db.session.findUniqueOrThrow({ where: { id: a.sessionId } })).scope).toBe(current.join(","));
    expect((await db.shop.findUniqueOrThrow({ where: { shop: b.shop } })).scopes).toBe("read_products");
  });

  test("a webhook sent with another method than POST is refused and deletes nothing", async () => {
    const before = await snapshotShop(db, a.shop);
    expect((await fetch(`${server.url}/webhooks/shop/redact`, { method: "PUT" })).status).toBe(405);
    expect((await fetch(`${server.url}/webhooks/shop/redact`)).status).toBe(400);
    expect(await snapshotShop(db, a.shop)).toEqual(before);
  });
});
