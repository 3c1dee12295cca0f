/**
 * The team page's changes and the exports, over HTTP as App Bridge calls the admin: an admin
 * changes roles and capacity and deactivates someone (their open chats go back to the queue, they
 * are refused everywhere until reactivated), the last admin stays an admin; CSV exports and
 * transcripts stream for admins only, are audited, hold only the shop's rows and defuse formulas.
 * Real SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { adminFetch } from "./support/admin-requests";
import { installShop, startTestApp, type RunningApp } from "./support/proxy-server";
import { createShopifyMockServer } from "../mocks/shopify";

const ADMIN = "91001";
const OPERATOR = "91002";
const OTHER_ADMIN = "91003";

describe.each(databaseKinds)("team and exports on %s", (kind) => {
  const shop = `team-${kind}.myshopify.com`;
  const other = `team-other-${kind}.myshopify.com`;
  const shopify = createShopifyMockServer();
  let app: RunningApp;
  const ids: Record<string, string> = {};
  const db = () => app.database.db;
  const as = (staff: string, path: string, form?: Record<string, string>) =>
    adminFetch(app.url, shop, staff, path, form ? { form } : {});

  beforeAll(async () => {
    shopify.listen({ onUnhandledFrame: "bypass" });
    app = await startTestApp(kind, { worker: false });
    await installShop(db(), shop, { name: "Team store", timezone: "Europe/Rome" });
    await installShop(db(), other, { name: "Other store" });
    for (const [staffUserId, name, role] of [
      [ADMIN, "Anna Ferri", "admin"],
      [OPERATOR, "Luca Moretti", "operator"],
    ] as const) {
      ids[staffUserId] = (
        await db().operator.create({
          data: { shop, staffUserId, name, role, presence: "online", lastSeenAt: new Date() },
        })
      ).id;
    }
    ids.otherAdmin = (
      await db().operator.create({ data: { shop: other, staffUserId: OTHER_ADMIN, name: "Elsewhere", role: "admin" } })
    ).id;
  });
  afterAll(async () => {
    shopify.close();
    await app?.close();
  });

  test("an operator who is not an admin cannot change the team, export or download a transcript", async () => {
    expect((await as(OPERATOR, "/app/team.data")).status).toBe(200);
    expect((await as(OPERATOR, "/app/team.data", { intent: "role", id: ids[OPERATOR]!, role: "admin" })).status).toBe(
      403,
    );
    expect((await db().operator.findUniqueOrThrow({ where: { id: ids[OPERATOR]! } })).role).toBe("operator");
    expect((await as(OPERATOR, "/app/api/exports/conversations?from=2026-11-01&to=2026-11-30")).status).toBe(403);
    expect((await as(OPERATOR, "/app/api/transcripts?ticket=T-1&format=text")).status).toBe(403);
    expect(await db().auditLog.count({ where: { shop, action: { startsWith: "export." } } })).toBe(0);
  });

  test("an admin changes a role and a capacity; a bad capacity is 422 with the field and changes nothing", async () => {
    expect((await as(ADMIN, "/app/team.data", { intent: "capacity", id: ids[OPERATOR]!, capacity: "8" })).status).toBe(
      200,
    );
    const bad = await as(ADMIN, "/app/team.data", { intent: "capacity", id: ids[OPERATOR]!, capacity: "0" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("At least 1 chat.");
    expect((await db().operator.findUniqueOrThrow({ where: { id: ids[OPERATOR]! } })).capacity).toBe(8);
    // another shop's operator id is not on this team
    expect((await as(ADMIN, "/app/team.data", { intent: "deactivate", id: ids.otherAdmin! })).status).toBe(404);
    expect((await db().operator.findUniqueOrThrow({ where: { id: ids.otherAdmin! } })).deactivatedAt).toBeNull();
    const audit = await db().auditLog.findFirstOrThrow({ where: { shop, action: "team.capacity" } });
    expect(JSON.parse(audit.data!)).toEqual({ from: 5, to: 8 });
  });

  test("the last admin can be neither demoted nor deactivated", async () => {
    const demote = await as(ADMIN, "/app/team.data", { intent: "role", id: ids[ADMIN]!, role: "operator" });
    expect(demote.status).toBe(409);
    expect(await demote.text()).toContain("at least one active admin");
    // in the staff member's language, the reason unchanged
    const italian = await as(ADMIN, "/app/team.data?locale=it", { intent: "role", id: ids[ADMIN]!, role: "operator" });
    expect(italian.status).toBe(409);
    const body = await italian.text();
    expect(body).toContain("Il negozio deve avere almeno un amministratore attivo");
    expect(body).toContain("last_admin");
    expect((await as(ADMIN, "/app/team.data", { intent: "deactivate", id: ids[ADMIN]! })).status).toBe(409);
    const me = await db().operator.findUniqueOrThrow({ where: { id: ids[ADMIN]! } });
    expect([me.role, me.deactivatedAt]).toEqual(["admin", null]);
  });

  test("deactivating someone sends their open chats back to the queue and locks them out until reactivated", async () => {
    const held = await db().conversation.create({
      data: {
        shop,
        state: "assigned",
        assigneeId: ids[OPERATOR]!,
        visitorTokenHash: `team-${kind}-held`,
        queuedAt: new Date(Date.now() - 600_000),
        assignedAt: new Date(Date.now() - 500_000),
        version: 3,
      },
    });
    const response = await as(ADMIN, "/app/team.data", { intent: "deactivate", id: ids[OPERATOR]! });
    expect(response.status).toBe(200);
    const chat = await db().conversation.findUniqueOrThrow({ where: { id: held.id } });
    expect([chat.state, chat.assigneeId]).toEqual(["queued", null]);
    expect(chat.queuedAt?.getTime()).toBe(held.queuedAt!.getTime()); // keeps its place in the queue
    expect(chat.version).toBeGreaterThan(3);
    const notice = await db().message.findFirstOrThrow({ where: { conversationId: held.id, role: "system" } });
    expect(notice.text).toContain("Connecting you with a person");
    // Exactly one escalation on the change feed (the store writes it with the state change).
    const events = await db().domainEvent.findMany({
      where: { conversationId: held.id, type: "conversation.escalated" },
    });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.data)).toMatchObject({ reason: "operator_deactivated", state: "queued" });
    const luca = await db().operator.findUniqueOrThrow({ where: { id: ids[OPERATOR]! } });
    expect(luca.deactivatedAt).not.toBeNull();
    expect(luca.presence).toBe("offline");

    // refused on every page, action and heartbeat
    for (const path of ["/app.data", "/app/inbox.data", "/app/team.data"]) {
      const page = await as(OPERATOR, path);
      expect(page.status, path).toBe(403);
    }
    const beat = await adminFetch(app.url, shop, OPERATOR, "/app/api/presence", { json: { status: "online" } });
    expect(beat.status).toBe(403);
    expect((await db().operator.findUniqueOrThrow({ where: { id: ids[OPERATOR]! } })).presence).toBe("offline");

    expect((await as(ADMIN, "/app/team.data", { intent: "reactivate", id: ids[OPERATOR]! })).status).toBe(200);
    expect((await as(OPERATOR, "/app/inbox.data")).status).toBe(200);
  });

  test("a CSV export of conversations holds the range's rows of this shop only, defuses formulas and is audited", async () => {
    const inRange = new Date("2026-11-10T10:00:00Z");
    await db().conversation.create({
      data: {
        shop,
        visitorTokenHash: `csv-${kind}-1`,
        createdAt: inRange,
        contactName: '=HYPERLINK("x")',
        contactEmail: "mia@example.com",
        tags: "vip",
        rating: 4,
      },
    });
    // 1 Dec 00:30 in Rome: after the range; and another shop's conversation inside it
    await db().conversation.create({
      data: { shop, visitorTokenHash: `csv-${kind}-2`, createdAt: new Date("2026-11-30T23:30:00Z") },
    });
    await db().conversation.create({
      data: { shop: other, visitorTokenHash: `csv-${kind}-3`, createdAt: inRange, contactEmail: "leak@example.com" },
    });
    const res = await as(ADMIN, "/app/api/exports/conversations?from=2026-11-01&to=2026-11-30");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = await res.text();
    expect(text).not.toContain("leak@example.com");
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      created_at: "2026-11-10T10:00:00.000Z",
      email: "mia@example.com",
      name: '\'=HYPERLINK("x")',
      tags: "vip",
      rating: "4",
    });
    const audit = await db().auditLog.findFirstOrThrow({ where: { shop, action: "export.conversations" } });
    expect([audit.actorId, JSON.parse(audit.data!)]).toEqual([ids[ADMIN], { from: "2026-11-01", to: "2026-11-30" }]);
  });

  test("a messages export follows keyset pages to the end in time order; a bad range is 422", async () => {
    const conv = await db().conversation.create({
      data: { shop, visitorTokenHash: `csv-${kind}-m`, createdAt: new Date("2026-10-01T10:00:00Z") },
    });
    const base = Date.parse("2026-10-01T10:00:00Z");
    await db().message.createMany({
      data: Array.from({ length: 2_345 }, (_, i) => ({
        shop,
        conversationId: conv.id,
        version: i + 1,
        role: i % 2 ? "ai" : "shopper",
        text: `message ${i}`,
        createdAt: new Date(base + Math.floor(i / 3) * 1000), // ties of three: the id breaks them
      })),
    });
    const res = await as(ADMIN, "/app/api/exports/messages?from=2026-10-01&to=2026-10-01");
    const rows = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2_345);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2_345);
    const order = rows.map((r) => `${r.created_at}|${r.id}`);
    expect(order).toEqual([...order].sort());
    const bad = await as(ADMIN, "/app/api/exports/messages?from=2026-10-05&to=2026-10-01");
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      error: { code: "invalid_request", fields: { to: "The end date is before the start date." } },
    });
    expect((await as(ADMIN, "/app/api/exports/secrets?from=2026-10-01&to=2026-10-01")).status).toBe(404);
  });

  test("transcripts of a conversation and of a ticket, as text and JSON, without internal notes, audited", async () => {
    const conv = await db().conversation.create({
      data: { shop, visitorTokenHash: `tr-${kind}`, createdAt: new Date("2026-11-10T10:00:00Z") },
    });
    await db().message.createMany({
      data: [
        {
          shop,
          conversationId: conv.id,
          version: 1,
          role: "shopper",
          text: "Where is my parcel?",
          createdAt: new Date("2026-11-10T10:00:00Z"),
        },
        {
          shop,
          conversationId: conv.id,
          version: 2,
          role: "operator",
          authorName: "Anna",
          text: "On its way.",
          createdAt: new Date("2026-11-10T10:01:00Z"),
        },
      ],
    });
    await db().internalNote.create({ data: { shop, conversationId: conv.id, text: "secret note" } });
    await db().ticket.create({
      data: { shop, number: 1042, subject: "Parcel", source: "escalation", conversationId: conv.id },
    });
    const text = await (await as(ADMIN, `/app/api/transcripts?conversation=${conv.id}&format=text`)).text();
    expect(text).toContain("[10 Nov 2026, 11:00] Shopper: Where is my parcel?"); // Rome time
    expect(text).toContain("Anna (operator): On its way.");
    expect(text).not.toContain("secret note");
    const json = (await (await as(ADMIN, "/app/api/transcripts?ticket=T-1042&format=json")).json()) as {
      ticket: { number: string };
      conversation: { text: string }[];
    };
    expect(json.ticket.number).toBe("T-1042");
    expect(json.conversation.map((l) => l.text)).toEqual(["Where is my parcel?", "On its way."]);
    expect((await as(ADMIN, "/app/api/transcripts?ticket=T-9999&format=json")).status).toBe(404);
    expect(await db().auditLog.count({ where: { shop, action: "transcript.downloaded" } })).toBe(2);
  });
});
