/** Retention: closed conversations past the shop's retention period are deleted, nothing else. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";
import { setDb } from "../../app/db.server";
import { resetEnvForTests } from "../../app/env.server";
import { rememberConversation, versionEntry } from "../../app/domain/versions.server";
import { runRetention } from "../../app/domain/conversations/retention.server";

const DAY = 24 * 60 * 60_000;

describe.each(databaseKinds)("retention on %s", (kind) => {
  let database: TestDatabase;
  const now = new Date("2027-06-01T12:00:00Z");

  const conversation = (shop: string, id: string, state: string, closedDaysAgo: number | null) =>
    database.db.conversation
      .create({
        data: {
          id,
          shop,
          state,
          visitorTokenHash: `hash-${id}`,
          closedAt: closedDaysAgo === null ? null : new Date(now.getTime() - closedDaysAgo * DAY),
          messages: { create: [{ shop, version: 1, role: "shopper", text: "hello" }] },
          events: { create: [{ shop, type: "transition", actorType: "system" }] },
          notes: { create: [{ shop, text: "internal" }] },
        },
      })
      .then(async (row) => {
        // The change feed's row and a workflow answer of the conversation go with it.
        await database.db.domainEvent.create({
          data: { id: `evt-${id}`, shop, type: "conversation.created", conversationId: id },
        });
        await database.db.workflowAnswer.create({
          data: { messageId: `msg-${id}`, shop, conversationId: id, payload: "{}" },
        });
        return row;
      });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    process.env.DATABASE_URL = database.url;
    resetEnvForTests();
    setDb(database.db);
    await database.db.shop.create({ data: { shop: "keep-long.myshopify.com", retentionDays: 365 } });
    await database.db.shop.create({ data: { shop: "keep-short.myshopify.com", retentionDays: 30 } });
    await conversation("keep-long.myshopify.com", `${kind}-long-old`, "closed", 400);
    await conversation("keep-long.myshopify.com", `${kind}-long-recent`, "closed", 100);
    await conversation("keep-long.myshopify.com", `${kind}-long-open`, "assigned", null);
    await conversation("keep-short.myshopify.com", `${kind}-short-old`, "closed", 31);
    await conversation("keep-short.myshopify.com", `${kind}-short-recent`, "closed", 29);
  });
  afterAll(async () => {
    setDb(undefined);
    await database.close();
  });

  test("deletes only closed conversations older than each shop's retention, with their messages, notes and events", async () => {
    rememberConversation(
      `${kind}-long-old`,
      { shop: "keep-long.myshopify.com", visitorTokenHash: "hash", customerId: null },
      3,
    );
    const report = await runRetention(now);
    expect(report).toEqual({ deleted: 2, unansweredQuestions: 0, dataRequests: 0, shops: 2 });

    const left = await database.db.conversation.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    expect(left.map((c) => c.id)).toEqual([`${kind}-long-open`, `${kind}-long-recent`, `${kind}-short-recent`].sort());
    expect(await database.db.message.count()).toBe(3);
    expect(await database.db.internalNote.count()).toBe(3);
    expect(await database.db.conversationEvent.count()).toBe(3);
    expect(await database.db.domainEvent.count()).toBe(3);
    expect(await database.db.workflowAnswer.count()).toBe(3);
    // A deleted conversation is no longer answered from the poll path's memory.
    expect(versionEntry(`${kind}-long-old`)).toBeUndefined();

    const audit = await database.db.auditLog.findMany({ where: { action: "retention.purged" } });
    expect(audit.map((a) => [a.shop, JSON.parse(a.data ?? "{}").deleted]).sort()).toEqual([
      ["keep-long.myshopify.com", 1],
      ["keep-short.myshopify.com", 1],
    ]);
  });

  test("a second run deletes nothing more", async () => {
    expect(await runRetention(now)).toEqual({ deleted: 0, unansweredQuestions: 0, dataRequests: 0, shops: 0 });
  });
});
