/**
 * Finding: error paths answered 500 to bad input. This probe sends malformed requests to every
 * widget API endpoint (`/proxy/*`, signed as Shopify signs them), every Shopify webhook (signed with
 * a valid HMAC, so the payload itself is what is bad) and the admin's loaders and actions (a valid
 * session token): wrong JSON types, arrays for objects, huge numbers, wrong methods, malformed
 * percent-encoding in the path and the query, bodies that are not UTF-8, missing or wrong content
 * types, and ids with odd characters. Every answer must be below 500; what was refused loses nothing.
 */
import { createHmac, randomUUID } from "node:crypto";
import { getHmac, getJwt } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { createShopifyMockServer } from "../mocks/shopify";
import {
  API_KEY,
  API_SECRET,
  installShop,
  proxyFetch,
  signedProxyUrl,
  startTestApp,
  type RunningApp,
} from "../integration/support/proxy-server";

const DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
const NOT_UTF8 = new Uint8Array([
  0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d,
]);

/** JSON bodies of the wrong shape for any endpoint. */
const BAD_JSON: string[] = [
  "[]",
  "[{}]",
  '"text"',
  "null",
  "true",
  "12345678901234567890123456789",
  "1e400",
  "{",
  '{"a":',
  "{}}",
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"token":["x"],"text":{"a":1},"clientMessageId":1e400,"score":1e400,"email":[],"locale":{},"pageUrl":5}',
  '{"token":null,"score":"5","comment":["x"],"reason":{},"name":5,"phone":true,"message":[]}',
  '{"visitor":[],"locale":[],"pageUrl":"javascript:alert(1)"}',
  '{"visitor":{"name":{},"email":"x","phone":"+1","extra":1}}',
  `{"text":"${"x".repeat(15_000)}"}`,
  // NUL: PostgreSQL cannot store it in text
  '{"pageUrl":"https://shop.example/\\u0000","locale":"en\\u0000","visitor":{"email":"a\\u0000@example.com"}}',
  '{"token":"\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000","clientMessageId":"a\\u0000","text":"\\u0000hi"}',
];

/** Path segments where an id goes. */
const ODD_IDS = [
  "%ZZ",
  "%E0%A4%A",
  "%C0%AF",
  "%00",
  "%FF%FE",
  "..%2F..%2Fetc%2Fpasswd",
  "a%2Fb",
  "%F0%9F%98%80",
  "' OR 1=1 --",
  "x".repeat(3000),
  "%25",
  "null",
  "__proto__",
];

