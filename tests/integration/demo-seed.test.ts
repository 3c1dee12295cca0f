/**
 * The demo seed on a real database: idempotent, faithful to the fixture, and enough for the real
 * admin to authenticate with a demo session token and no token exchange (no network).
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { setDb } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { seedDemo } from "~/demo/seed.server";
import { sweepOverdueTickets } from "~/domain/sla/jobs.server";
import { slaCounts } from "~/repositories/analytics.server";
import { adminHostParam, mintSessionToken } from "~/demo/signing.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

const SHOP = "tandem-demo.myshopify.com";

async function tableCounts(t: TestDatabase) {
  return {
    sessions: await t.db.session.count(),
    operators: await t.db.operator.count(),
    knowledge: await t.db.knowledgeEntry.count(),
    canned: await t.db.cannedResponse.count(),
    conversations: await t.db.conversation.count(),
    messages: await t.db.message.count(),
    events: await t.db.conversationEvent.count(),
    tickets: await t.db.ticket.count(),
  };
}

describe.each(databaseKinds)("demo seed on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  test("a second run adds nothing and changes no counts", async () => {
    const first = await seedDemo(t.db);
    expect(first.created.conversations).toBeGreaterThanOrEqual(5);
    const before = await tableCounts(t);
    const second = await seedDemo(t.db);
    expect(second.created).toEqual({ conversations: 0, knowledge: 0, operators: 0, tickets: 0 });
    expect(await tableCounts(t)).toEqual(before);
  });

  test("has the fixture's shop settings, operators, FAQ and policies", async () => {
    const shop = await t.db.shop.findUniqueOrThrow({ where: { shop: SHOP } });
    expect(shop.timezone).toBe("Europe/Rome");
    expect(JSON.parse(shop.businessHours).sun).toBeNull();
    expect(JSON.parse(shop.holidays)).toContain("2026-12-25");
    const operators = await t.db.operator.findMany({ where: { shop: SHOP }, orderBy: { staffUserId: "asc" } });
    expect(operators.map((o) => [o.staffUserId, o.name, o.role])).toEqual([
      ["90001", "Anna Ferri", "admin"],
      ["90002", "Luca Moretti", "operator"],
    ]);
    expect(await t.db.knowledgeEntry.count({ where: { shop: SHOP, kind: "faq" } })).toBe(23);
    expect(await t.db.knowledgeEntry.count({ where: { shop: SHOP, kind: "policy" } })).toBe(4);
  });

  test("has conversations in every open state, each with a cursor at or past its messages", async () => {
    const states = (await t.db.conversation.findMany({ where: { shop: SHOP }, select: { state: true } })).map(
      (c) => c.state,
    );
    expect(new Set(states)).toEqual(new Set(["ai", "queued", "assigned", "waiting_shopper", "closed"]));
    for (const c of await t.db.conversation.findMany({ where: { shop: SHOP }, include: { messages: true } })) {
      expect(c.messages.length).toBe(c.messageCount);
      expect(Math.max(...c.messages.map((m) => m.version))).toBeLessThanOrEqual(c.version);
    }
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { shop_number: { shop: SHOP, number: 1001 } } });
    expect(ticket.status).toBe("open");
  });
});

describe("the real admin in demo mode", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    await seedDemo(t.db);
    setDb(t.db);
    vi.stubEnv("TANDEM_DEMO", "1");
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("SHOPIFY_API_KEY", "");
    vi.stubEnv("SHOPIFY_API_SECRET", "");
    resetEnvForTests();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    setDb(undefined);
    await t.close();
  });

  test("authenticates a demo session token with the seeded offline session, without a token exchange", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const { authenticate } = await import("~/shopify.server");
    const { token } = mintSessionToken({
      shop: SHOP,
      apiKey: "tandem-demo-key",
      secret: "tandem-demo-secret",
      staffUserId: "90002",
    });
    const url = `http://localhost:3000/app?embedded=1&shop=${SHOP}&host=${encodeURIComponent(adminHostParam(SHOP))}&id_token=${token}`;
    const { session, sessionToken } = await authenticate.admin(
      new Request(url, { headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0" } }),
    );
    expect(session.id).toBe(`offline_${SHOP}`);
    // a token exchange would have replaced the seeded access token (or failed: there is no network)
    expect(session.accessToken).toBe("demo-offline-access-token");
    expect(sessionToken?.sub).toBe("90002");
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  test("the ticket seeded past its first-response deadline has its breach recorded by the first SLA sweep", async () => {
    await seedDemo(t.db);
    const ticket = await t.db.ticket.findFirstOrThrow({ where: { shop: SHOP, number: 1001 } });
    expect(ticket.firstResponseDueAt!.getTime()).toBeLessThan(Date.now());
    const period = { start: new Date(Date.now() - 7 * 86_400_000), end: new Date(Date.now() + 86_400_000) };
    expect((await slaCounts(SHOP, period, t.db)).firstResponse).toEqual({ due: 1, breached: 0 });
    expect(await sweepOverdueTickets(new Date(), t.db)).toBe(1);
    expect((await slaCounts(SHOP, period, t.db)).firstResponse).toEqual({ due: 1, breached: 1 });
    const after = await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.slaBreachedAt).not.toBeNull();
    expect(await sweepOverdueTickets(new Date(), t.db)).toBe(0);
  });
});
