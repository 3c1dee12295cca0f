/**
 * Finding 9 (high): what an operator who is not an admin may do is decided by role in one place
 * (app/domain/permissions.ts). Over HTTP, as App Bridge calls the admin, such an operator gets 403
 * and changes nothing when they download customer data exports, ask the playground as a customer,
 * test or change the AI provider, assign chats, or close, transfer or return to the AI a chat
 * another operator holds; an admin may do each.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { adminFetch } from "../integration/support/admin-requests";
import { installShop, startTestApp, type RunningApp } from "../integration/support/proxy-server";
import { createShopifyMockServer } from "../mocks/shopify";

const ADMIN = "90001";
const OPERATOR = "90002";
const HOLDER = "90003";

describe.each(databaseKinds)("permissions by role on %s", (kind) => {
  const shop = `roles-${kind}.myshopify.com`;
  const shopify = createShopifyMockServer();
  let app: RunningApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    shopify.listen({ onUnhandledFrame: "bypass" });
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, shop, { name: "Roles store" });
    for (const [staffUserId, name, role] of [
      [ADMIN, "Anna Ferri", "admin"],
      [OPERATOR, "Luca Moretti", "operator"],
      [HOLDER, "Sara Conti", "operator"],
    ] as const) {
      const row = await app.database.db.operator.create({ data: { shop, staffUserId, name, role } });
      ids[staffUserId] = row.id;
    }
    const request = await app.database.db.dataRequest.create({
      data: { shop, requestId: "77", customerId: "1001", export: JSON.stringify({ customer: "emma" }) },
    });
    ids.dataRequest = request.id;
  });
  afterAll(async () => {
    shopify.close();
    await app?.close();
  });

  let chatId: string;
  beforeEach(async () => {
    const conv = await app.database.db.conversation.create({
      data: {
        shop,
        state: "assigned",
        assigneeId: ids[HOLDER]!,
        visitorTokenHash: `roles-${Math.random()}`,
        assignedAt: new Date(),
        version: 2,
      },
    });
    chatId = conv.id;
  });

  const as = (staff: string, path: string, form?: Record<string, string>) =>
    adminFetch(app.url, shop, staff, path, form ? { form } : {});
  const chat = () => app.database.db.conversation.findUniqueOrThrow({ where: { id: chatId } });
  const shopRow = () => app.database.db.shop.findUniqueOrThrow({ where: { shop } });

  test("an operator who is not an admin gets 403 for customer data requests and their export; an admin downloads it", async () => {
    expect((await as(OPERATOR, "/app/data-requests.data")).status).toBe(403);
    const refused = await as(OPERATOR, `/app/data-requests/${ids.dataRequest}`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("emma");
    expect(await app.database.db.auditLog.count({ where: { shop, action: "data_request.downloaded" } })).toBe(0);

    expect((await as(ADMIN, "/app/data-requests.data")).status).toBe(200);
    const download = await as(ADMIN, `/app/data-requests/${ids.dataRequest}`);
    expect(download.status).toBe(200);
    expect(await download.json()).toEqual({ customer: "emma" });
  });

  test("an operator who is not an admin gets 403 from the playground, asked as a customer", async () => {
    const form = { question: "Where is my order #1003?", locale: "en", customerId: "1001" };
    expect((await as(OPERATOR, "/app/playground.data")).status).toBe(403);
    expect((await as(OPERATOR, "/app/playground.data", form)).status).toBe(403);
    expect((await as(ADMIN, "/app/playground.data", form)).status).toBe(200);
  });

  test("an operator who is not an admin gets 403 testing or changing the AI provider, and nothing changes", async () => {
    const before = await shopRow();
    expect((await as(OPERATOR, "/app/assistant.data", { intent: "test" })).status).toBe(403);
    const save = {
      intent: "save",
      aiBaseUrl: "https://llm.attacker.example/v1",
      aiModel: "",
      apiKey: "",
      aiPersona: "",
      aiRules: "",
      aiTemperature: "0.3",
      aiMaxTokens: "600",
      aiDailyTokenCap: "200000",
    };
    expect((await as(OPERATOR, "/app/assistant.data", save)).status).toBe(403);
    expect(await shopRow()).toEqual(before);
    expect((await as(ADMIN, "/app/assistant.data", save)).status).toBe(200);
    expect((await shopRow()).aiBaseUrl).toBe("https://llm.attacker.example/v1");
    await app.database.db.shop.update({ where: { shop }, data: { aiBaseUrl: null } });
  });

  test("an operator gets 403 closing, transferring or returning to the AI a chat another operator holds; the chat stays theirs", async () => {
    const before = await chat();
    const path = `/app/conversations/${chatId}.data`;
    const forms: Record<string, string>[] = [
      { intent: "close", reason: "resolved" },
      { intent: "return_to_ai" },
      { intent: "transfer", operatorId: ids[OPERATOR]! },
      { intent: "assign", operatorId: ids[OPERATOR]! },
    ];
    for (const form of forms) {
      const response = await as(OPERATOR, path, form);
      expect(response.status, form.intent).toBe(403);
    }
    expect(await chat()).toEqual(before);
    expect(await app.database.db.message.count({ where: { conversationId: chatId } })).toBe(0);

    // the holder may close their own chat; an admin may close a colleague's
    const other = await app.database.db.conversation.create({
      data: { shop, state: "assigned", assigneeId: ids[HOLDER]!, visitorTokenHash: `roles-${Math.random()}` },
    });
    expect((await as(HOLDER, path, { intent: "close" })).status).toBe(200);
    expect((await chat()).state).toBe("closed");
    expect((await as(ADMIN, `/app/conversations/${other.id}.data`, { intent: "close" })).status).toBe(200);
    expect((await app.database.db.conversation.findUniqueOrThrow({ where: { id: other.id } })).state).toBe("closed");
  });
});
