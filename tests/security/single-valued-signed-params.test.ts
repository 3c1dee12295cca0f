/**
 * Finding 4 (high): single-valued signed parameters. Shopify signs a repeated key as its values joined
 * with ",", so a guest who added `logged_in_customer_id=7001` to the storefront URL had
 * `logged_in_customer_id=7001,` signed and was taken for customer 7001. Every parameter Shopify sets
 * once (`shop`, `logged_in_customer_id`, `path_prefix`, `timestamp`, `signature`) is refused with 400
 * when repeated, on the Remix routes and on the hot path, and a signed customer id that is not a
 * number is refused instead of quietly becoming a guest.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "../integration/support/proxy-server";

describe.each(databaseKinds)("single-valued signed parameters on %s", (kind) => {
  const shop = `single-${kind}.myshopify.com`;
  let app: RunningApp;
  let ip = 0;
  const call = (path: string, c: Parameters<typeof proxyFetch>[3] = {}) =>
    proxyFetch(app.url, shop, path, { ip: `198.51.100.${++ip}`, ...c });
  let guest: { id: string; token: string };

  beforeAll(async () => {
    app = await startTestApp(kind);
    await installShop(app.database.db, shop);
    const res = await call("/conversations", { body: {} });
    const body = (await res.json()) as { conversation: { id: string }; visitorToken: string };
    guest = { id: body.conversation.id, token: body.visitorToken };
  });
  afterAll(async () => {
    await app?.close();
  });

  /** The same request on each path: Remix (create, resume, config) and the hot path (poll, send). */
  function onEveryPath(extra: Parameters<typeof proxyFetch>[3]) {
    const c = `/conversations/${guest.id}`;
    return {
      create: () => call("/conversations", { body: {}, ...extra }),
      resume: () => call(c, { query: { token: guest.token }, ...extra }),
      config: () => call("/config", extra),
      poll: () => call(`${c}/poll`, { query: { token: guest.token, after: "0" }, ...extra }),
      send: () =>
        call(`${c}/messages`, { body: { token: guest.token, clientMessageId: `m-${++ip}`, text: "Hi" }, ...extra }),
    };
  }

  async function statuses(calls: Record<string, () => Promise<Response>>) {
    const out: Record<string, { status: number; body: unknown }> = {};
    for (const [name, fn] of Object.entries(calls)) {
      const res = await fn();
      const text = await res.text();
      out[name] = { status: res.status, body: text ? JSON.parse(text) : null };
    }
    return out;
  }

  const refused = (message: string) => ({ status: 400, body: { error: { code: "invalid_request", message } } });
  const counts = async () => ({
    conversations: await app.database.db.conversation.count({ where: { shop } }),
    shopperMessages: await app.database.db.message.count({ where: { shop, role: "shopper" } }),
  });

  test("a guest who adds logged_in_customer_id=7001 to the storefront URL is refused with 400 on every path, and nothing is created", async () => {
    const before = await counts();
    const answers = await statuses(onEveryPath({ shopperParams: [["logged_in_customer_id", "7001"]], customerId: "" }));
    for (const answer of Object.values(answers))
      expect(answer).toEqual(refused("logged_in_customer_id: must appear once"));
    expect(await counts()).toEqual(before);
    expect(await app.database.db.conversation.count({ where: { shop, customerId: { not: null } } })).toBe(0);
  });

  test("each single-valued parameter repeated is refused with 400 invalid_request on the Remix routes and the hot path", async () => {
    const before = await counts();
    const repeats: [string, Parameters<typeof proxyFetch>[3]][] = [
      ["shop", { shopperParams: [["shop", shop]] }],
      ["path_prefix", { shopperParams: [["path_prefix", "/apps/tandem"]] }],
      ["timestamp", { shopperParams: [["timestamp", String(Math.trunc(Date.now() / 1000))]] }],
      ["logged_in_customer_id", { shopperParams: [["logged_in_customer_id", ""]] }],
      ["signature", { repeatAfterSigning: ["signature"] }],
    ];
    for (const [key, extra] of repeats) {
      const answers = await statuses(onEveryPath(extra));
      expect({ key, answers }).toEqual({
        key,
        answers: Object.fromEntries(Object.keys(answers).map((k) => [k, refused(`${key}: must appear once`)])),
      });
    }
    expect(await counts()).toEqual(before);
    // The same requests without the repeat are accepted.
    const fine = await statuses(onEveryPath({}));
    expect(Object.fromEntries(Object.entries(fine).map(([k, v]) => [k, v.status]))).toEqual({
      create: 201,
      resume: 200,
      config: 200,
      poll: 200,
      send: 201,
    });
  });

  test("a signed logged_in_customer_id that is not all digits is refused with 400 instead of becoming a guest", async () => {
    const before = await counts();
    for (const customerId of ["7001,", "abc", " 7001", "7001x", "gid://shopify/Customer/7001", "-7001"]) {
      const answers = await statuses(onEveryPath({ customerId }));
      for (const [path, answer] of Object.entries(answers)) {
        expect({ customerId, path, answer }).toEqual({
          customerId,
          path,
          answer: refused("logged_in_customer_id: must be a Shopify customer id (digits) or empty"),
        });
      }
    }
    expect(await counts()).toEqual(before);
  });
});
