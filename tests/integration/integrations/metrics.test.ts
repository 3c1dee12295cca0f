/**
 * /metrics on the real server: 404 without METRICS_TOKEN, 401 without the bearer token, and a
 * scrape parsed by a Prometheus text-format parser with request counts by route class (the poll
 * hot path included), open conversations by state, job gauges, webhook deliveries and email
 * counters; no shop, id or text in any label. SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
// @ts-expect-error the parser ships no type declarations
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { resetEnvForTests } from "../../../app/env.server";
import { countEmailDelivery, countWebhookDelivery } from "../../../app/lib/metrics.server";
import { databaseKinds } from "../../helpers/db";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "../support/proxy-server";

interface Family {
  name: string;
  type: string;
  metrics: { value?: string; labels?: Record<string, string>; buckets?: Record<string, string>; count?: string }[];
}

const SHOP = "metrics-shop.myshopify.com";
const TOKEN = "metrics-token-0123456789";

describe.each(databaseKinds)("/metrics on %s", (kind) => {
  let app: RunningApp;

  beforeAll(async () => {
    delete process.env.METRICS_TOKEN;
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, SHOP);
  });

  afterAll(async () => {
    delete process.env.METRICS_TOKEN;
    resetEnvForTests();
    await app?.close();
  });

  test("is 404 while METRICS_TOKEN is unset", async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
  });

  test("needs the bearer token, then answers Prometheus text with the app's metrics", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    resetEnvForTests();
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${app.url}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status,
    ).toBe(401);

    const res = await proxyFetch(app.url, SHOP, "/conversations", { body: { locale: "en" } });
    const chat = (await res.json()) as { conversation: { id: string }; visitorToken: string; cursor: string };
    for (let i = 0; i < 3; i++)
      await proxyFetch(app.url, SHOP, `/conversations/${chat.conversation.id}/poll`, {
        query: { token: chat.visitorToken, after: String(chat.cursor) },
      });
    await fetch(`${app.url}/healthz`);
    await fetch(`${app.url}/hooks/workflow`, { method: "POST", body: "{}" });
    countWebhookDelivery("delivered");
    countEmailDelivery("sent");
    await app.database.db.job.create({ data: { type: "test.dead", status: "dead", payload: "{}", runAt: new Date() } });

    const scrape = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await scrape.text();
    const families = parsePrometheusTextFormat(text) as Family[];
    const family = (name: string) => families.find((f) => f.name === name)!;
    const value = (name: string, labels: Record<string, string>) =>
      Number(
        family(name).metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ?? NaN,
      );

    expect(value("tandem_http_requests_total", { route: "poll", status: "2xx" })).toBeGreaterThanOrEqual(3);
    expect(value("tandem_http_requests_total", { route: "widget", status: "2xx" })).toBeGreaterThanOrEqual(1);
    expect(value("tandem_http_requests_total", { route: "health", status: "2xx" })).toBeGreaterThanOrEqual(1);
    expect(value("tandem_http_requests_total", { route: "hooks", status: "4xx" })).toBeGreaterThanOrEqual(1);
    expect(family("tandem_http_request_duration_seconds").type).toBe("HISTOGRAM");
    expect(value("tandem_conversations_open", { state: "ai" })).toBe(1);
    expect(value("tandem_conversations_open", { state: "queued" })).toBe(0);
    expect(value("tandem_jobs_dead", { type: "test.dead" })).toBe(1);
    expect(value("tandem_webhook_deliveries_total", { outcome: "delivered" })).toBeGreaterThanOrEqual(1);
    expect(value("tandem_email_deliveries_total", { outcome: "sent" })).toBeGreaterThanOrEqual(1);
    expect(family("tandem_queue_wait_seconds")).toBeTruthy();
    expect(family("tandem_ai_calls_total")).toBeTruthy();

    // Nothing personal or identifying in labels.
    expect(text).not.toContain(SHOP);
    expect(text).not.toContain(chat.conversation.id);
    expect(text).not.toContain(chat.visitorToken);
  });
});
