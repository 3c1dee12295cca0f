/**
 * Outbound webhooks from the change feed to a real local receiver that verifies the Standard
 * Webhooks signature with the library: signing and envelope, retries with backoff and dead letters
 * on a frozen clock, replay, ordering per conversation, private-address refusal, disabling an
 * endpoint that fails for days, test send. SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { setDb } from "../../../app/db.server";
import { resetEnvForTests } from "../../../app/env.server";
import { appendEvent, type DomainEventInput } from "../../../app/domain/events.server";
import {
  createEndpoint,
  EndpointInputError,
  setEndpointEnabled,
} from "../../../app/integrations/webhooks/endpoints.server";
import { runWebhooks } from "../../../app/integrations/jobs.server";
import { TURN_MS } from "../../../app/db/sqlite-serialized.server";
import { DISABLE_AFTER_MS, RETRY_DELAYS_MS } from "../../../app/integrations/webhooks/delivery.server";
import {
  listDeliveries,
  replayDeadLetters,
  replayDelivery,
  sendTest,
} from "../../../app/integrations/webhooks/log.server";
import type { WebhookEnvelope } from "../../../app/integrations/webhooks/payloads";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../helpers/db";
import { startReceiver, type Receiver } from "./receiver";

const SHOP = "hooks-shop.myshopify.com";
const OTHER = "other-shop.myshopify.com";
const START = new Date("2026-03-02T10:00:00Z");

describe.each(databaseKinds)("outbound webhooks on %s", (kind) => {
  let t: TestDatabase;
  let receiver: Receiver;
  let secret: string;
  let endpointId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    process.env.DATABASE_URL = t.url;
    process.env.TANDEM_ALLOW_PRIVATE_URLS = "127.0.0.1";
    resetEnvForTests();
    setDb(t.db);
    receiver = await startReceiver();
  });

  afterAll(async () => {
    delete process.env.TANDEM_ALLOW_PRIVATE_URLS;
    resetEnvForTests();
    setDb(undefined);
    await receiver.close();
    await t.close();
  });

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(START);
    await t.db.webhookDelivery.deleteMany();
    await t.db.webhookEndpoint.deleteMany();
    await t.db.domainEvent.deleteMany();
    await t.db.notification.deleteMany();
    receiver.requests.length = 0;
    receiver.script([]);
    receiver.always(null);
    const created = await createEndpoint(SHOP, {
      url: `${receiver.url}/hook`,
      events: ["conversation.created", "message.created", "conversation.closed"],
    });
    secret = created.secret;
    endpointId = created.endpoint.id;
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const emit = (event: Omit<DomainEventInput, "shop"> & { shop?: string }) =>
    t.db.$transaction((tx) => appendEvent(tx, { shop: SHOP, ...event }));
  const advance = (ms: number) => vi.setSystemTime(new Date(Date.now() + ms));
  const bodies = () => receiver.requests.map((r) => JSON.parse(r.body) as WebhookEnvelope);

  test("a burst of events is planned while the event loop keeps running", async () => {
    // 3,000 events of a shop without endpoints: fifteen batches of 200, each only marked dispatched.
    await t.db.domainEvent.createMany({
      data: Array.from({ length: 3_000 }, (_, i) => ({
        id: `burst-${i}`,
        shop: OTHER,
        type: "message.created",
        conversationId: `c${i % 50}`,
        data: "{}",
      })),
    });
    // The loop's turns, as moments: the longest stretch between two of them (or from the start to
    // the first, or from the last to the end) is how long a request arriving meanwhile would wait.
    const turns: number[] = [];
    let counting = true;
    const count = () => {
      if (!counting) return;
      turns.push(performance.now());
      setImmediate(count);
    };
    const started = performance.now();
    setImmediate(count);
    try {
      await runWebhooks();
    } finally {
      counting = false;
    }
    const moments = [started, ...turns, performance.now()];
    const longestWait = Math.max(...moments.slice(1).map((at, i) => at - moments[i]!));
    expect(await t.db.domainEvent.count({ where: { shop: OTHER, dispatchedAt: null } })).toBe(0);
    // On SQLite the queries alone would never give the loop a turn (the whole run, 80 ms and more,
    // would be one wait); the adapter gives it one every TURN_MS (app/db/sqlite-serialized.server.ts),
    // so a wait is at most TURN_MS plus the one statement running when it is due.
    expect(turns.length).toBeGreaterThan(1);
    expect(longestWait).toBeLessThan(TURN_MS + 60);
  });

  test("an event reaches the endpoint signed with its secret, with the event id as webhook-id", async () => {
    const id = await emit({ type: "conversation.created", conversationId: "c1", data: { state: "ai", locale: "en" } });
    await emit({ type: "conversation.created", conversationId: "c9", shop: OTHER, data: { state: "ai" } });
    await runWebhooks();

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request!.headers["webhook-id"]).toBe(id);
    const verified = new Webhook(secret).verify(request!.body, request!.headers) as WebhookEnvelope;
    expect(verified).toMatchObject({
      type: "conversation.created",
      version: 1,
      data: { shop: SHOP, conversationId: "c1", state: "ai" },
    });
    expect(new Date(verified.timestamp).toISOString()).toBe(verified.timestamp);
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(request!.body, request!.headers),
    ).toThrow();
    const [logged] = await listDeliveries(SHOP, endpointId);
    expect(logged).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, responseExcerpt: "ok" });
    expect(logged!.durationMs).toBeGreaterThanOrEqual(0);
  });

  test("internal notes and unsubscribed types never leave; shopper, ai and operator messages do", async () => {
    for (const role of ["shopper", "ai", "operator", "internal"])
      await emit({ type: "message.created", conversationId: "c1", data: { role, text: `${role} says hi` } });
    await emit({
      type: "message.created",
      conversationId: "c1",
      data: { role: "operator", internal: true, text: "note" },
    });
    await emit({ type: "ticket.created", ticketId: "t1", data: { number: "1001" } });
    await runWebhooks();
    await runWebhooks();
    expect(bodies().map((b) => b.data.role)).toEqual(["shopper", "ai", "operator"]);
    expect(receiver.requests.some((r) => r.body.includes("note") || r.body.includes("internal"))).toBe(false);
  });

  test("a failing endpoint is retried with growing jittered delays, dead-lettered after about 24 hours, and replayed", async () => {
    receiver.always(500);
    const id = await emit({ type: "conversation.closed", conversationId: "c1", data: { reason: "closed_by_shopper" } });
    await runWebhooks();
    let [row] = await listDeliveries(SHOP, endpointId);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, responseExcerpt: "failure 500" });
    const gaps: number[] = [];
    let elapsed = 0;
    for (const delay of RETRY_DELAYS_MS) {
      const wait = row!.nextAttemptAt!.getTime() - Date.now();
      expect(wait).toBeGreaterThanOrEqual(delay * 0.8 - 1);
      expect(wait).toBeLessThanOrEqual(delay * 1.2 + 1);
      // Not before its time.
      advance(wait - 1000);
      await runWebhooks();
      expect(receiver.requests.length).toBe(gaps.length + 1);
      advance(1000);
      await runWebhooks();
      gaps.push(wait);
      elapsed += wait;
      [row] = await listDeliveries(SHOP, endpointId);
    }
    expect(row).toMatchObject({ status: "dead", attempts: RETRY_DELAYS_MS.length + 1, nextAttemptAt: null });
    expect(elapsed / 3600_000).toBeGreaterThan(18);
    expect(elapsed / 3600_000).toBeLessThan(30);
    expect(new Set(receiver.requests.map((r) => r.headers["webhook-id"]))).toEqual(new Set([id]));

    receiver.always(null);
    advance(3600_000);
    await runWebhooks();
    expect(receiver.requests).toHaveLength(RETRY_DELAYS_MS.length + 1);
    expect(await replayDeadLetters(SHOP, endpointId)).toBe(1);
    await runWebhooks();
    [row] = await listDeliveries(SHOP, endpointId);
    expect(row).toMatchObject({ status: "delivered", attempts: 1 });
    expect(receiver.requests.at(-1)!.headers["webhook-id"]).toBe(id);
    expect(new Webhook(secret).verify(receiver.requests.at(-1)!.body, receiver.requests.at(-1)!.headers)).toBeTruthy();

    // One delivered event can be replayed too (same id: the receiver deduplicates).
    expect(await replayDelivery(SHOP, row!.id)).toBe(true);
    expect(await replayDelivery(OTHER, row!.id)).toBe(false);
    await runWebhooks();
    expect(receiver.requests.at(-1)!.headers["webhook-id"]).toBe(id);
  });

  test("a later event of a conversation is never delivered before an earlier one; other conversations go on", async () => {
    const first = await emit({ type: "conversation.created", conversationId: "A", data: {} });
    const second = await emit({ type: "message.created", conversationId: "A", data: { role: "shopper" } });
    const third = await emit({ type: "conversation.closed", conversationId: "A", data: {} });
    const other = await emit({ type: "conversation.created", conversationId: "B", data: {} });
    // A's first event fails once; the order across conversations is not part of the contract.
    let failed = false;
    receiver.statusFor = (r) => (r.headers["webhook-id"] === first && !failed ? ((failed = true), 503) : undefined);
    try {
      await runWebhooks();
      expect(receiver.requests.map((r) => r.headers["webhook-id"]).sort()).toEqual([first, other].sort());
      advance(10_000);
      await runWebhooks();
      const ids = receiver.requests.map((r) => r.headers["webhook-id"]);
      expect(ids.filter((id) => id !== other)).toEqual([first, first, second, third]);
      expect(ids.filter((id) => id === other)).toHaveLength(1);
    } finally {
      receiver.statusFor = undefined;
    }
  });

  test("private, loopback and link-local targets are refused when entered and when delivering", async () => {
    process.env.TANDEM_ALLOW_PRIVATE_URLS = "";
    resetEnvForTests();
    try {
      for (const url of [
        "http://127.0.0.1:9/x",
        "https://127.0.0.1/x",
        "https://169.254.169.254/latest",
        "https://[::1]/x",
        "https://localhost/x",
        "https://10.1.2.3/x",
      ]) {
        const error = await createEndpoint(SHOP, { url, events: ["conversation.created"] }).catch((e: unknown) => e);
        expect(error, url).toBeInstanceOf(EndpointInputError);
        expect(Object.keys((error as EndpointInputError).fieldErrors)).toEqual(["url"]);
      }
      // The endpoint made while 127.0.0.1 was allowed: refused at delivery time now.
      await emit({ type: "conversation.created", conversationId: "c1", data: {} });
      await runWebhooks();
      expect(receiver.requests).toHaveLength(0);
      const [row] = await listDeliveries(SHOP, endpointId);
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
      expect(row!.lastError).toMatch(/^refused/);
    } finally {
      process.env.TANDEM_ALLOW_PRIVATE_URLS = "127.0.0.1";
      resetEnvForTests();
    }
  });

  test("an endpoint failing for five days is turned off and the shop is notified", async () => {
    receiver.always(500);
    for (let day = 0; day <= 5; day++) {
      await emit({ type: "conversation.created", conversationId: `d${day}`, data: {} });
      await runWebhooks();
      advance(DISABLE_AFTER_MS / 5);
    }
    await emit({ type: "conversation.created", conversationId: "late", data: {} });
    await runWebhooks();
    const endpoint = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: "failing" });
    const notes = await t.db.notification.findMany({ where: { shop: SHOP } });
    expect(notes.map((n) => n.type)).toEqual(["webhook_endpoint_disabled"]);
    const before = receiver.requests.length;
    advance(3600_000);
    await runWebhooks();
    expect(receiver.requests.length).toBe(before);

    await setEndpointEnabled(SHOP, endpointId, true);
    receiver.always(null);
    await runWebhooks();
    expect(receiver.requests.length).toBeGreaterThan(before);
  });

  test("test send posts a signed webhook.test at once and logs it", async () => {
    const result = await sendTest(SHOP, endpointId);
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(await sendTest(OTHER, endpointId)).toBeNull();
    const body = new Webhook(secret).verify(
      receiver.requests[0]!.body,
      receiver.requests[0]!.headers,
    ) as WebhookEnvelope;
    expect(body).toMatchObject({ type: "webhook.test", data: { shop: SHOP } });
    const [row] = await listDeliveries(SHOP, endpointId);
    expect(row).toMatchObject({ eventType: "webhook.test", status: "delivered" });
    expect(await listDeliveries(OTHER, endpointId)).toEqual([]);
  });
});
