/**
 * Transfers the receiver accepts (ADR 220), on a real database (SQLite, and PostgreSQL when set):
 * a transfer waits for the named colleague; accept gives them the chat, decline or the timeout send
 * it to the queue; a deactivated receiver's transfers go to the queue; of two answers racing one
 * wins; nobody but the receiver (and nobody of another shop) can answer. The shopper sees the sender
 * until the answer, never a flicker through another state.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";
import { setDb } from "../../app/db.server";
import { resetEnvForTests } from "../../app/env.server";
import { forgetAllVersions } from "../../app/domain/versions.server";
import { invalidateAvailability } from "../../app/domain/conversations/availability.server";
import {
  escalateByShopper,
  pollConversation,
  resumeConversation,
  sendShopperMessage,
  startConversation,
} from "../../app/domain/conversations/service.server";
import { operatorReply, takeOver } from "../../app/domain/conversations/operator.server";
import {
  acceptTransfer,
  cancelTransfer,
  chatsAwaitingAnswerFrom,
  declineTransfer,
  expireTransfer,
  pendingTransfer,
  requestTransfer,
  TRANSFER_TIMEOUT_JOB,
} from "../../app/domain/conversations/transfers.server";
import { changeMember } from "../../app/domain/team/team.server";
import { listNotifications } from "../../app/domain/notifications.server";
import { DomainError } from "../../app/domain/conversations/errors";
import type { Visitor } from "../../app/domain/conversations/tokens.server";

const guest = (token: string): Visitor => ({ token, customerId: null });

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe.each(databaseKinds)("transfers on %s", (kind) => {
  let database: TestDatabase;
  let n = 0;

  const newShop = async (settings: Record<string, unknown> = {}) => {
    const shop = `transfers-${kind}-${++n}.myshopify.com`;
    await database.db.shop.create({ data: { shop, businessHours: "{}", routingMode: "manual", ...settings } });
    return shop;
  };
  const newOperator = async (shop: string, name: string, extra: Record<string, unknown> = {}) => {
    const row = await database.db.operator.create({
      data: { shop, staffUserId: `${name}-${n}`, name, presence: "online", lastSeenAt: new Date(), ...extra },
    });
    return { id: row.id, name: row.name, role: row.role };
  };
  /** A chat Anna holds, with the shopper's visitor token and cursor after Anna's reply. */
  const heldChat = async (shop: string, anna: { id: string; name: string }) => {
    const c = await startConversation(shop, { customerId: null, locale: "en" });
    const visitor = guest(c.visitorToken);
    await sendShopperMessage(shop, c.conversation.id, visitor, { clientMessageId: `m-${Math.random()}`, text: "Hi" });
    await escalateByShopper(shop, c.conversation.id, visitor, "button");
    await takeOver(shop, c.conversation.id, anna);
    await operatorReply(shop, c.conversation.id, anna, "Anna here");
    const { cursor } = await resumeConversation(shop, c.conversation.id, visitor);
    return { id: c.conversation.id, visitor, cursor };
  };
  const row = (id: string) => database.db.conversation.findUniqueOrThrow({ where: { id } });
  const feed = (conversationId: string, type: string) =>
    database.db.domainEvent.findMany({ where: { conversationId, type }, orderBy: { seq: "asc" } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    process.env.DATABASE_URL = database.url;
    resetEnvForTests();
    setDb(database.db);
    forgetAllVersions();
    invalidateAvailability();
  });
  afterAll(async () => {
    setDb(undefined);
    await database.close();
  });

  test("a transfer waits for the receiver: the shopper still sees the sender; accepting gives the receiver the chat", async () => {
    const shop = await newShop();
    const anna = await newOperator(shop, "Anna");
    const luca = await newOperator(shop, "Luca");
    const chat = await heldChat(shop, anna);

    const before = Date.now();
    const pending = await requestTransfer(shop, chat.id, anna, luca.id, "sizing question");
    expect(pending).toMatchObject({ fromName: "Anna", toName: "Luca" });
    const wait = Date.parse(pending.expiresAt) - before;
    expect(wait).toBeGreaterThanOrEqual(119_000);
    expect(wait).toBeLessThanOrEqual(121_000);

    // nothing the shopper sees changed: no new version, still Anna's chat
    expect(await pollConversation(shop, chat.id, chat.visitor, chat.cursor)).toBeNull();
    const shopperView = await resumeConversation(shop, chat.id, chat.visitor);
    expect(shopperView.conversation).toMatchObject({ state: "assigned", operator: { name: "Anna" } });
    expect(await row(chat.id)).toMatchObject({ state: "assigned", assigneeId: anna.id });

    // the receiver is told, the sender and the page see it waiting, a timeout is scheduled
    const lucaNotes = await listNotifications(shop, luca.id);
    expect(lucaNotes[0]).toMatchObject({
      type: "transfer_request",
      title: "Anna asks you to take over a chat",
      link: `/app/conversations/${chat.id}`,
      read: false,
    });
    // …in the language of the operator who reads it, from the same row
    expect((await listNotifications(shop, luca.id, { locale: "it" }))[0]).toMatchObject({
      title: "Anna ti chiede di prendere in carico una chat",
      body: "Accetta o rifiuta entro 2 min; altrimenti torna in coda.",
    });
    expect((await listNotifications(shop, anna.id)).some((x) => x.type === "transfer_request")).toBe(false);
    expect(await chatsAwaitingAnswerFrom(shop, luca.id)).toEqual([chat.id]);
    expect(await pendingTransfer(shop, await row(chat.id))).toMatchObject({ toName: "Luca", fromName: "Anna" });
    const job = await database.db.job.findFirstOrThrow({ where: { shop, type: TRANSFER_TIMEOUT_JOB } });
    expect(job.runAt.toISOString()).toBe(pending.expiresAt);
    expect(await feed(chat.id, "conversation.transfer_requested")).toHaveLength(1);

    // a second transfer while one waits is refused
    const carla = await newOperator(shop, "Carla");
    expect(await refusal(requestTransfer(shop, chat.id, anna, carla.id))).toMatchObject({ code: "conflict" });

    await acceptTransfer(shop, chat.id, luca);
    expect(await row(chat.id)).toMatchObject({ state: "assigned", assigneeId: luca.id });
    const after = await pollConversation(shop, chat.id, chat.visitor, chat.cursor);
    expect(after!.conversation).toMatchObject({ state: "assigned", operator: { name: "Luca" } });
    expect(after!.messages.map((m) => m.text)).toEqual(["Luca took over the chat."]);
    const assigned = await feed(chat.id, "conversation.assigned");
    expect(JSON.parse(assigned.at(-1)!.data)).toMatchObject({ operatorId: luca.id, via: "transfer" });
    expect(await pendingTransfer(shop, await row(chat.id))).toBeNull();
    expect(await chatsAwaitingAnswerFrom(shop, luca.id)).toEqual([]);

    // answered once: a second accept, a decline and the timeout change nothing
    expect(await refusal(acceptTransfer(shop, chat.id, luca))).toMatchObject({ code: "not_found" });
    expect(await refusal(declineTransfer(shop, chat.id, luca))).toMatchObject({ code: "not_found" });
    expect(await expireTransfer(shop, pending.id, new Date(Date.now() + 600_000))).toBe(false);
    expect(await row(chat.id)).toMatchObject({ state: "assigned", assigneeId: luca.id });
  });

  test("declining sends the chat to the queue; the shopper sees one change to queued and the sender is told", async () => {
    const shop = await newShop();
    const anna = await newOperator(shop, "Anna");
    const luca = await newOperator(shop, "Luca");
    const chat = await heldChat(shop, anna);
    const queuedAt = (await row(chat.id)).queuedAt;
    await requestTransfer(shop, chat.id, anna, luca.id);
    expect(await declineTransfer(shop, chat.id, luca)).toEqual({ outcome: "declined" });

    const conv = await row(chat.id);
    expect(conv).toMatchObject({ state: "queued", assigneeId: null });
    expect(conv.queuedAt?.toISOString()).toBe(queuedAt?.toISOString()); // keeps its place
    const polled = await pollConversation(shop, chat.id, chat.visitor, chat.cursor);
    expect(polled!.conversation.state).toBe("queued");
    expect(polled!.conversation.operator).toBeUndefined();
    expect(polled!.messages.map((m) => m.text)).toEqual(["Connecting you with a person. Please stay here."]);
    const declined = await feed(chat.id, "conversation.transfer_declined");
    expect(declined.map((e) => JSON.parse(e.data))).toMatchObject([{ outcome: "declined", toOperatorId: luca.id }]);
    expect(await feed(chat.id, "conversation.escalated")).toHaveLength(2);
    expect((await listNotifications(shop, anna.id))[0]).toMatchObject({
      type: "transfer_declined",
      title: "Luca declined the chat: it went back to the queue",
    });
  });

  test("the sender withdraws a waiting transfer: the chat stays with them, the receiver is told and can no longer accept", async () => {
    const shop = await newShop();
    const anna = await newOperator(shop, "Anna");
    const luca = await newOperator(shop, "Luca");
    const carla = await newOperator(shop, "Carla");
    const chat = await heldChat(shop, anna);
    await requestTransfer(shop, chat.id, anna, luca.id);

    // Only the sender (or someone allowed to handle others' chats) may withdraw it.
    await expect(cancelTransfer(shop, chat.id, carla)).rejects.toMatchObject({ code: "forbidden" });
    expect(await cancelTransfer(shop, chat.id, anna)).toEqual({ outcome: "cancelled" });

    expect(await row(chat.id)).toMatchObject({ state: "assigned", assigneeId: anna.id });
    expect(await pollConversation(shop, chat.id, chat.visitor, chat.cursor)).toBeNull(); // nothing changed for the shopper
    const request = await database.db.transferRequest.findFirstOrThrow({ where: { shop, conversationId: chat.id } });
    expect(request).toMatchObject({ status: "cancelled", pendingKey: null });
    expect(await feed(chat.id, "conversation.transfer_cancelled")).toHaveLength(1);
    expect((await listNotifications(shop, luca.id))[0]).toMatchObject({
      type: "transfer_cancelled",
      title: "Anna withdrew the request to take over a chat",
    });
    await expect(acceptTransfer(shop, chat.id, luca)).rejects.toMatchObject({ code: "not_found" });
    await expect(cancelTransfer(shop, chat.id, anna)).rejects.toMatchObject({ code: "not_found" });
    // The timeout job finds nothing due: the chat does not go to the queue later.
    const job = await database.db.job.findFirstOrThrow({ where: { shop, type: TRANSFER_TIMEOUT_JOB } });
    expect(await expireTransfer(shop, JSON.parse(job.payload).requestId, new Date(Date.now() + 3_600_000))).toBe(false);
    expect((await row(chat.id)).assigneeId).toBe(anna.id);

    // A new transfer can be asked at once.
    await requestTransfer(shop, chat.id, anna, carla.id);
  });

  test("unanswered, the transfer times out after the shop's timeout and the chat goes to the queue", async () => {
    const shop = await newShop({ transferTimeoutSeconds: 30 });
    const anna = await newOperator(shop, "Anna");
    // offline: the transfer is allowed (the page warns) and waits like any other
    const luca = await newOperator(shop, "Luca", { presence: "offline", lastSeenAt: null });
    const chat = await heldChat(shop, anna);
    const t0 = new Date();
    const pending = await requestTransfer(shop, chat.id, anna, luca.id, undefined, t0);
    expect(Date.parse(pending.expiresAt) - t0.getTime()).toBe(30_000);

    expect(await expireTransfer(shop, pending.id, new Date(t0.getTime() + 29_000))).toBe(false);
    expect(await row(chat.id)).toMatchObject({ state: "assigned", assigneeId: anna.id });
    expect(await expireTransfer(shop, pending.id, new Date(t0.getTime() + 30_000))).toBe(true);
    expect(await row(chat.id)).toMatchObject({ state: "queued", assigneeId: null });
    expect((await feed(chat.id, "conversation.transfer_declined")).map((e) => JSON.parse(e.data).outcome)).toEqual([
      "timed_out",
    ]);
    expect((await listNotifications(shop, anna.id))[0]?.title).toBe(
      "Luca did not answer in time: it went back to the queue",
    );
    expect((await listNotifications(shop, anna.id, { locale: "it" }))[0]?.title).toBe(
      "Luca non ha risposto in tempo: la chat è tornata in coda",
    );
    // too late to accept
    expect(await refusal(acceptTransfer(shop, chat.id, luca))).toMatchObject({ code: "not_found" });
  });

  test("deactivating the receiver sends their waiting transfers to the queue; a deactivated receiver cannot accept", async () => {
    const shop = await newShop();
    const admin = await newOperator(shop, "Adele", { role: "admin" });
    const anna = await newOperator(shop, "Anna");
    const luca = await newOperator(shop, "Luca");
    const chat = await heldChat(shop, anna);
    await requestTransfer(shop, chat.id, anna, luca.id);
    await changeMember(shop, admin, { intent: "deactivate", id: luca.id });
    expect(await row(chat.id)).toMatchObject({ state: "queued", assigneeId: null });
    expect((await feed(chat.id, "conversation.transfer_declined")).map((e) => JSON.parse(e.data).outcome)).toEqual([
      "receiver_unavailable",
    ]);
    expect(await refusal(acceptTransfer(shop, chat.id, luca))).toMatchObject({ code: "not_found" });

    // a transfer to someone already deactivated is refused
    const chat2 = await heldChat(shop, anna);
    expect(await refusal(requestTransfer(shop, chat2.id, anna, luca.id))).toMatchObject({ code: "conflict" });
    // deactivated while a request waits for them, they cannot answer it either
    const marco = await newOperator(shop, "Marco");
    await requestTransfer(shop, chat2.id, anna, marco.id);
    await database.db.operator.update({ where: { id: marco.id }, data: { deactivatedAt: new Date() } });
    expect(await refusal(acceptTransfer(shop, chat2.id, marco))).toMatchObject({ code: "forbidden" });
    expect(await row(chat2.id)).toMatchObject({ state: "assigned", assigneeId: anna.id });
  });

  test("of two accepts racing, and of an accept racing the timeout, exactly one wins", async () => {
    const shop = await newShop();
    const anna = await newOperator(shop, "Anna");
    const luca = await newOperator(shop, "Luca");
    const chat = await heldChat(shop, anna);
    await requestTransfer(shop, chat.id, anna, luca.id);
    const results = await Promise.allSettled([
      acceptTransfer(shop, chat.id, luca),
      acceptTransfer(shop, chat.id, luca),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(DomainError);
    expect(["conflict", "not_found"]).toContain((lost.reason as DomainError).code);
    expect(await database.db.conversationEvent.count({ where: { conversationId: chat.id, type: "transfer" } })).toBe(1);
    expect(await row(chat.id)).toMatchObject({ assigneeId: luca.id });

    const chat2 = await heldChat(shop, anna);
    const pending = await requestTransfer(shop, chat2.id, anna, luca.id);
    const later = new Date(Date.now() + 600_000);
    const [accepted, expired] = await Promise.allSettled([
      acceptTransfer(shop, chat2.id, luca),
      expireTransfer(shop, pending.id, later),
    ]);
    const conv = await row(chat2.id);
    if (accepted.status === "fulfilled") {
      expect(expired).toEqual({ status: "fulfilled", value: false });
      expect(conv).toMatchObject({ state: "assigned", assigneeId: luca.id });
    } else {
      expect(expired).toEqual({ status: "fulfilled", value: true });
      expect(conv).toMatchObject({ state: "queued", assigneeId: null });
    }
    const statuses = await database.db.transferRequest.findMany({ where: { conversationId: chat2.id } });
    expect(statuses.map((s) => s.status)).toEqual([accepted.status === "fulfilled" ? "accepted" : "timed_out"]);
  });

  test("only the receiver can answer: not a colleague, not an operator of another shop; only the holder or an admin can transfer", async () => {
    const shop = await newShop();
    const anna = await newOperator(shop, "Anna");
    const luca = await newOperator(shop, "Luca");
    const carla = await newOperator(shop, "Carla");
    const chat = await heldChat(shop, anna);

    expect(await refusal(requestTransfer(shop, chat.id, carla, luca.id))).toMatchObject({ code: "forbidden" });
    await requestTransfer(shop, chat.id, anna, luca.id);
    expect(await refusal(acceptTransfer(shop, chat.id, carla))).toMatchObject({ code: "forbidden" });
    expect(await refusal(declineTransfer(shop, chat.id, anna))).toMatchObject({ code: "forbidden" });

    const other = await newShop();
    const intruder = await newOperator(other, "Ivo", { role: "admin" });
    expect(await refusal(acceptTransfer(other, chat.id, intruder))).toMatchObject({ code: "not_found" });
    // another shop's operator id as the receiver is unknown here
    const chat2 = await heldChat(shop, anna);
    expect(await refusal(requestTransfer(shop, chat2.id, anna, intruder.id))).toMatchObject({ code: "not_found" });
    expect(await chatsAwaitingAnswerFrom(other, intruder.id)).toEqual([]);
    expect(await row(chat.id)).toMatchObject({ state: "assigned", assigneeId: anna.id });

    // an admin may transfer a chat someone else holds
    const adele = await newOperator(shop, "Adele", { role: "admin" });
    await requestTransfer(shop, chat2.id, adele, luca.id);
    await acceptTransfer(shop, chat2.id, luca);
    expect(await row(chat2.id)).toMatchObject({ assigneeId: luca.id });
  });

  test("a transfer the chat outgrew (returned to the AI meanwhile) is cancelled, never applied", async () => {
    const shop = await newShop();
    const anna = await newOperator(shop, "Anna");
    const luca = await newOperator(shop, "Luca");
    const chat = await heldChat(shop, anna);
    await requestTransfer(shop, chat.id, anna, luca.id);
    const { returnToAi } = await import("../../app/domain/conversations/operator.server");
    await returnToAi(shop, chat.id, anna);
    expect(await pendingTransfer(shop, await row(chat.id))).toBeNull();
    expect(await chatsAwaitingAnswerFrom(shop, luca.id)).toEqual([]);
    expect(await refusal(acceptTransfer(shop, chat.id, luca))).toMatchObject({ code: "conflict" });
    expect(await row(chat.id)).toMatchObject({ state: "ai", assigneeId: null });
  });
});
