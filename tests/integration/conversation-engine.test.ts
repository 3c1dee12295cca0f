/** The conversation engine's services and jobs on a real database (SQLite, and PostgreSQL when set). */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";
import { setDb } from "../../app/db.server";
import { resetEnvForTests } from "../../app/env.server";
import { forgetAllVersions, versionEntry } from "../../app/domain/versions.server";
import { availability, invalidateAvailability, queueInfo } from "../../app/domain/conversations/availability.server";
import { setResponder } from "../../app/domain/conversations/responder-registry.server";
import { runReplyJob } from "../../app/domain/conversations/reply-job.server";
import { runTimeouts } from "../../app/domain/conversations/timeouts.server";
import {
  escalateByShopper,
  pollConversation,
  resumeConversation,
  sendShopperMessage,
  startConversation,
} from "../../app/domain/conversations/service.server";
import {
  addNote,
  assign,
  closeConversation,
  operatorReply,
  returnToAi,
  takeOver,
} from "../../app/domain/conversations/operator.server";
import { acceptTransfer, requestTransfer } from "../../app/domain/conversations/transfers.server";
import { DomainError } from "../../app/domain/conversations/errors";
import { HANDOFF_SUMMARY_JOB } from "../../app/domain/conversations/job-types";
import type { Visitor } from "../../app/domain/conversations/tokens.server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const guest = (token: string): Visitor => ({ token, customerId: null });

