/**
 * Finding 5 (medium): the per-IP new-conversation limit took the left-most `X-Forwarded-For` entry,
 * which the client writes itself: 10 of 10 requests with made-up entries got through. The client
 * address now comes from the right, trusting TRUST_PROXY_HOPS proxies (default 2: Shopify's App Proxy,
 * which appends the shopper's address, and one load balancer, which appends Shopify's). Without the
 * header the socket's peer is the client, so such requests do not all share one bucket.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "../integration/support/proxy-server";
import { CONVERSATIONS_PER_10_MIN } from "../../app/domain/conversations/rate-limits.server";

/** An address Shopify's App Proxy connects from, as the load balancer in front of the app records it. */
const SHOPIFY_EGRESS = "23.227.38.65";

describe.each(databaseKinds)("client IP from the right of X-Forwarded-For on %s", (kind) => {
  const shop = `client-ip-${kind}.myshopify.com`;
  let app: RunningApp;

  beforeAll(async () => {
    delete process.env.TRUST_PROXY_HOPS;
    app = await startTestApp(kind);
    await installShop(app.database.db, shop);
  });
  afterAll(async () => {
    await app?.close();
  });

  const create = (c: Parameters<typeof proxyFetch>[3]) =>
    proxyFetch(app.url, shop, "/conversations", { body: {}, ...c });

  test("entries a client puts in front of X-Forwarded-For do not give it a new bucket: the 6th conversation from one shopper is 429", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 10; i++) {
      const res = await create({ forwardedFor: `10.66.0.${i}, 192.0.2.${i}, 203.0.113.77, ${SHOPIFY_EGRESS}` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([
      ...Array(CONVERSATIONS_PER_10_MIN).fill(201),
      ...Array(10 - CONVERSATIONS_PER_10_MIN).fill(429),
    ]);
    // Another shopper behind the same proxies has a bucket of their own.
    expect((await create({ forwardedFor: `203.0.113.78, ${SHOPIFY_EGRESS}` })).status).toBe(201);
  });

  test("without X-Forwarded-For each socket address is its own bucket", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= CONVERSATIONS_PER_10_MIN; i++) {
      statuses.push((await create({ forwardedFor: null, localAddress: "127.0.0.2" })).status);
    }
    expect(statuses).toEqual([...Array(CONVERSATIONS_PER_10_MIN).fill(201), 429]);
    expect((await create({ forwardedFor: null, localAddress: "127.0.0.3" })).status).toBe(201);
  });
});
