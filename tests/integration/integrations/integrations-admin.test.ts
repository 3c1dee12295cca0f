/**
 * The Integrations page over HTTP as App Bridge calls it: admins only, an endpoint added with its
 * secret shown once and stored sealed, field errors for a bad URL, test send and the workflow
 * settings. SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createShopifyMockServer } from "../../mocks/shopify";
import { databaseKinds } from "../../helpers/db";
import { installShop, startTestApp, type RunningApp } from "../support/proxy-server";
import { adminFetch } from "../support/admin-requests";
import { startReceiver, type Receiver } from "./receiver";

const ADMIN = "93001";
const OPERATOR = "93002";

describe.each(databaseKinds)("the Integrations page on %s", (kind) => {
  const shop = `integrations-${kind}.myshopify.com`;
  const shopify = createShopifyMockServer();
  let app: RunningApp;
  let receiver: Receiver;

  beforeAll(async () => {
    process.env.TANDEM_ALLOW_PRIVATE_URLS = "127.0.0.1";
    shopify.listen({ onUnhandledFrame: "bypass" });
    app = await startTestApp(kind, { worker: false });
    receiver = await startReceiver();
    await installShop(app.database.db, shop, { name: "Integrations store", timezone: "Europe/Rome" });
    await app.database.db.operator.create({ data: { shop, staffUserId: ADMIN, name: "Anna Ferri", role: "admin" } });
    await app.database.db.operator.create({
      data: { shop, staffUserId: OPERATOR, name: "Luca Moretti", role: "operator" },
    });
  });
  afterAll(async () => {
    shopify.close();
    await receiver?.close();
    await app?.close();
    delete process.env.TANDEM_ALLOW_PRIVATE_URLS;
  });

  const post = async (staff: string, form: Record<string, string>) => {
    const response = await adminFetch(app.url, shop, staff, "/app/integrations", { method: "POST", form });
    return { status: response.status, text: await response.text() };
  };

  test("operators are refused; an admin adds an endpoint and sees its secret once, stored sealed", async () => {
    expect((await adminFetch(app.url, shop, OPERATOR, "/app/integrations")).status).toBe(403);
    expect(
      (await post(OPERATOR, { intent: "create", url: `${receiver.url}/x`, events: "ticket.created" })).status,
    ).toBe(403);

    const created = await post(ADMIN, { intent: "create", url: `${receiver.url}/x`, events: "ticket.created" });
    expect(created.status).toBe(200);
    const secret = /whsec_[A-Za-z0-9+/=]+/.exec(created.text)?.[0];
    expect(secret).toBeDefined();
    const row = await app.database.db.webhookEndpoint.findFirstOrThrow({ where: { shop } });
    expect(row.secretEnc).not.toContain(secret!.slice(6, 20));
    expect(row.events).toBe("ticket.created");
    const page = await adminFetch(app.url, shop, ADMIN, "/app/integrations");
    const text = await page.text();
    expect(text).toContain(row.url);
    expect(text).not.toContain(secret!);
    expect(text).not.toContain(row.secretEnc);

    const tested = await post(ADMIN, { intent: "test", id: row.id });
    expect(tested.text).toContain("Test delivered");
    expect(receiver.requests.at(-1)!.body).toContain("webhook.test");
  });

  test("a private URL or no event type is refused with field errors, and nothing is saved", async () => {
    const before = await app.database.db.webhookEndpoint.count({ where: { shop } });
    const bad = await post(ADMIN, {
      intent: "create",
      url: "https://169.254.169.254/latest",
      events: "ticket.created",
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("private");
    const none = await post(ADMIN, { intent: "create", url: "https://hooks.example.com/x" });
    expect(none.status).toBe(422);
    expect(none.text).toContain("Choose at least one event type");
    expect(await app.database.db.webhookEndpoint.count({ where: { shop } })).toBe(before);
  });

  test("the workflow mode is switched on with a URL, shows its secret once, and checks the timeout", async () => {
    const bad = await post(ADMIN, {
      intent: "workflow",
      enabled: "true",
      url: `${receiver.url}/wf`,
      timeoutSeconds: "900",
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("timeoutSeconds");
    const saved = await post(ADMIN, {
      intent: "workflow",
      enabled: "true",
      url: `${receiver.url}/wf`,
      timeoutSeconds: "8",
    });
    expect(saved.status).toBe(200);
    expect(saved.text).toMatch(/whsec_[A-Za-z0-9+/]{40}/);
    const row = await app.database.db.shop.findUniqueOrThrow({ where: { shop } });
    expect(row).toMatchObject({ aiMode: "workflow", workflowTimeoutMs: 8000 });
    const again = await post(ADMIN, {
      intent: "workflow",
      enabled: "false",
      url: `${receiver.url}/wf`,
      timeoutSeconds: "8",
    });
    expect(again.text).not.toMatch(/whsec_[A-Za-z0-9+/]{40}/);
    expect((await app.database.db.shop.findUniqueOrThrow({ where: { shop } })).aiMode).toBe("builtin");
  });
});