describe.each(databaseKinds)("conversation engine on %s", (kind) => {
  let database: TestDatabase;
  let n = 0;
  const newShop = async (settings: Record<string, unknown> = {}) => {
    const shop = `engine-${kind}-${++n}.myshopify.com`;
    await database.db.shop.create({ data: { shop, ...settings } });
    return shop;
  };
  const newOperator = (shop: string, name: string, extra: Record<string, unknown> = {}) =>
    database.db.operator.create({
      data: { shop, staffUserId: `${name}-${n}`, name, presence: "online", lastSeenAt: new Date(), ...extra },
    });
  const chatWithMessage = async (shop: string, text = "Where is my order?") => {
    const c = await startConversation(shop, { customerId: null, locale: "en" });
    const sent = await sendShopperMessage(shop, c.conversation.id, guest(c.visitorToken), {
      clientMessageId: `m-${Math.random()}`,
      text,
    });
    return { id: c.conversation.id, token: c.visitorToken, messageId: sent.message.id };
  };

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

  test("once an operator takes over, an AI reply already in flight writes nothing more", async () => {
    const shop = await newShop();
    const anna = await newOperator(shop, "Anna");
    const chat = await chatWithMessage(shop);
    let tookOver!: () => void;
    const midway = new Promise<void>((r) => (tookOver = r));
    const sinkAnswers: boolean[] = [];
    setResponder({
      async respond(_input, sink) {
        sinkAnswers.push(await sink.update("Let me look"));
        tookOver();
        await sleep(400);
        sinkAnswers.push(await sink.update("Let me look that up for you"));
        return { text: "Your order shipped yesterday." };
      },
    });
    const job = runReplyJob(shop, { conversationId: chat.id, messageId: chat.messageId });
    await midway;
    await takeOver(shop, chat.id, anna);
    expect(await job).toBe("stopped");
    expect(sinkAnswers).toEqual([true, false]);
    const ai = await database.db.message.findMany({ where: { conversationId: chat.id, role: "ai" } });
    expect(ai).toHaveLength(1);
    expect(ai[0]).toMatchObject({ text: "Let me look", status: "interrupted" });
    const view = await resumeConversation(shop, chat.id, guest(chat.token));
    expect(view.messages.find((m) => m.role === "ai")?.status).toBe("final");
    expect(view.conversation).toMatchObject({ state: "assigned", operator: { name: "Anna" } });
  });

  test("a reply job that runs twice writes one reply", async () => {
    const shop = await newShop();
    const chat = await chatWithMessage(shop);
    setResponder({ respond: async () => ({ text: "Answer" }) });
    expect(await runReplyJob(shop, { conversationId: chat.id, messageId: chat.messageId })).toBe("written");
    expect(await runReplyJob(shop, { conversationId: chat.id, messageId: chat.messageId })).toBe("already_answered");
    expect(await database.db.message.count({ where: { conversationId: chat.id, role: "ai" } })).toBe(1);
  });

  test("a streaming reply left by a crashed run is completed, not duplicated", async () => {
    const shop = await newShop();
    const chat = await chatWithMessage(shop);
    await database.db.message.create({
      data: {
        shop,
        conversationId: chat.id,
        version: 3,
        role: "ai",
        text: "Half",
        status: "streaming",
        replyToId: chat.messageId,
      },
    });
    setResponder({ respond: async () => ({ text: "Whole answer" }) });
    expect(await runReplyJob(shop, { conversationId: chat.id, messageId: chat.messageId })).toBe("written");
    const ai = await database.db.message.findMany({ where: { conversationId: chat.id, role: "ai" } });
    expect(ai.map((m) => [m.text, m.status])).toEqual([["Whole answer", "final"]]);
  });

  test("two failed AI answers in a row escalate to a person", async () => {
    const shop = await newShop();
    await newOperator(shop, "Luca");
    setResponder({ respond: async () => ({ text: "I don't know", failed: true }) });
    const c = await startConversation(shop, { customerId: null, locale: "en" });
    for (const text of ["first question", "second question"]) {
      const m = await sendShopperMessage(shop, c.conversation.id, guest(c.visitorToken), {
        clientMessageId: text,
        text,
      });
      await runReplyJob(shop, { conversationId: c.conversation.id, messageId: m.message.id });
    }
    const row = await database.db.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } });
    expect(row.state).toBe("assigned");
    const events = await database.db.conversationEvent.findMany({
      where: { conversationId: c.conversation.id, type: "escalate" },
    });
    expect(events).toMatchObject([{ actorType: "system", fromState: "ai", toState: "queued" }]);
  });

  test("a successful answer resets the failure streak", async () => {
    const shop = await newShop();
    const c = await startConversation(shop, { customerId: null, locale: "en" });
    const answers = [true, false, true];
    for (const [i, failed] of answers.entries()) {
      setResponder({ respond: async () => ({ text: "x", failed }) });
      const m = await sendShopperMessage(shop, c.conversation.id, guest(c.visitorToken), {
        clientMessageId: `f${i}`,
        text: `q${i}`,
      });
      await runReplyJob(shop, { conversationId: c.conversation.id, messageId: m.message.id });
    }
    const row = await database.db.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } });
    expect(row).toMatchObject({ state: "ai", aiFailureStreak: 1, offline: false });
  });

  test("the AI's handoff request escalates", async () => {
    const shop = await newShop();
    setResponder({
      respond: async () => ({
        text: "Let me get a colleague.",
        handoff: { reason: "refund dispute", summary: "wants refund" },
      }),
    });
    const chat = await chatWithMessage(shop, "I want a refund now");
    await runReplyJob(shop, { conversationId: chat.id, messageId: chat.messageId });
    const row = await database.db.conversation.findUniqueOrThrow({ where: { id: chat.id } });
    expect(row).toMatchObject({ offline: true, handoffSummary: "wants refund" });
  });

  test('take over fails with 409 "already taken by Anna" when another operator holds the chat', async () => {
    const shop = await newShop();
    const anna = await newOperator(shop, "Anna");
    const luca = await newOperator(shop, "Luca");
    const chat = await chatWithMessage(shop);
    await takeOver(shop, chat.id, anna);
    const error = await takeOver(shop, chat.id, luca).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "conflict", status: 409, message: "already taken by Anna" });
  });

  test("two operators taking over at once: exactly one wins", async () => {
    const shop = await newShop();
    const ops = await Promise.all(["A", "B", "C"].map((x) => newOperator(shop, `Op${x}`)));
    const chat = await chatWithMessage(shop);
    const results = await Promise.allSettled(ops.map((o) => takeOver(shop, chat.id, o)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    }
    const events = await database.db.conversationEvent.findMany({
      where: { conversationId: chat.id, type: "take_over" },
    });
    expect(events).toHaveLength(1);
  });

  test("auto routing picks the online operator with the fewest open chats under capacity", async () => {
    const shop = await newShop();
    const busy = await newOperator(shop, "Busy", { capacity: 5 });
    const full = await newOperator(shop, "Full", { capacity: 1 });
    const free = await newOperator(shop, "Free", { capacity: 5 });
    await newOperator(shop, "Away", { presence: "away" });
    for (const op of [busy, busy, full]) {
      const chat = await chatWithMessage(shop);
      await assign(shop, chat.id, op.id, null);
    }
    const chat = await chatWithMessage(shop);
    await escalateByShopper(shop, chat.id, guest(chat.token));
    const row = await database.db.conversation.findUniqueOrThrow({ where: { id: chat.id } });
    expect(row.assigneeId).toBe(free.id);
  });

  test("one presence rule for the widget and routing: never seen, stale or deactivated operators are not online", async () => {
    const shop = await newShop();
    await newOperator(shop, "NeverSeen", { lastSeenAt: null });
    await newOperator(shop, "Stale", { lastSeenAt: new Date(Date.now() - 10 * 60_000) });
    await newOperator(shop, "Gone", { deactivatedAt: new Date() });
    expect(await availability(shop)).toMatchObject({ operatorsOnline: 0, online: false });
    const chat = await chatWithMessage(shop);
    await escalateByShopper(shop, chat.id, guest(chat.token));
    const row = await database.db.conversation.findUniqueOrThrow({ where: { id: chat.id } });
    expect(row.assigneeId).toBeNull();

    const here = await newOperator(shop, "Here");
    expect(await availability(shop)).toMatchObject({ operatorsOnline: 1 });
    const next = await chatWithMessage(shop);
    await escalateByShopper(shop, next.id, guest(next.token));
    expect((await database.db.conversation.findUniqueOrThrow({ where: { id: next.id } })).assigneeId).toBe(here.id);
  });

  test("a chat handed to a person from the shopper's button gets a handoff summary written for the operator", async () => {
    const shop = await newShop();
    await newOperator(shop, "Summary");
    const chat = await chatWithMessage(shop, "My order #1003 has not arrived yet");
    await escalateByShopper(shop, chat.id, guest(chat.token));
    const job = await database.db.job.findFirstOrThrow({ where: { shop, type: HANDOFF_SUMMARY_JOB } });
    expect(JSON.parse(job.payload)).toEqual({ conversationId: chat.id });

    const { buildHandoffSummary } = await import("../../app/ai/assist.server");
    await buildHandoffSummary(shop, chat.id);
    const row = await database.db.conversation.findUniqueOrThrow({ where: { id: chat.id } });
    expect(row.handoffSummary).toContain("#1003");
  });

  test("manual routing leaves escalated chats queued with a position and a wait estimate from recent waits", async () => {
    const shop = await newShop({ routingMode: "manual" });
    await newOperator(shop, "Anna");
    const now = Date.now();
    // Recent real waits of 60 s and 180 s: median 120 s.
    for (const wait of [60, 180]) {
      const c = await startConversation(shop, { customerId: null });
      await database.db.conversation.update({
        where: { id: c.conversation.id },
        data: {
          state: "closed",
          queuedAt: new Date(now - 3600_000),
          assignedAt: new Date(now - 3600_000 + wait * 1000),
        },
      });
    }
    const first = await chatWithMessage(shop);
    const second = await chatWithMessage(shop);
    await escalateByShopper(shop, first.id, guest(first.token));
    await sleep(5);
    const view = await escalateByShopper(shop, second.id, guest(second.token));
    expect(view.conversation).toMatchObject({ state: "queued", queue: { position: 2, etaSeconds: 240 } });
    const row = await database.db.conversation.findUniqueOrThrow({ where: { id: first.id } });
    expect(await queueInfo(shop, row.queuedAt)).toEqual({ position: 1, etaSeconds: 120 });
  });

  test("outside business hours (a holiday in the shop's time zone) escalation asks for contact details", async () => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" }).format(new Date());
    const shop = await newShop({ timezone: "Europe/Rome", holidays: JSON.stringify([today]) });
    await newOperator(shop, "Anna");
    const chat = await chatWithMessage(shop);
    const view = await escalateByShopper(shop, chat.id, guest(chat.token));
    expect(view.conversation).toMatchObject({ state: "ai", offline: true, online: false });
  });

  test("timeouts: assigned chat with a silent shopper → waiting_shopper; idle AI or queued chat → closed (abandoned); per-shop minutes", async () => {
    const shop = await newShop({ inactivityAwayMinutes: 5, inactivityCloseMinutes: 20, routingMode: "manual" });
    const anna = await newOperator(shop, "Anna");
    const assigned = await chatWithMessage(shop);
    await takeOver(shop, assigned.id, anna);
    const idleAi = await chatWithMessage(shop);
    const queued = await chatWithMessage(shop);
    await escalateByShopper(shop, queued.id, guest(queued.token));
    const fresh = await chatWithMessage(shop);

    const at = (min: number) => new Date(Date.now() + min * 60_000);
    expect(await runTimeouts(at(4))).toMatchObject({ away: 0 });
    const report = await runTimeouts(at(6));
    expect(report.away).toBeGreaterThanOrEqual(1);
    const rowA = await database.db.conversation.findUniqueOrThrow({ where: { id: assigned.id } });
    expect(rowA.state).toBe("waiting_shopper");
    // The shopper comes back: the chat is theirs again.
    await sendShopperMessage(shop, assigned.id, guest(assigned.token), { clientMessageId: "back", text: "I'm back" });
    expect((await database.db.conversation.findUniqueOrThrow({ where: { id: assigned.id } })).state).toBe("assigned");

    await database.db.conversation.update({ where: { id: fresh.id }, data: { lastActivityAt: at(19) } });
    await runTimeouts(at(21));
    const rows = await database.db.conversation.findMany({ where: { id: { in: [idleAi.id, queued.id, fresh.id] } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(idleAi.id)).toMatchObject({ state: "closed", closeReason: "abandoned" });
    expect(byId.get(queued.id)).toMatchObject({ state: "closed", closeReason: "abandoned" });
    expect(byId.get(fresh.id)?.state).toBe("ai");
    const events = await database.db.conversationEvent.findMany({
      where: { conversationId: idleAi.id, type: "close" },
    });
    expect(events).toMatchObject([{ actorType: "system", toState: "closed" }]);
  });

  test("operator reply, transfer with a note, return to AI and close are recorded with their actors; notes never reach the shopper", async () => {
    const shop = await newShop();
    const anna = await newOperator(shop, "Anna");
    const luca = await newOperator(shop, "Luca");
    const chat = await chatWithMessage(shop);
    const before = (await resumeConversation(shop, chat.id, guest(chat.token))).cursor;
    await operatorReply(shop, chat.id, anna, "Hi, I'm Anna");
    await addNote(shop, chat.id, anna, "SECRET internal note");
    await requestTransfer(shop, chat.id, anna, luca.id, "SECRET handover note");
    await acceptTransfer(shop, chat.id, luca);
    await returnToAi(shop, chat.id, luca);
    await closeConversation(shop, chat.id, luca);
    const polled = await pollConversation(shop, chat.id, guest(chat.token), before);
    expect(polled).not.toBeNull();
    expect(JSON.stringify(polled)).not.toContain("SECRET");
    expect(JSON.stringify(await resumeConversation(shop, chat.id, guest(chat.token)))).not.toContain("SECRET");
    expect(polled!.messages.find((m) => m.role === "operator")).toMatchObject({
      text: "Hi, I'm Anna",
      author: { name: "Anna" },
    });
    expect(polled!.conversation.state).toBe("closed");
    const events = await database.db.conversationEvent.findMany({
      where: { conversationId: chat.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.type, e.actorType, e.actorId])).toEqual([
      ["take_over", "operator", anna.id],
      ["transfer", "operator", luca.id],
      ["return_to_ai", "operator", luca.id],
      ["close", "operator", luca.id],
    ]);
    expect(await database.db.internalNote.count({ where: { conversationId: chat.id } })).toBe(2);
  });

  test("every visible change raises the in-process version that polls compare against", async () => {
    const shop = await newShop();
    const chat = await chatWithMessage(shop);
    const v1 = versionEntry(chat.id)?.version ?? 0;
    const anna = await newOperator(shop, "Anna");
    await operatorReply(shop, chat.id, anna, "hello");
    const v2 = versionEntry(chat.id)?.version ?? 0;
    expect(v2).toBeGreaterThan(v1);
    const row = await database.db.conversation.findUniqueOrThrow({ where: { id: chat.id } });
    expect(v2).toBe(row.version);
    expect(await pollConversation(shop, chat.id, guest(chat.token), v2)).toBeNull();
  });
});
