/**
 * The reply job's batch path (app/domain/conversations/fast-reply.server.ts) against the one-job
 * path (`runReplyJob`) on the same scenario: identical rows (replies, conversation state, counters
 * and failure streak, unanswered questions), and the cases it must leave to the one-job path.
 * Real SQLite, the real Tandem responder (built-in: no AI key).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import pino from "pino";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { setDb } from "../../app/db.server";
import { resetEnvForTests } from "../../app/env.server";
import { forgetAllVersions, versionEntry } from "../../app/domain/versions.server";
import { invalidateAvailability } from "../../app/domain/conversations/availability.server";
import { setResponder } from "../../app/domain/conversations/responder-registry.server";
import { runReplyJob } from "../../app/domain/conversations/reply-job.server";
import { runReplyBatch } from "../../app/domain/conversations/fast-reply.server";
import { sendShopperMessage, startConversation } from "../../app/domain/conversations/service.server";
import { createTandemResponder } from "../../app/ai/responder.server";
import { claimJobs, completeJob, type JobRow } from "../../app/jobs/queue.server";
import { createKnowledgeEntry } from "../../app/repositories/knowledge.server";
import { sealApiKey } from "../../app/ai/api-key.server";
import { appBaseUrl } from "../../app/ai/config.server";
import { registerAllJobHandlers } from "../../app/jobs/handlers.server";
import { startWorker } from "../../app/jobs/worker.server";
import type { Visitor } from "../../app/domain/conversations/tokens.server";

const WORKER = "fast-reply-test";
const logger = pino({ level: "silent" });
const KEY = Buffer.alloc(32, 7).toString("base64");

const KNOWLEDGE: [string, string, string][] = [
  ["What is your return policy?", "You can return any item within 30 days for a full refund.", "returns,refund"],
  [
    "How long does shipping take?",
    "Orders ship within 2 business days and arrive in 3 to 5 days.",
    "shipping,delivery",
  ],
  ["Which payment methods do you accept?", "We accept Visa, Mastercard, PayPal and Apple Pay.", "payment,card"],
  ["How do I find my size?", "Use the size chart on every product page; our jackets run small.", "size,fit"],
  ["Do you ship internationally?", "We ship to the EU, the UK, the US and Canada.", "international,countries"],
  ["How can I track my order?", "Every order email has a tracking link once it ships.", "tracking,order"],
  ["Can I change my order?", "Write to us within one hour of ordering and we will change it.", "change,cancel"],
  ["Are your products waterproof?", "Our shell jackets are waterproof to 20,000 mm.", "waterproof,rain"],
];

let database: TestDatabase;
let n = 0;
/** Visitor tokens of the chats made here, by conversation id. */
const tokens = new Map<string, string>();
const guest = (token: string): Visitor => ({ token, customerId: null });

