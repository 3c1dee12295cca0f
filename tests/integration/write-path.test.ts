/**
 * The one write path of conversation commands (app/domain/conversations/store.server.ts and
 * commands.server.ts through app/db/sql.server.ts) on a real database: SQLite, and PostgreSQL when
 * TEST_DATABASE_URL is set. Every visible change bumps the version once and appends one change-feed
 * event in its own transaction; a refused or failed write leaves neither.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";
import { pgPoolOf, setDb } from "../../app/db.server";
import { roundTrips } from "../helpers/pg-round-trips";
import { resetEnvForTests } from "../../app/env.server";
import { writeUnit, writeUnitStats } from "../../app/db/sql.server";
import { appendEventSql } from "../../app/domain/events.server";
import { forgetAllVersions, onVersion } from "../../app/domain/versions.server";
import { invalidateAvailability } from "../../app/domain/conversations/availability.server";
import { setResponder } from "../../app/domain/conversations/responder-registry.server";
import { runReplyJob } from "../../app/domain/conversations/reply-job.server";
import {
  closeByShopper,
  escalateByShopper,
  sendShopperMessage,
  startConversation,
} from "../../app/domain/conversations/service.server";
import { rateConversation } from "../../app/domain/conversations/shopper-followup.server";
import { takeOver } from "../../app/domain/conversations/operator.server";
import { DomainError } from "../../app/domain/conversations/errors";
import type { Visitor } from "../../app/domain/conversations/tokens.server";

const guest = (token: string): Visitor => ({ token, customerId: null });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(databaseKinds)("the one write path on %s", (kind) => {
  let database: TestDatabase;
  let n = 0;
  const newShop = async (settings: Record<string, unknown> = {}) => {
    const shop = `write-${kind}-${++n}.myshopify.com`;
    await database.db.shop.create({ data: { shop, ...settings } });
    return shop;
  };
  const newChat = async (shop: string) => {
    const c = await startConversation(shop, { customerId: null, locale: "en" });
    return { id: c.conversation.id, visitor: guest(c.visitorToken) };
  };
  const events = (conversationId: string) =>
    database.db.domainEvent.findMany({ where: { conversationId }, orderBy: { seq: "asc" } });
  const version = async (id: string) =>
    (await database.db.conversation.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    process.env.DATABASE_URL = database.url;
    resetEnvForTests();
    setDb(database.db);
    forgetAllVersions();
    invalidateAvailability();
  });
  afterAll(async () => {
    setResponder(undefined);
    setDb(undefined);
    await database.close();
  });

  test("eight concurrent sends of one clientMessageId store one message, one event and one version bump", async () => {
    const shop = await newShop();
    const chat = await newChat(shop);
    const before = await version(chat.id);
    const sends = await Promise.all(
      Array.from({ length: 8 }, () =>
        sendShopperMessage(shop, chat.id, chat.visitor, { clientMessageId: "same", text: "Is it in stock?" }),
      ),
    );
    expect(sends.filter((s) => s.created)).toHaveLength(1);
    expect(new Set(sends.map((s) => s.message.id)).size).toBe(1);
    expect(await database.db.message.count({ where: { conversationId: chat.id } })).toBe(1);
    expect(await version(chat.id)).toBe(before + 1);
    const feed = await events(chat.id);
    expect(feed.map((e) => e.type)).toEqual(["conversation.created", "message.created"]);
    expect(JSON.parse(feed[1]!.data)).toMatchObject({
      conversationId: chat.id,
      state: "ai",
      messageId: sends[0]!.message.id,
      role: "shopper",
      text: "Is it in stock?",
      authorName: null,
    });
    expect(await database.db.job.count({ where: { type: "conversation.reply", shop } })).toBe(1);
  });

  test("a closed conversation refuses a message with 409 conversation_closed and writes nothing", async () => {
    const shop = await newShop();
    const chat = await newChat(shop);
    await closeByShopper(shop, chat.id, chat.visitor);
    const [v, feed] = [await version(chat.id), (await events(chat.id)).length];
    const error = await sendShopperMessage(shop, chat.id, chat.visitor, {
      clientMessageId: "late",
      text: "Hello?",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("conflict");
    expect((error as DomainError).details).toMatchObject({ reason: "conversation_closed" });
    expect(await version(chat.id)).toBe(v);
    expect(await events(chat.id)).toHaveLength(feed);
    expect(await database.db.message.count({ where: { conversationId: chat.id, role: "shopper" } })).toBe(0);
    expect((await events(chat.id)).map((e) => e.type)).toContain("conversation.closed");
  });

  test("once a person holds the chat no AI reply is written, and the stream already shown ends interrupted", async () => {
    const shop = await newShop();
    const anna = await database.db.operator.create({
      data: { shop, staffUserId: `anna-${n}`, name: "Anna", presence: "online", lastSeenAt: new Date() },
    });
    const chat = await newChat(shop);
    const sent = await sendShopperMessage(shop, chat.id, chat.visitor, { clientMessageId: "q1", text: "Where is it?" });
    let halfway!: () => void;
    const streamed = new Promise<void>((r) => (halfway = r));
    const sinkAnswers: boolean[] = [];
    setResponder({
      async respond(_input, sink) {
        sinkAnswers.push(await sink.update("Let me"));
        halfway();
        await sleep(350);
        sinkAnswers.push(await sink.update("Let me look that up"));
        return { text: "It shipped." };
      },
    });
    const job = runReplyJob(shop, { conversationId: chat.id, messageId: sent.message.id });
    await streamed;
    await takeOver(shop, chat.id, anna);
    expect(await job).toBe("stopped");
    expect(sinkAnswers).toEqual([true, false]);
    const ai = await database.db.message.findMany({ where: { conversationId: chat.id, role: "ai" } });
    expect(ai.map((m) => [m.text, m.status])).toEqual([["Let me", "interrupted"]]);
    // A job for the same message after the take-over writes nothing at all.
    expect(await runReplyJob(shop, { conversationId: chat.id, messageId: sent.message.id })).toBe("skipped");
    const feed = (await events(chat.id)).map((e) => e.type);
    expect(feed).toEqual(["conversation.created", "message.created", "conversation.assigned"]);
    const assigned = (await events(chat.id)).find((e) => e.type === "conversation.assigned")!;
    expect(JSON.parse(assigned.data)).toMatchObject({ operatorId: anna.id, operatorName: "Anna", state: "assigned" });
  });

  test("a final AI reply is one message.created, however many partial writes streamed it", async () => {
    const shop = await newShop();
    const chat = await newChat(shop);
    const sent = await sendShopperMessage(shop, chat.id, chat.visitor, { clientMessageId: "q", text: "Returns?" });
    setResponder({
      async respond(_input, sink) {
        await sink.update("Thirty");
        await sleep(300);
        await sink.update("Thirty days");
        return { text: "Thirty days from delivery." };
      },
    });
    const bumps: number[] = [];
    const off = onVersion((id, v) => id === chat.id && bumps.push(v));
    const before = await version(chat.id);
    expect(await runReplyJob(shop, { conversationId: chat.id, messageId: sent.message.id })).toBe("written");
    off();
    // Two partial writes and the final one: three visible changes, three bumps, each published once.
    expect(await version(chat.id)).toBe(before + 3);
    expect(bumps).toEqual([before + 1, before + 2, before + 3]);
    const created = (await events(chat.id)).filter((e) => e.type === "message.created").map((e) => JSON.parse(e.data));
    expect(created.map((d: { role: string; text: string }) => [d.role, d.text])).toEqual([
      ["shopper", "Returns?"],
      ["ai", "Thirty days from delivery."],
    ]);
  });

  test("escalation and rating each append their event with the documented data", async () => {
    const shop = await newShop({ routingMode: "manual" });
    await database.db.operator.create({
      data: { shop, staffUserId: `luca-${n}`, name: "Luca", presence: "online", lastSeenAt: new Date() },
    });
    const ahead = await newChat(shop);
    await escalateByShopper(shop, ahead.id, ahead.visitor);
    const chat = await newChat(shop);
    await escalateByShopper(shop, chat.id, chat.visitor);
    await closeByShopper(shop, chat.id, chat.visitor);
    await rateConversation(shop, chat.id, chat.visitor, 4, "quick");
    const feed = await events(chat.id);
    expect(feed.map((e) => e.type)).toEqual([
      "conversation.created",
      "conversation.escalated",
      "conversation.closed",
      "rating.created",
    ]);
    expect(JSON.parse(feed[1]!.data)).toMatchObject({
      conversationId: chat.id,
      state: "queued",
      reason: "button",
      queuePosition: 2,
      actor: "shopper",
    });
    expect(JSON.parse(feed.find((e) => e.type === "conversation.closed")!.data)).toMatchObject({
      reason: "closed_by_shopper",
      state: "closed",
    });
    expect(JSON.parse(feed.find((e) => e.type === "rating.created")!.data)).toMatchObject({
      score: 4,
      comment: "quick",
    });
  });

  test("a unit that fails leaves no event and no change, and the units committed with it stay", async () => {
    const shop = await newShop();
    const chat = await newChat(shop);
    const before = (await events(chat.id)).length;
    const failing = writeUnit(async (q) => {
      await appendEventSql(q, { shop, type: "message.created", conversationId: chat.id, data: {} });
      await q.run(`UPDATE "Conversation" SET "version" = "version" + 1 WHERE "id" = $1 AND "shop" = $2`, chat.id, shop);
      throw new Error("the write failed half-way");
    });
    const ok = sendShopperMessage(shop, chat.id, chat.visitor, { clientMessageId: "ok", text: "Still here" });
    await expect(failing).rejects.toThrow("the write failed half-way");
    await ok;
    const feed = await events(chat.id);
    expect(feed).toHaveLength(before + 1);
    expect(JSON.parse(feed.at(-1)!.data)).toMatchObject({ text: "Still here" });
  });

  test("concurrent messages to forty chats are all stored (on SQLite in shared group commits)", async () => {
    const shop = await newShop();
    const chats = await Promise.all(Array.from({ length: 40 }, () => newChat(shop)));
    const before = writeUnitStats(database.db);
    await Promise.all(
      chats.map((c, i) => sendShopperMessage(shop, c.id, c.visitor, { clientMessageId: `m${i}`, text: `hello ${i}` })),
    );
    const after = writeUnitStats(database.db);
    expect(await database.db.message.count({ where: { shop, role: "shopper" } })).toBe(40);
    expect(await database.db.domainEvent.count({ where: { shop, type: "message.created" } })).toBe(40);
    if (kind === "sqlite") {
      expect(after.units - before.units).toBe(40);
      expect(after.batches - before.batches).toBeLessThan(40);
    }
  });

  test.runIf(kind === "postgresql")(
    "a shopper message is four round trips to PostgreSQL, its writes sent with the statements that follow them",
    async () => {
      const shop = await newShop();
      const chat = await newChat(shop);
      const pool = pgPoolOf(database.db)!;
      const { value: sent, sent: statements } = await roundTrips(pool, () =>
        sendShopperMessage(shop, chat.id, chat.visitor, { clientMessageId: "rt", text: "Do you ship to Lyon?" }),
      );
      expect(sent.created).toBe(true);
      // BEGIN with the conversation and the clientMessageId check; the version bump; the counters,
      // the message, its feed event and the reply job; the notifications with the COMMIT.
      expect(statements).toHaveLength(4);
      expect(statements[0]).toMatch(/^BEGIN; SELECT .* FROM "Conversation"/s);
      expect(statements[1]).toMatch(/^UPDATE "Conversation" SET "version" = "version" \+ 1/);
      expect(statements[2]).toMatch(
        /^UPDATE "Conversation" .*; INSERT INTO "Message" .*; INSERT INTO "DomainEvent" .*; INSERT INTO "Job"/s,
      );
      expect(statements[3]).toMatch(/^SELECT pg_notify\('tandem_versions', .*pg_notify\('tandem_jobs', .*; COMMIT$/s);
      expect(await database.db.message.count({ where: { conversationId: chat.id } })).toBe(1);
      expect(await database.db.job.count({ where: { dedupeKey: `reply:${sent.message.id}` } })).toBe(1);
    },
  );

  test.runIf(kind === "postgresql")("an AI reply is two reads and one unit of three round trips", async () => {
    const shop = await newShop();
    const chat = await newChat(shop);
    const sent = await sendShopperMessage(shop, chat.id, chat.visitor, { clientMessageId: "rt2", text: "Returns?" });
    setResponder({ respond: async () => ({ text: "Thirty days from delivery." }) });
    const { value, sent: statements } = await roundTrips(pgPoolOf(database.db)!, () =>
      runReplyJob(shop, { conversationId: chat.id, messageId: sent.message.id }),
    );
    expect(value).toBe("written");
    const begin = statements.findIndex((s) => s.startsWith("BEGIN"));
    // Before it: the conversation, the reply already written and the question in one read, and the
    // history the model answers with.
    expect(statements.slice(0, begin)).toHaveLength(2);
    expect(statements[0]).toMatch(/FROM "Conversation" c\s+LEFT JOIN "Message" r .* LEFT JOIN "Message" m/s);
    expect(statements[1]).toMatch(/ORDER BY "createdAt" DESC, "id" DESC LIMIT 40/);
    const unit = statements.slice(begin);
    // BEGIN with the conversation; the guarded bump; the message, its feed event, the counters and COMMIT.
    expect(unit).toHaveLength(3);
    expect(unit[0]).toMatch(/^BEGIN; SELECT .* FROM "Conversation"/s);
    expect(unit[1]).toMatch(/^UPDATE "Conversation" SET "version" = "version" \+ 1/);
    expect(unit[2]).toMatch(
      /^INSERT INTO "Message" .*; INSERT INTO "DomainEvent" .*; UPDATE "Conversation" .*; COMMIT$/s,
    );
    const reply = await database.db.message.findFirstOrThrow({ where: { conversationId: chat.id, role: "ai" } });
    expect([reply.text, reply.status, reply.replyToId]).toEqual([
      "Thirty days from delivery.",
      "final",
      sent.message.id,
    ]);
  });
});
