/**
 * Finding 1 (high): unsigned requests must not change how signed requests are verified.
 * Nothing derived from unverified input is cached or shared before verification: a flood of unsigned
 * requests with encoded separators in their keys and hundreds of distinct key sets, sent with a
 * fresh timestamp, leaves every shop's signed polls and sends answering as before.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "../integration/support/proxy-server";

describe.each(databaseKinds)("unsigned requests poison nothing on %s", (kind) => {
  const shops = [`poison-a-${kind}.myshopify.com`, `poison-b-${kind}.myshopify.com`];
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp(kind);
    for (const shop of shops) await installShop(app.database.db, shop);
  });
  afterAll(async () => {
    await app?.close();
  });

  async function start(shop: string, ip: string) {
    const res = await proxyFetch(app.url, shop, "/conversations", { body: { locale: "en" }, ip });
    expect(res.status).toBe(201);
    return (await res.json()) as { conversation: { id: string }; visitorToken: string; cursor: number };
  }

  async function signedTraffic(conversations: Awaited<ReturnType<typeof start>>[], round: string) {
    for (const [i, shop] of shops.entries()) {
      const c = conversations[i]!;
      const sent = await proxyFetch(app.url, shop, `/conversations/${c.conversation.id}/messages`, {
        body: { token: c.visitorToken, clientMessageId: `${round}-${i}`, text: `Hello ${round}` },
      });
      expect(sent.status).toBe(201);
      const polled = await proxyFetch(app.url, shop, `/conversations/${c.conversation.id}/poll`, {
        query: { token: c.visitorToken, after: "0" },
      });
      expect(polled.status).toBe(200);
      const { cursor } = (await polled.json()) as { cursor: number };
      const idle = await proxyFetch(app.url, shop, `/conversations/${c.conversation.id}/poll`, {
        query: { token: c.visitorToken, after: String(cursor + 1000) },
      });
      expect(idle.status).toBe(204);
    }
  }

  test("after floods of unsigned requests with encoded separators and junk keys, signed polls and sends of two shops answer 200/201", async () => {
    const conversations = await Promise.all(shops.map((shop, i) => start(shop, `198.51.100.${i + 1}`)));
    await signedTraffic(conversations, "before");
    const now = () => Math.floor(Date.now() / 1000);
    const junkSignature = "c".repeat(64);
    const unsigned = async (path: string, send: boolean) => {
      const res = await fetch(`${app.url}${path}`, send ? { method: "POST", body: "{}" } : {});
      await res.arrayBuffer();
      return res.status;
    };
    const id = conversations[0]!.conversation.id;

    // 1. Hundreds of distinct key sets, each with a fresh timestamp (enough to flush any bounded cache).
    const flood: Promise<number>[] = [];
    for (let i = 0; i < 600; i++)
      flood.push(
        unsigned(
          `/proxy/conversations/${id}/${i % 2 ? "poll" : "messages"}?junk${i}=1&timestamp=${now()}&signature=${junkSignature}`,
          i % 2 === 0,
        ),
      );
    // 2. Keys with encoded separators whose decoded names, joined with "&", equal the real key sets
    //    of a poll (token, after, logged_in_customer_id, path_prefix, shop, timestamp) and a send.
    const colliders = [
      [
        `/proxy/conversations/${id}/poll?token%26after%26logged_in_customer_id%26path_prefix%26shop=x&timestamp=${now()}&signature=${junkSignature}`,
        false,
      ],
      [
        `/proxy/conversations/${id}/messages?logged_in_customer_id%26path_prefix%26shop=x&timestamp=${now()}&signature=${junkSignature}`,
        true,
      ],
      [
        `/proxy/conversations/${id}/poll?token=t&after%26logged_in_customer_id=0&path_prefix%26shop=x&timestamp=${now()}&signature=${junkSignature}`,
        false,
      ],
    ] as const;
    const statuses = await Promise.all(flood);
    for (const [path, send] of colliders) statuses.push(await unsigned(path, send));
    expect(new Set(statuses)).toEqual(new Set([400]));

    // 3. Every shop's signed traffic answers exactly as before.
    await signedTraffic(conversations, "after");
  });
});
