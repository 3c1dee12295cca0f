/**
 * Finding 9 (medium): shoppers see an operator's name (`conversation.operator.name`, the "joined"
 * notice, `message.author.name`). It came from the browser's heartbeat, so any operator could take
 * a colleague's name. The name is now the staff member's name as Shopify gives it (the token
 * exchange's `associated_user` for the request's verified session token); a name in the heartbeat
 * body is ignored, and a name chosen earlier is replaced by Shopify's on the next heartbeat.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { adminFetch } from "../integration/support/admin-requests";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "../integration/support/proxy-server";
import { createShopifyMockServer, tokenExchangeHandler, type StaffUser } from "../mocks/shopify";

/** The staff members Shopify knows for this file's shops. */
const SHOPIFY_STAFF: Record<string, StaffUser> = {
  "91001": { first_name: "Anna", last_name: "Ferri", email: "anna@example.com", account_owner: true },
  "91002": { first_name: "Luca", last_name: "Moretti", email: "luca@example.com", account_owner: false },
  "91003": { first_name: "Sara", last_name: "Conti", email: "sara@example.com", account_owner: false },
};

interface WidgetView {
  conversation: { operator?: { name: string } };
  messages: { role: string; text: string; author?: { name: string } }[];
}

describe.each(databaseKinds)("operator names come from Shopify on %s", (kind) => {
  const shop = `names-${kind}.myshopify.com`;
  const shopify = createShopifyMockServer();
  let app: RunningApp;

  beforeAll(async () => {
    shopify.listen({ onUnhandledFrame: "bypass" });
    shopify.use(tokenExchangeHandler((sub) => SHOPIFY_STAFF[sub] ?? null));
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, shop, { name: "Names store" });
    await app.database.db.operator.create({
      data: { shop, staffUserId: "91001", name: "Anna Ferri", role: "admin" },
    });
  });
  afterAll(async () => {
    shopify.close();
    await app?.close();
  });

  const heartbeat = (staff: string, body: unknown) =>
    adminFetch(app.url, shop, staff, "/app/api/presence", { json: body });

  async function shopperChat() {
    const res = await proxyFetch(app.url, shop, "/conversations", {
      body: { locale: "en" },
      ip: `198.51.100.${Math.floor(Math.random() * 200) + 1}`,
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { conversation: { id: string }; visitorToken: string };
  }

  async function shopperSees(chat: { conversation: { id: string }; visitorToken: string }): Promise<WidgetView> {
    const res = await proxyFetch(app.url, shop, `/conversations/${chat.conversation.id}/poll`, {
      query: { token: chat.visitorToken, after: "0" },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as WidgetView;
  }

  test("an operator who sends a colleague's name with the heartbeat is shown to shoppers under their own Shopify name", async () => {
    const sent = await heartbeat("91002", {
      status: "online",
      user: { name: "Anna Ferri", email: "anna@example.com" },
    });
    expect(sent.status).toBe(200);
    const row = await app.database.db.operator.findUniqueOrThrow({
      where: { shop_staffUserId: { shop, staffUserId: "91002" } },
    });
    expect(row).toMatchObject({ name: "Luca Moretti", email: "luca@example.com" });

    const chat = await shopperChat();
    const path = `/app/conversations/${chat.conversation.id}.data`;
    expect((await adminFetch(app.url, shop, "91002", path, { form: { intent: "take_over" } })).status).toBe(200);
    const reply = { intent: "reply", text: "Hello, I can help with that." };
    expect((await adminFetch(app.url, shop, "91002", path, { form: reply })).status).toBe(200);

    const view = await shopperSees(chat);
    expect(view.conversation.operator).toEqual({ name: "Luca Moretti" });
    expect(view.messages.find((m) => m.role === "operator")?.author).toEqual({ name: "Luca Moretti" });
    expect(view.messages.some((m) => m.role === "system" && m.text.includes("Luca Moretti"))).toBe(true);
    expect(JSON.stringify(view)).not.toContain("Anna Ferri");
  });

  test("a name an operator chose earlier is replaced by their Shopify name on the next heartbeat", async () => {
    // Left by the old heartbeat, which took the name from the request body.
    await app.database.db.operator.create({
      data: { shop, staffUserId: "91003", name: "Anna Ferri", email: "anna@example.com", role: "operator" },
    });
    expect((await heartbeat("91003", { status: "online" })).status).toBe(200);
    const row = await app.database.db.operator.findUniqueOrThrow({
      where: { shop_staffUserId: { shop, staffUserId: "91003" } },
    });
    expect(row).toMatchObject({ name: "Sara Conti", email: "sara@example.com" });
  });
});
