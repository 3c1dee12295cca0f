/**
 * The inbox repository: views, ordering, counts, search (text, email, order number), filters,
 * keyset pagination and the live endpoint's pulse. Real SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setDb } from "~/db.server";
import { listInbox } from "~/repositories/inbox.server";
import { inboxCounts, inboxPulse, queuedSince } from "~/repositories/inbox-live.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

const SHOP = "inbox-test.myshopify.com";
const OTHER = "inbox-other.myshopify.com";
const NOW = new Date("2026-11-26T12:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

describe.each(databaseKinds)("inbox repository on %s", (kind) => {
  let t: TestDatabase;
  let anna: string;
  let luca: string;
  const ids: Record<string, string> = {};

  async function chat(
    name: string,
    data: {
      state: string;
      queuedMin?: number;
      activeMin: number;
      assigneeId?: string;
      email?: string;
      tags?: string;
      shop?: string;
    },
    texts: string[] = [],
  ) {
    const c = await t.db.conversation.create({
      data: {
        shop: data.shop ?? SHOP,
        state: data.state,
        visitorTokenHash: `h-${name}-${Math.random()}`,
        contactName: name,
        contactEmail: data.email ?? null,
        tags: data.tags ?? "",
        assigneeId: data.assigneeId ?? null,
        queuedAt: data.queuedMin === undefined ? null : minutesAgo(data.queuedMin),
        lastActivityAt: minutesAgo(data.activeMin),
        version: texts.length + 1,
      },
    });
    for (const [i, text] of texts.entries()) {
      await t.db.message.create({
        data: { shop: c.shop, conversationId: c.id, version: i + 2, role: i % 2 ? "ai" : "shopper", text },
      });
    }
    ids[name] = c.id;
    return c;
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setDb(t.db);
    await t.db.shop.create({
      // the queued-chat target, not a ticket priority's
      data: {
        shop: SHOP,
        slaTargets: JSON.stringify({ normal: { firstResponseMinutes: 600 }, chat: { firstResponseMinutes: 10 } }),
      },
    });
    anna = (await t.db.operator.create({ data: { shop: SHOP, staffUserId: "1", name: "Anna Ferri" } })).id;
    luca = (await t.db.operator.create({ data: { shop: SHOP, staffUserId: "2", name: "Luca Moretti" } })).id;
    await chat("Queued old", { state: "queued", queuedMin: 12, activeMin: 12 }, ["I want a person"]);
    await chat("Queued new", { state: "queued", queuedMin: 2, activeMin: 2 }, ["Hello?"]);
    await chat("Queued mid", { state: "queued", queuedMin: 9, activeMin: 9, tags: "vip,returns" }, ["Return my boots"]);
    await chat("Anna's", { state: "assigned", queuedMin: 30, activeMin: 1, assigneeId: anna }, [
      "Where is order #1003?",
      "Let me check",
    ]);
    await chat("Luca's", { state: "waiting_shopper", queuedMin: 40, activeMin: 20, assigneeId: luca, tags: "vip" });
    await chat("AI chat", { state: "ai", activeMin: 3, email: "Emma.Schmidt@example.com" }, [
      "Do you ship to Switzerland?",
      "Yes we do",
    ]);
    for (let i = 0; i < 7; i++)
      await chat(`Closed ${i}`, { state: "closed", activeMin: 100 + i, assigneeId: i % 2 ? anna : luca });
    // same activity time for two closed chats: the id breaks the tie
    await chat("Closed tie A", { state: "closed", activeMin: 103 });
    await chat("Closed tie B", { state: "closed", activeMin: 103 });
    await chat("Other shop", { state: "queued", queuedMin: 50, activeMin: 50, shop: OTHER }, ["order #1003"]);
  });
  afterAll(async () => {
    setDb(undefined);
    await t?.close();
  });

  const names = (rows: { displayName: string }[]) => rows.map((r) => r.displayName);

  test("the queue lists queued chats oldest first with their wait and SLA badge", async () => {
    const { rows } = await listInbox(SHOP, { view: "queue", operatorId: anna }, NOW);
    expect(names(rows)).toEqual(["Queued old", "Queued mid", "Queued new"]);
    expect(rows.map((r) => r.waitSeconds)).toEqual([720, 540, 120]);
    expect(rows.map((r) => r.sla?.status)).toEqual(["breached", "warning", "ok"]);
    // due ten minutes after queuing (the shop is always open)
    expect(rows.map((r) => r.sla?.dueAt)).toEqual(
      [minutesAgo(2), minutesAgo(-1), minutesAgo(-8)].map((d) => d.toISOString()),
    );
    expect(rows[0]!.preview).toEqual({ role: "shopper", text: "I want a person" });
  });

  test("Mine holds only my open chats; All open, With AI and Closed hold their states, newest activity first", async () => {
    expect(names((await listInbox(SHOP, { view: "mine", operatorId: anna }, NOW)).rows)).toEqual(["Anna's"]);
    expect(names((await listInbox(SHOP, { view: "mine", operatorId: luca }, NOW)).rows)).toEqual(["Luca's"]);
    expect(names((await listInbox(SHOP, { view: "open", operatorId: anna }, NOW)).rows)).toEqual([
      "Anna's",
      "Queued new",
      "Queued mid",
      "Queued old",
      "Luca's",
    ]);
    expect(names((await listInbox(SHOP, { view: "ai", operatorId: anna }, NOW)).rows)).toEqual(["AI chat"]);
    const closed = await listInbox(SHOP, { view: "closed", operatorId: anna, limit: 100 }, NOW);
    expect(closed.rows).toHaveLength(9);
    expect(closed.rows[0]!.displayName).toBe("Closed 0");
  });

  test("counts per view", async () => {
    expect(await inboxCounts(SHOP, anna)).toEqual({ queue: 3, mine: 1, open: 5, ai: 1, closed: 9 });
  });

  test("keyset pagination walks every row once, ties included", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listInbox(SHOP, { view: "closed", operatorId: anna, limit: 2, cursor }, NOW);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(9);
    expect(seen).toEqual(
      (await listInbox(SHOP, { view: "closed", operatorId: anna, limit: 100 }, NOW)).rows.map((r) => r.id),
    );
  });

  test("keyset pagination of the queue (oldest first) walks every row once", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listInbox(SHOP, { view: "queue", operatorId: anna, limit: 1, cursor }, NOW);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && seen.length < 20);
    expect(seen).toEqual(
      (await listInbox(SHOP, { view: "queue", operatorId: anna, limit: 100 }, NOW)).rows.map((r) => r.id),
    );
    expect(seen).toHaveLength(3);
  });

  test("an unreadable cursor starts from the first page", async () => {
    const page = await listInbox(SHOP, { view: "queue", operatorId: anna, cursor: "not-a-cursor" }, NOW);
    expect(names(page.rows)[0]).toBe("Queued old");
  });

  test("search by text, by email (any case) and by order number", async () => {
    expect(names((await listInbox(SHOP, { view: "open", operatorId: anna, q: "boots" }, NOW)).rows)).toEqual([
      "Queued mid",
    ]);
    expect(names((await listInbox(SHOP, { view: "ai", operatorId: anna, q: "switzerland" }, NOW)).rows)).toEqual([
      "AI chat",
    ]);
    expect(
      names((await listInbox(SHOP, { view: "ai", operatorId: anna, q: "Emma.Schmidt@example.com" }, NOW)).rows),
    ).toEqual(["AI chat"]);
    expect(names((await listInbox(SHOP, { view: "ai", operatorId: anna, q: "emma.schmidt@" }, NOW)).rows)).toEqual([
      "AI chat",
    ]);
    // order numbers match with or without "#", and never across shops
    expect(names((await listInbox(SHOP, { view: "open", operatorId: anna, q: "#1003" }, NOW)).rows)).toEqual([
      "Anna's",
    ]);
    expect(names((await listInbox(SHOP, { view: "open", operatorId: anna, q: "1003" }, NOW)).rows)).toEqual(["Anna's"]);
    expect((await listInbox(SHOP, { view: "open", operatorId: anna, q: "zeppelin" }, NOW)).rows).toEqual([]);
  });

  test("filters by state, whole tag and operator", async () => {
    expect(
      names((await listInbox(SHOP, { view: "open", operatorId: anna, state: "waiting_shopper" }, NOW)).rows),
    ).toEqual(["Luca's"]);
    expect(names((await listInbox(SHOP, { view: "open", operatorId: anna, tag: "vip" }, NOW)).rows)).toEqual([
      "Queued mid",
      "Luca's",
    ]);
    expect((await listInbox(SHOP, { view: "open", operatorId: anna, tag: "vi" }, NOW)).rows).toEqual([]);
    expect(names((await listInbox(SHOP, { view: "open", operatorId: anna, assigneeId: luca }, NOW)).rows)).toEqual([
      "Luca's",
    ]);
    const annaClosed = await listInbox(SHOP, { view: "closed", operatorId: luca, assigneeId: anna, limit: 100 }, NOW);
    expect(annaClosed.rows.every((r) => r.assignee?.name === "Anna Ferri")).toBe(true);
    expect(annaClosed.rows).toHaveLength(3);
  });

  test("the pulse moves when a conversation changes; queuedSince lists chats queued after a time", async () => {
    const before = await inboxPulse(SHOP, anna);
    await new Promise((r) => setTimeout(r, 5));
    await t.db.conversation.update({ where: { id: ids["AI chat"]! }, data: { state: "queued", queuedAt: new Date() } });
    const after = await inboxPulse(SHOP, anna);
    expect(after.lastChangeAt).not.toBe(before.lastChangeAt);
    expect(after.counts.queue).toBe(before.counts.queue + 1);
    const fresh = await queuedSince(SHOP, minutesAgo(-60 * 24 * 365 * 50));
    expect(fresh).toEqual([]);
    const recent = await queuedSince(SHOP, new Date(Date.now() - 60_000));
    expect(recent.map((r) => r.displayName)).toEqual(["AI chat"]);
  });

  test("a chat's clock runs in business time, and a breach the SLA sweep recorded stays shown after the reply", async () => {
    const closedShop = "inbox-holiday.myshopify.com";
    // the shop is closed all day today (a holiday): the 12 minutes waited so far do not count
    await t.db.shop.create({
      data: {
        shop: closedShop,
        timezone: "UTC",
        holidays: JSON.stringify(["2026-11-26"]),
        slaTargets: JSON.stringify({ chat: { firstResponseMinutes: 10 } }),
      },
    });
    const waiting = await chat("Holiday wait", { state: "queued", queuedMin: 12, activeMin: 12, shop: closedShop });
    const answered = await chat("Answered late", {
      state: "assigned",
      queuedMin: 30,
      activeMin: 1,
      assigneeId: anna,
      shop: closedShop,
    });
    await t.db.conversation.update({ where: { id: answered.id }, data: { firstHumanReplyAt: minutesAgo(1) } });
    await t.db.slaAlert.create({
      data: {
        shop: closedShop,
        subjectType: "conversation",
        subjectId: answered.id,
        target: "first_response",
        level: "breached",
        dueAt: minutesAgo(20),
      },
    });
    const queue = await listInbox(closedShop, { view: "queue", operatorId: anna }, NOW);
    expect(queue.rows.map((r) => [r.id, r.sla])).toEqual([
      [waiting.id, { status: "ok", dueAt: "2026-11-27T00:10:00.000Z", breachRecorded: false }],
    ]);
    const open = await listInbox(closedShop, { view: "open", operatorId: anna }, NOW);
    const late = open.rows.find((r) => r.id === answered.id)!;
    expect(late.waitSeconds).toBeNull();
    expect(late.sla).toEqual({ status: "breached", dueAt: minutesAgo(20).toISOString(), breachRecorded: true });
    // another shop's alert for the same kind of chat is not read
    const mine = await listInbox(SHOP, { view: "open", operatorId: anna }, NOW);
    expect(mine.rows.every((r) => !r.sla?.breachRecorded)).toBe(true);
  });
});
