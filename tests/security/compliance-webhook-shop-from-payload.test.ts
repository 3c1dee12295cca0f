/**
 * Finding 7 (critical): a compliance webhook's shop comes from the signed payload. The HMAC covers
 * the body only, so a body validly signed for shop A, replayed with shop B in
 * `X-Shopify-Shop-Domain`, must delete nothing, export nothing and record nothing for either shop.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { API_SECRET, startTestApp, type RunningApp } from "../integration/support/proxy-server";
import { deliverWebhook } from "../integration/support/shopify-webhooks";
import { seedShop, snapshotShop, type SeededShop } from "../integration/tenant-isolation/seed";

describe.each(databaseKinds)("compliance webhooks take the shop from the signed payload on %s", (kind) => {
  let app: RunningApp;
  let a: SeededShop;
  let b: SeededShop;

  beforeAll(async () => {
    app = await startTestApp(kind, { worker: false });
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    const id = randomUUID().slice(0, 8);
    a = await seedShop(app.database.db, `payload-a-${id}.myshopify.com`);
    b = await seedShop(app.database.db, `payload-b-${id}.myshopify.com`);
  });

  const send = (topic: string, headerShop: string, payload: unknown, webhookId = randomUUID()) =>
    deliverWebhook(app.url, topic, headerShop, payload, { secret: API_SECRET, webhookId });

  async function expectUntouched(before: Record<string, Record<string, string>>, webhookId: string) {
    for (const shop of [a.shop, b.shop]) expect(await snapshotShop(app.database.db, shop)).toEqual(before[shop]);
    expect(await app.database.db.webhookReceipt.count({ where: { webhookId } })).toBe(0);
  }

  async function snapshots() {
    return {
      [a.shop]: await snapshotShop(app.database.db, a.shop),
      [b.shop]: await snapshotShop(app.database.db, b.shop),
    };
  }

  test("customers/redact signed for one shop and sent with another shop's header gets 401 and deletes nothing", async () => {
    const before = await snapshots();
    const webhookId = randomUUID();
    const sent = await send(
      "customers/redact",
      b.shop,
      { shop_id: 1, shop_domain: a.shop, customer: { id: 1001, email: a.email }, orders_to_redact: [] },
      webhookId,
    );
    expect(sent).toMatchObject({ status: 401, body: { error: { code: "shop_mismatch" } } });
    await expectUntouched(before, webhookId);
  });

  test("shop/redact signed for one shop and sent with another shop's header gets 401 and deletes nothing", async () => {
    const before = await snapshots();
    const webhookId = randomUUID();
    const sent = await send("shop/redact", b.shop, { shop_id: 1, shop_domain: a.shop }, webhookId);
    expect(sent).toMatchObject({ status: 401, body: { error: { code: "shop_mismatch" } } });
    await expectUntouched(before, webhookId);
  });

  test("customers/data_request signed for one shop and sent with another shop's header gets 401 and exports nothing", async () => {
    const before = await snapshots();
    const webhookId = randomUUID();
    const sent = await send(
      "customers/data_request",
      b.shop,
      {
        shop_id: 1,
        shop_domain: a.shop,
        customer: { id: 1001, email: a.email },
        orders_requested: [],
        data_request: { id: 9100 },
      },
      webhookId,
    );
    expect(sent).toMatchObject({ status: 401, body: { error: { code: "shop_mismatch" } } });
    await expectUntouched(before, webhookId);
    expect(await app.database.db.dataRequest.count({ where: { requestId: "9100" } })).toBe(0);
  });

  test("a compliance payload without shop_domain gets 400 invalid_request and deletes nothing", async () => {
    const before = await snapshots();
    const webhookId = randomUUID();
    const redact = await send("customers/redact", b.shop, { customer: { id: 1001, email: b.email } }, webhookId);
    expect(redact).toMatchObject({ status: 400, body: { error: { code: "invalid_request" } } });
    const shopRedact = await send("shop/redact", b.shop, { shop_id: 1 }, webhookId);
    expect(shopRedact).toMatchObject({ status: 400, body: { error: { code: "invalid_request" } } });
    await expectUntouched(before, webhookId);
  });

  test("the same signed shop in payload and header is honoured: customers/redact deletes that shop's customer only", async () => {
    const bBefore = await snapshotShop(app.database.db, b.shop);
    const sent = await send("customers/redact", a.shop, {
      shop_id: 1,
      shop_domain: a.shop,
      customer: { id: 1001, email: a.email },
    });
    expect(sent).toEqual({ status: 200, body: { ok: true, duplicate: false } });
    expect(await app.database.db.conversation.count({ where: { shop: a.shop } })).toBe(1);
    expect(await snapshotShop(app.database.db, b.shop)).toEqual(bBefore);
  });
});
