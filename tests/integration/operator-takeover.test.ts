/**
 * Take over is atomic: when two operators claim the same chat at the same moment, exactly one wins
 * and the other is told who holds it. Real SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setDb } from "~/db.server";
import { takeOver } from "~/domain/conversations/operator.server";
import { DomainError } from "~/domain/conversations/errors";
import { forgetAllVersions } from "~/domain/versions.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

const SHOP = "takeover-test.myshopify.com";

describe.each(databaseKinds)("take over on %s", (kind) => {
  let t: TestDatabase;
  let anna: { id: string; name: string };
  let luca: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setDb(t.db);
    forgetAllVersions();
    await t.db.shop.create({ data: { shop: SHOP } });
    anna = await t.db.operator.create({
      data: { shop: SHOP, staffUserId: "90001", name: "Anna Ferri" },
      select: { id: true, name: true },
    });
    luca = await t.db.operator.create({
      data: { shop: SHOP, staffUserId: "90002", name: "Luca Moretti" },
      select: { id: true, name: true },
    });
  });
  afterAll(async () => {
    setDb(undefined);
    await t?.close();
  });

  async function queuedChat(state = "queued") {
    return t.db.conversation.create({
      data: { shop: SHOP, state, visitorTokenHash: `h-${Math.random()}`, queuedAt: new Date(), version: 2 },
    });
  }

  test("two operators taking over one queued chat at once: exactly one wins, the other learns who", async () => {
    for (let round = 0; round < 8; round++) {
      const chat = await queuedChat(round % 2 ? "queued" : "ai");
      const [first, second] = round % 2 ? [anna, luca] : [luca, anna];
      const results = await Promise.allSettled([takeOver(SHOP, chat.id, first), takeOver(SHOP, chat.id, second)]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);

      const row = await t.db.conversation.findUniqueOrThrow({ where: { id: chat.id } });
      const winner = row.assigneeId === anna.id ? anna : luca;
      expect(row.state).toBe("assigned");
      expect([anna.id, luca.id]).toContain(row.assigneeId);

      const error = lost[0]!.reason as DomainError;
      expect(error).toBeInstanceOf(DomainError);
      expect(error.status).toBe(409);
      expect(error.message).toBe(`already taken by ${winner.name}`);

      // one "take_over" event and one "joined" notice: the loser wrote nothing
      const events = await t.db.conversationEvent.count({ where: { conversationId: chat.id, type: "take_over" } });
      expect(events).toBe(1);
      const notices = await t.db.message.count({ where: { conversationId: chat.id, role: "system" } });
      expect(notices).toBe(1);
    }
  });

  test("taking over a chat another operator holds answers 409 with the holder's name", async () => {
    const chat = await queuedChat();
    await takeOver(SHOP, chat.id, anna);
    await expect(takeOver(SHOP, chat.id, luca)).rejects.toMatchObject({
      status: 409,
      message: "already taken by Anna Ferri",
    });
  });

  test("the holder taking over again changes nothing", async () => {
    const chat = await queuedChat();
    await takeOver(SHOP, chat.id, luca);
    const before = await t.db.conversation.findUniqueOrThrow({ where: { id: chat.id } });
    await takeOver(SHOP, chat.id, luca);
    const after = await t.db.conversation.findUniqueOrThrow({ where: { id: chat.id } });
    expect(after.version).toBe(before.version);
    expect(after.assigneeId).toBe(luca.id);
  });
});