beforeAll(async () => {
  database = await createTestDatabase("sqlite");
  process.env.DATABASE_URL = database.url;
  process.env.TANDEM_ENCRYPTION_KEY = KEY;
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

beforeEach(() => setResponder(createTandemResponder()));

async function newShop(settings: Record<string, unknown> = {}): Promise<string> {
  const shop = `fast-reply-${++n}.myshopify.com`;
  await database.db.shop.create({ data: { shop, name: "Fast Reply Store", ...settings } });
  for (const [question, answer, tags] of KNOWLEDGE) await createKnowledgeEntry(shop, { question, answer, tags });
  // Someone to hand a chat to (otherwise an escalation asks for contact details and stays with the AI).
  await database.db.operator.create({
    data: { shop, staffUserId: `op-${n}`, name: "Ada", presence: "online", lastSeenAt: new Date() },
  });
  return shop;
}

async function chat(shop: string, ...texts: string[]) {
  const c = await startConversation(shop, { customerId: null, locale: "en" });
  tokens.set(c.conversation.id, c.visitorToken);
  for (const text of texts) {
    await sendShopperMessage(shop, c.conversation.id, guest(c.visitorToken), {
      clientMessageId: `m-${Math.random()}`,
      text,
    });
  }
  return c.conversation.id;
}

async function claimReplies(shop: string, worker = WORKER): Promise<JobRow[]> {
  const jobs = await claimJobs({ worker, limit: 100, leaseMs: 30_000, types: ["conversation.reply"] }, database.db);
  return jobs.filter((j) => j.shop === shop);
}

/** Everything a reply writes, with ids and times replaced, in conversation order. */
async function snapshot(shop: string, conversationIds: string[]) {
  const db = database.db;
  const out = [];
  for (const id of conversationIds) {
    const conv = await db.conversation.findFirstOrThrow({ where: { id, shop } });
    const messages = await db.message.findMany({ where: { conversationId: id }, orderBy: { version: "asc" } });
    const byId = new Map(messages.map((m, i) => [m.id, i]));
    // Versions: the one-job path shows a confident answer as a streaming row first (two versions),
    // the batch path writes the final row at once (one); both end at the reply's version.
    expect(conv.version).toBe(Math.max(...messages.map((m) => m.version)));
    out.push({
      state: conv.state,
      messageCount: conv.messageCount,
      aiFailureStreak: conv.aiFailureStreak,
      messages: messages.map((m) => ({
        role: m.role,
        text: m.text,
        status: m.status,
        replyTo: m.replyToId ? byId.get(m.replyToId) : null,
        payload: m.payload,
      })),
    });
  }
  const unanswered = await db.unansweredQuestion.findMany({
    where: { shop },
    orderBy: { normalized: "asc" },
    select: { normalized: true, question: true, locale: true, count: true, status: true },
  });
  return { conversations: out, unanswered };
}

/** The same conversations, answered by the batch path or one job at a time. */
async function scenario(mode: "batch" | "single") {
  const shop = await newShop();
  const ids = [
    await chat(shop, "What is your return policy?"),
    await chat(shop, "Who designed the llama on your logo?"),
    await chat(shop, "hello"),
    await chat(shop, "How long does shipping take?", "Who designed the llama on your logo?"),
    await chat(shop, "Who designed the llama on your logo?"),
  ];
  // A person holds the last chat: nothing may be written there.
  await database.db.conversation.update({ where: { id: ids[4] }, data: { state: "queued", queuedAt: new Date() } });
  const jobs = await claimReplies(shop);
  expect(jobs).toHaveLength(6);
  if (mode === "batch") {
    const { fallback } = await runReplyBatch(jobs, { db: database.db, workerName: WORKER, logger });
    expect(fallback).toEqual([]);
  } else {
    for (const job of jobs) {
      await runReplyJob(shop, JSON.parse(job.payload) as { conversationId: string; messageId: string });
      await completeJob(job, WORKER, database.db);
    }
  }
  const statuses = await database.db.job.findMany({ where: { id: { in: jobs.map((j) => j.id) } } });
  expect(statuses.every((j) => j.status === "done" && j.lockedBy === null && j.completedAt)).toBe(true);
  return { shop, ids, rows: await snapshot(shop, ids) };
}

describe("reply jobs in a batch", () => {
  test("write exactly what the one-job path writes", async () => {
    const single = await scenario("single");
    const batch = await scenario("batch");
    expect(batch.rows).toEqual(single.rows);

    const [returns, unknown, greeting, two, heldByPerson] = batch.rows.conversations;
    expect(returns!.messages[1]).toMatchObject({ role: "ai", text: expect.stringContaining("30 days"), replyTo: 0 });
    expect(unknown!.aiFailureStreak).toBe(1);
    expect(unknown!.messages[1]!.text).toMatch(/not sure/);
    expect(greeting!.messages[1]!.payload).toContain("Talk to a person");
    expect(two!.messages.map((m) => [m.role, m.replyTo])).toEqual([
      ["shopper", null],
      ["shopper", null],
      ["ai", 0],
      ["ai", 1],
    ]);
    expect(heldByPerson!.messages.filter((m) => m.role === "ai")).toEqual([]);
    expect(batch.rows.unanswered).toEqual([
      expect.objectContaining({ normalized: "who designed the llama on your logo", count: 2, status: "open" }),
    ]);
  });

  test("publishes each new version to the poll path", async () => {
    const shop = await newShop();
    const id = await chat(shop, "What is your return policy?");
    const before = (await database.db.conversation.findFirstOrThrow({ where: { id } })).version;
    await runReplyBatch(await claimReplies(shop), { db: database.db, workerName: WORKER, logger });
    expect(versionEntry(id)?.version).toBe(before + 1);
  });

  test("a product or order question is left to the one-job path (the tools), and nothing is written for it", async () => {
    const shop = await newShop();
    const product = await chat(shop, "Do you have helmets in size M?");
    const order = await chat(shop, "Where is my order?");
    const faq = await chat(shop, "What is your return policy?");
    const jobs = await claimReplies(shop);
    const before = await snapshot(shop, [product, order]);
    const { fallback } = await runReplyBatch(jobs, { db: database.db, workerName: WORKER, logger });
    expect(fallback).toHaveLength(2);
    expect(await snapshot(shop, [product, order])).toEqual(before);
    const answered = await snapshot(shop, [faq]);
    expect(answered.conversations[0]!.messages[1]).toMatchObject({
      role: "ai",
      text: expect.stringContaining("30 days"),
    });
  });

  test("a second failed answer in a row is left to the one-job path, which escalates", async () => {
    const shop = await newShop();
    const id = await chat(shop, "Who designed the llama on your logo?");
    await runReplyBatch(await claimReplies(shop), { db: database.db, workerName: WORKER, logger });
    await sendShopperMessage(shop, id, guest(tokens.get(id)!), {
      clientMessageId: "second",
      text: "Is purple the favourite colour of unicorns?",
    });
    const jobs = await claimReplies(shop);
    const before = await snapshot(shop, [id]);
    const { fallback } = await runReplyBatch(jobs, { db: database.db, workerName: WORKER, logger });
    expect(fallback).toEqual(jobs.map((j) => j.id));
    expect(await snapshot(shop, [id])).toEqual(before); // nothing written for it
    await runReplyJob(shop, JSON.parse(jobs[0]!.payload) as { conversationId: string; messageId: string });
    const conv = await database.db.conversation.findFirstOrThrow({ where: { id } });
    expect(conv.state).not.toBe("ai");
  });

  test("a shop with an AI key, a responder without quick answers and a lost lease write nothing here", async () => {
    const keyed = await newShop({ aiApiKeyEnc: sealApiKey("sk-test", appBaseUrl()) });
    await chat(keyed, "What is your return policy?");
    const keyedJobs = await claimReplies(keyed);
    expect((await runReplyBatch(keyedJobs, { db: database.db, workerName: WORKER, logger })).fallback).toEqual(
      keyedJobs.map((j) => j.id),
    );

    const shop = await newShop();
    const id = await chat(shop, "What is your return policy?");
    const jobs = await claimReplies(shop);
    setResponder({ respond: async () => ({ text: "scripted" }) });
    expect((await runReplyBatch(jobs, { db: database.db, workerName: WORKER, logger })).fallback).toEqual(
      jobs.map((j) => j.id),
    );
    setResponder(createTandemResponder());

    // Claimed by another worker: this one must not answer or complete it.
    const { fallback } = await runReplyBatch(jobs, { db: database.db, workerName: "someone-else", logger });
    expect(fallback).toEqual([]);
    expect(await database.db.message.count({ where: { conversationId: id, role: "ai" } })).toBe(0);
    expect((await database.db.job.findUniqueOrThrow({ where: { id: jobs[0]!.id } })).status).toBe("running");
  });

  test("the worker answers through batches and hands escalations to the one-job path", async () => {
    registerAllJobHandlers();
    const shop = await newShop();
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => chat(shop, `What is your return policy? ${i}`)));
    const failing = await chat(
      shop,
      "Who designed the llama on your logo?",
      "Is purple the favourite colour of unicorns?",
    );
    const worker = startWorker({ name: "batch-worker", db: database.db, pollMs: 50 });
    try {
      for (let waited = 0; waited < 20_000; waited += 50) {
        const pending = await database.db.job.count({
          where: { shop, type: "conversation.reply", status: { in: ["pending", "running"] } },
        });
        if (pending === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await worker.stop();
    }
    for (const id of ids) {
      const replies = await database.db.message.findMany({ where: { conversationId: id, role: "ai" } });
      expect(replies.map((r) => r.text)).toEqual([expect.stringContaining("30 days")]);
    }
    const escalated = await database.db.conversation.findFirstOrThrow({ where: { id: failing } });
    expect(escalated.state).not.toBe("ai");
    expect(await database.db.job.count({ where: { shop, status: "dead" } })).toBe(0);
  });
});