interface Probe {
  name: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

interface Answer {
  name: string;
  status: number;
  body: string;
}

async function send(probe: Probe): Promise<Answer> {
  try {
    const res = await fetch(probe.url, {
      method: probe.method,
      headers: probe.headers,
      body: probe.body,
      redirect: "manual",
    });
    return { name: probe.name, status: res.status, body: (await res.text()).slice(0, 200) };
  } catch (error) {
    return { name: probe.name, status: 599, body: `fetch failed: ${(error as Error).message}` };
  }
}

/** Runs probes a few at a time and returns the ones answered 500 or more. */
async function serverErrors(probes: Probe[]): Promise<Answer[]> {
  const failures: Answer[] = [];
  for (let i = 0; i < probes.length; i += 8) {
    const answers = await Promise.all(probes.slice(i, i + 8).map(send));
    failures.push(...answers.filter((a) => a.status >= 500));
  }
  return failures;
}

const shopify = createShopifyMockServer();
beforeAll(() => shopify.listen({ onUnhandledFrame: "bypass" }));
afterAll(() => shopify.close());

describe.each(databaseKinds)("no 500 on bad input on %s", (kind) => {
  const store = `no-500-${kind}`;
  const shop = `${store}.myshopify.com`;
  let app: RunningApp;
  let conversation: { id: string; token: string };
  let ip = 0;
  const nextIp = () => `198.51.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;

  beforeAll(async () => {
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, shop);
    const res = await proxyFetch(app.url, shop, "/conversations", { body: { locale: "en" }, ip: nextIp() });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { conversation: { id: string }; visitorToken: string };
    conversation = { id: body.conversation.id, token: body.visitorToken };
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A signed widget API URL whose path is used exactly as written (odd ids stay undecoded). */
  async function signed(rawPath: string, query: Record<string, string> = {}): Promise<string> {
    const url = await signedProxyUrl(app.url, shop, "/config", { query });
    return `${app.url}/proxy${rawPath}${url.search}`;
  }

  test("the widget API answers every malformed request below 500", async () => {
    const c = conversation;
    const bodyEndpoints = [
      "/conversations",
      `/conversations/${c.id}/messages`,
      `/conversations/${c.id}/escalate`,
      `/conversations/${c.id}/contact`,
      `/conversations/${c.id}/rating`,
      `/conversations/${c.id}/close`,
    ];
    const probes: Probe[] = [];
    const json = { "Content-Type": "application/json" };
    for (const path of bodyEndpoints) {
      for (const body of BAD_JSON)
        probes.push({
          name: `POST ${path} ${body.slice(0, 60)}`,
          method: "POST",
          url: await signed(path),
          headers: { ...json, "X-Forwarded-For": nextIp() },
          body,
        });
      for (const [label, headers, body] of [
        ["not UTF-8", json, NOT_UTF8],
        ["no content type", {}, `{"token":"${c.token}"}`],
        ["text/plain", { "Content-Type": "text/plain" }, "hello"],
        ["form", { "Content-Type": "application/x-www-form-urlencoded" }, "token=x&text=y"],
        ["multipart", { "Content-Type": "multipart/form-data; boundary=zz" }, "--zz\r\nbroken"],
      ] as [string, Record<string, string>, string | Uint8Array<ArrayBuffer>][])
        probes.push({
          name: `POST ${path} ${label}`,
          method: "POST",
          url: await signed(path),
          headers: { ...headers, "X-Forwarded-For": nextIp() },
          body,
        });
      for (const method of ["GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"])
        probes.push({
          name: `${method} ${path}`,
          method,
          url: await signed(path),
          headers: { "X-Forwarded-For": nextIp() },
        });
    }
    for (const id of ODD_IDS) {
      for (const suffix of ["", "/poll", "/messages", "/escalate", "/contact", "/rating", "/close"]) {
        const method = suffix === "" || suffix === "/poll" ? "GET" : "POST";
        probes.push({
          name: `${method} /conversations/${id.slice(0, 40)}${suffix}`,
          method,
          url: await signed(`/conversations/${id}${suffix}`, { token: c.token, after: "0" }),
          headers: { ...json, "X-Forwarded-For": nextIp() },
          ...(method === "POST"
            ? {
                body: JSON.stringify({
                  token: c.token,
                  clientMessageId: "odd-1",
                  text: "hi",
                  email: "a@example.com",
                  score: 3,
                }),
              }
            : {}),
        });
      }
      probes.push({
        name: `GET /tickets/${id.slice(0, 40)}`,
        method: "GET",
        url: await signed(`/tickets/${id}`, { email: "a@example.com" }),
      });
    }
    const queries: Record<string, string>[] = [
      { token: c.token, after: "-1" },
      { token: c.token, after: "1e400" },
      { token: c.token, after: "99999999999999999999999" },
      { token: c.token, after: "abc" },
      { token: "x".repeat(5000), after: "0" },
      { token: "%ZZ", after: "%ZZ" },
      { token: "\u0000", after: "0x10" },
    ];
    for (const query of queries) {
      probes.push({
        name: `poll ${JSON.stringify(query).slice(0, 60)}`,
        method: "GET",
        url: await signed(`/conversations/${c.id}/poll`, query),
      });
      probes.push({
        name: `resume ${JSON.stringify(query).slice(0, 60)}`,
        method: "GET",
        url: await signed(`/conversations/${c.id}`, query),
      });
    }
    for (const email of ["", "x", "%ZZ", "a@b", "a".repeat(5000) + "@example.com"])
      probes.push({
        name: `ticket email ${email.slice(0, 20)}`,
        method: "GET",
        url: await signed("/tickets/T-1001", { email }),
      });
    for (const n of ["T-99999999999999999999", "-1", "1e400", "T-", "0"])
      probes.push({
        name: `ticket number ${n}`,
        method: "GET",
        url: await signed(`/tickets/${n}`, { email: "a@example.com" }),
      });
    // Repeated and malformed query parameters (raw, so they reach the server as written).
    const base = await signed(`/conversations/${c.id}/poll`, { token: c.token, after: "0" });
    for (const extra of ["&token=second", "&after=1&after=2", "&x=%ZZ", "&%ZZ=1", "&shop=%E0%A4%A", "&=&&=="])
      probes.push({ name: `poll query ${extra}`, method: "GET", url: base + extra });
    probes.push({
      name: "unsigned with a malformed signature",
      method: "GET",
      url: `${app.url}/proxy/config?signature=%ZZ&shop=%ZZ&timestamp=%ZZ`,
    });
    probes.push({ name: "unsigned config", method: "GET", url: `${app.url}/proxy/config` });
    probes.push({ name: "unknown proxy path", method: "GET", url: await signed("/does-not-exist") });
    probes.push({ name: "malformed proxy path", method: "GET", url: await signed("/%ZZ%E0%A4%A") });

    expect(await serverErrors(probes)).toEqual([]);

    // Refused input stored nothing (the probes' only valid body, `{token}` without a content type,
    // closed the chat), and the widget API still works.
    expect(await app.database.db.message.count({ where: { conversationId: c.id, role: "shopper" } })).toBe(0);
    const started = await proxyFetch(app.url, shop, "/conversations", { body: {}, ip: nextIp() });
    expect(started.status).toBe(201);
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  test("Shopify webhooks with a valid HMAC and a bad payload, or bad headers, answer below 500", async () => {
    // Another installed shop: a signed app/uninstalled is valid whatever its body, and uninstalls it.
    const hookShop = `no-500-hooks-${kind}.myshopify.com`;
    await installShop(app.database.db, hookShop);
    const topics = [
      "app/uninstalled",
      "app/scopes_update",
      "customers/data_request",
      "customers/redact",
      "shop/redact",
    ];
    const probes: Probe[] = [];
    const headers = (topic: string, body: string, extra: Record<string, string> = {}) => ({
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": getHmac(body, API_SECRET),
      "X-Shopify-Shop-Domain": hookShop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      ...extra,
    });
    const payloads = [
      ...BAD_JSON,
      '{"shop_domain":5,"customer":[],"orders_to_redact":"x","data_request":{"id":1e400}}',
      '{"shop_domain":"other.myshopify.com","customer":{"id":"1","email":"a@example.com"},"data_request":{"id":1}}',
      '{"shop_domain":null,"customer":{"id":1e400,"email":5,"phone":[]},"orders_requested":[{}]}',
      '{"current":"read_products","previous":5}',
      '{"current":[1,2],"id":"x"}',
      '{"shop_domain":"a\\u0000","customer":{"id":"1\\u0000","email":"a\\u0000@example.com","phone":"\\u0000"},"orders_requested":["\\u0000"],"orders_to_redact":["\\u0000"],"data_request":{"id":"\\u0000"}}',
      '{"current":["read_products\\u0000"],"previous":["\\u0000"]}',
      "",
    ];
    for (const topic of topics) {
      const url = `${app.url}/webhooks/${topic}`;
      for (const body of payloads)
        probes.push({
          name: `${topic} ${body.slice(0, 60)}`,
          method: "POST",
          url,
          headers: headers(topic, body),
          body,
        });
      // Signed over the raw bytes as Shopify would: the library's body is not UTF-8.
      probes.push({
        name: `${topic} not UTF-8`,
        method: "POST",
        url,
        headers: {
          ...headers(topic, ""),
          "X-Shopify-Hmac-Sha256": createHmac("sha256", API_SECRET).update(NOT_UTF8).digest("base64"),
        },
        body: NOT_UTF8,
      });
      probes.push({
        name: `${topic} wrong topic header`,
        method: "POST",
        url,
        headers: headers("orders/create", "{}"),
        body: "{}",
      });
      probes.push({
        name: `${topic} odd shop header`,
        method: "POST",
        url,
        headers: headers(topic, "{}", { "X-Shopify-Shop-Domain": "%ZZ" }),
        body: "{}",
      });
      probes.push({ name: `${topic} no headers`, method: "POST", url, body: "{}" });
      probes.push({
        name: `${topic} bad HMAC`,
        method: "POST",
        url,
        headers: { ...headers(topic, "{}"), "X-Shopify-Hmac-Sha256": "%ZZ" },
        body: "{}",
      });
      for (const method of ["GET", "PUT", "DELETE"]) probes.push({ name: `${method} ${topic}`, method, url });
    }
    probes.push({
      name: "unknown webhook",
      method: "POST",
      url: `${app.url}/webhooks/%ZZ`,
      headers: headers("x", "{}"),
      body: "{}",
    });

    expect(await serverErrors(probes)).toEqual([]);
    // The widget's shop was never named: it is still installed.
    expect(await app.database.db.session.count({ where: { shop } })).toBe(1);
  });

  test("the admin's loaders and actions answer malformed requests below 500", async () => {
    const bearer = async () => `Bearer ${(await getJwt(store, API_KEY, API_SECRET)).token}`;
    const c = conversation;
    const probes: Probe[] = [];
    const pages = [
      "/app",
      "/app/inbox",
      "/app/tickets",
      "/app/analytics",
      "/app/knowledge",
      "/app/canned",
      "/app/settings",
      "/app/assistant",
      "/app/playground",
      "/app/data-requests",
      `/app/conversations/${c.id}`,
      "/app/api/inbox-updates",
      "/app/api/presence",
    ];
    const oddQueries = [
      "?view=%ZZ&state[]=x&cursor=%E0%A4%A&page=1e400",
      "?status=nope&q=" + "x".repeat(3000),
      "?days=-1&kind=%00",
      "?cursor=eyJzIjpbXX0&conversation=" + "x".repeat(100),
      "?cursor=bm90IGpzb24&operator=%ZZ",
      "?q=%FF%FE&tag=__proto__",
      "?q=%00&tag=%00&operator=%00&state=%00&view=%00&cursor=%00&conversation=%00&status=%00&kind=%00",
    ];
    const forms: [string, Record<string, string>, string | Uint8Array<ArrayBuffer>][] = [
      ["json body", { "Content-Type": "application/json" }, '{"intent":"create"}'],
      ["no content type", {}, "intent=create"],
      ["text/plain", { "Content-Type": "text/plain" }, "intent=create"],
      [
        "broken multipart",
        { "Content-Type": "multipart/form-data; boundary=zz" },
        "--zz\r\nContent-Disposition: form-data",
      ],
      ["multipart without boundary", { "Content-Type": "multipart/form-data" }, "x"],
      ["not UTF-8 form", { "Content-Type": "application/x-www-form-urlencoded" }, NOT_UTF8],
      [
        "malformed form escapes",
        { "Content-Type": "application/x-www-form-urlencoded" },
        "intent=%ZZ&text=%E0%A4%A&id=%00",
      ],
      ["unknown intent", { "Content-Type": "application/x-www-form-urlencoded" }, "intent=__proto__&id=1"],
      [
        "huge numbers",
        { "Content-Type": "application/x-www-form-urlencoded" },
        "intent=save&temperature=1e400&maxTokens=99999999999999999999&capacity=-1e400",
      ],
      ["array", { "Content-Type": "application/json" }, "[1,2,3]"],
      [
        "NUL in every field",
        { "Content-Type": "application/x-www-form-urlencoded" },
        "intent=create&shortcut=a%00&title=t%00&body=b%00&greeting=%00&brandName=%00&timezone=%00&text=%00&question=%00&tags=%00&operatorId=%00&handle=%00&reason=%00",
      ],
    ];
    for (const page of pages) {
      for (const suffix of ["", ".data"]) {
        for (const q of oddQueries)
          probes.push({
            name: `GET ${page}${suffix}${q.slice(0, 40)}`,
            method: "GET",
            url: `${app.url}${page}${suffix}${q}`,
            headers: { Authorization: await bearer(), "User-Agent": DESKTOP },
          });
        for (const [label, headers, body] of forms)
          probes.push({
            name: `POST ${page}${suffix} ${label}`,
            method: "POST",
            url: `${app.url}${page}${suffix}`,
            headers: { ...headers, Authorization: await bearer(), "User-Agent": DESKTOP },
            body,
          });
        for (const method of ["PUT", "PATCH", "DELETE"])
          probes.push({
            name: `${method} ${page}${suffix}`,
            method,
            url: `${app.url}${page}${suffix}`,
            headers: { Authorization: await bearer(), "User-Agent": DESKTOP },
          });
      }
    }
    for (const id of ODD_IDS) {
      for (const base of ["/app/conversations/", "/app/data-requests/"]) {
        probes.push({
          name: `GET ${base}${id.slice(0, 40)}`,
          method: "GET",
          url: `${app.url}${base}${id}.data`,
          headers: { Authorization: await bearer(), "User-Agent": DESKTOP },
        });
        probes.push({
          name: `POST ${base}${id.slice(0, 40)}`,
          method: "POST",
          url: `${app.url}${base}${id}.data`,
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Authorization: await bearer(),
            "User-Agent": DESKTOP,
          },
          body: "intent=take_over",
        });
      }
    }
    // Bad session tokens are Shopify's flow (401/302/410), never a 500.
    for (const token of ["", "x", "a.b.c", "%ZZ", "Bearer"])
      probes.push({
        name: `admin with token ${token}`,
        method: "GET",
        url: `${app.url}/app/inbox.data`,
        headers: { Authorization: `Bearer ${token}`, "User-Agent": DESKTOP },
      });
    probes.push({
      name: "admin with an odd shop",
      method: "GET",
      url: `${app.url}/app?shop=%ZZ&host=%E0%A4%A&embedded=1`,
      headers: { "User-Agent": DESKTOP },
    });
    probes.push({
      name: "auth with odd shop",
      method: "GET",
      url: `${app.url}/auth/login?shop=%ZZ`,
      headers: { "User-Agent": DESKTOP },
    });
    probes.push({ name: "malformed top-level path", method: "GET", url: `${app.url}/%ZZ/%E0%A4%A` });
    probes.push({ name: "malformed asset path", method: "GET", url: `${app.url}/assets/%ZZ.js` });
    for (const path of ["/healthz", "/readyz"])
      for (const method of ["POST", "PUT", "DELETE"])
        probes.push({
          name: `${method} ${path}`,
          method,
          url: `${app.url}${path}`,
          body: method === "POST" ? "[]" : undefined,
        });

    expect(await serverErrors(probes)).toEqual([]);
    expect(await app.database.db.cannedResponse.count({ where: { shop } })).toBe(0);
  });
});
