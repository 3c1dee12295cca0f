/**
 * Finding 9 (medium): the log of questions the assistant could not answer kept shoppers' words,
 * emails and phone numbers included; customers/redact left those entries, and the retention sweep
 * never purged them or the customer data exports. Now emails and phone numbers are masked before an
 * unanswered question is stored, customers/redact deletes the customer's entries, and retention
 * purges old entries and old exports.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runRetention } from "~/domain/conversations/retention.server";
import { databaseKinds } from "../helpers/db";
import {
  API_SECRET,
  installShop,
  proxyFetch,
  startTestApp,
  type RunningApp,
} from "../integration/support/proxy-server";
import { deliverWebhook } from "../integration/support/shopify-webhooks";
import { seedShop } from "../integration/tenant-isolation/seed";

const DAY = 24 * 60 * 60_000;

describe.each(databaseKinds)("redact and retention cover unanswered questions on %s", (kind) => {
  let app: RunningApp;

  beforeAll(async () => {
    delete process.env.OPENAI_API_KEY;
    app = await startTestApp(kind);
  });
  afterAll(async () => {
    await app?.close();
  });

  test("a shopper's email and phone number are masked before their unanswered question is stored", async () => {
    const shop = `mask-${kind}.myshopify.com`;
    await installShop(app.database.db, shop, { name: "Mask store" });
    const started = await proxyFetch(app.url, shop, "/conversations", { body: { locale: "en" }, ip: "198.51.100.77" });
    expect(started.status).toBe(201);
    const chat = (await started.json()) as { conversation: { id: string }; visitorToken: string };
    const text =
      "Can you engrave my board? Write to emma.schmidt@example.com or call +39 347 123 4567 (or 0049-30-1234567).";
    const sent = await proxyFetch(app.url, shop, `/conversations/${chat.conversation.id}/messages`, {
      body: { token: chat.visitorToken, clientMessageId: "mask-1", text },
    });
    expect(sent.status).toBe(201);

    let rows: { question: string; normalized: string }[] = [];
    for (let i = 0; i < 100 && rows.length === 0; i++) {
      rows = await app.database.db.unansweredQuestion.findMany({ where: { shop } });
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row!.question).toBe("Can you engrave my board? Write to [email] or call [phone] (or [phone]).");
    for (const stored of [row!.question, row!.normalized]) {
      expect(stored).not.toMatch(/emma|schmidt|347|4567|1234567/);
    }
  });

  test("customers/redact deletes the customer's unanswered questions and keeps other customers'", async () => {
    const a = await seedShop(app.database.db, `redact-q-${randomUUID().slice(0, 8)}.myshopify.com`);
    const other = await app.database.db.unansweredQuestion.create({
      data: {
        shop: a.shop,
        normalized: "refund for order 1003",
        question: "Refund for order 1003?",
        conversationId: a.conversations.other,
      },
    });
    const sent = await deliverWebhook(
      app.url,
      "customers/redact",
      a.shop,
      { shop_id: 1, shop_domain: a.shop, customer: { id: Number(a.customerId), email: a.email } },
      { secret: API_SECRET },
    );
    expect(sent.status).toBe(200);
    expect(await app.database.db.unansweredQuestion.findUnique({ where: { id: a.unansweredId } })).toBeNull();
    const left = await app.database.db.unansweredQuestion.findMany({ where: { shop: a.shop } });
    expect(left.map((q) => q.id)).toEqual([other.id]);
    const audit = await app.database.db.auditLog.findFirstOrThrow({
      where: { shop: a.shop, action: "customer.redacted" },
    });
    expect(JSON.parse(audit.data ?? "{}")).toMatchObject({ unansweredQuestions: 1 });
  });

  test("the retention sweep purges unanswered questions and customer data exports past their time, and nothing newer", async () => {
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const long = `retain-long-${kind}.myshopify.com`;
    const short = `retain-short-${kind}.myshopify.com`;
    await installShop(app.database.db, long, { retentionDays: 365 });
    await installShop(app.database.db, short, { retentionDays: 7 });
    const question = (shop: string, key: string, lastAskedDaysAgo: number) =>
      app.database.db.unansweredQuestion.create({
        data: { shop, normalized: key, question: `${key}?`, lastAskedAt: ago(lastAskedDaysAgo), createdAt: ago(400) },
      });
    const dataExport = (shop: string, requestId: string, createdDaysAgo: number) =>
      app.database.db.dataRequest.create({
        data: { shop, requestId, customerId: "1001", export: "{}", createdAt: ago(createdDaysAgo) },
      });
    await question(long, "old question", 366);
    await question(long, "asked again lately", 2);
    await question(short, "last week", 8);
    await question(short, "yesterday", 1);
    await dataExport(long, "old", 31);
    await dataExport(long, "recent", 29);
    await dataExport(short, "eight days", 8);
    await dataExport(short, "six days", 6);

    const report = await runRetention(now);
    expect(report).toMatchObject({ unansweredQuestions: 2, dataRequests: 2 });
    const questions = await app.database.db.unansweredQuestion.findMany({
      where: { shop: { in: [long, short] } },
      orderBy: { normalized: "asc" },
    });
    expect(questions.map((q) => [q.shop, q.normalized])).toEqual([
      [long, "asked again lately"],
      [short, "yesterday"],
    ]);
    const exports = await app.database.db.dataRequest.findMany({
      where: { shop: { in: [long, short] } },
      orderBy: { requestId: "asc" },
    });
    expect(exports.map((e) => [e.shop, e.requestId])).toEqual([
      [long, "recent"],
      [short, "six days"],
    ]);
    const audit = await app.database.db.auditLog.findFirstOrThrow({
      where: { shop: long, action: "retention.purged" },
    });
    expect(JSON.parse(audit.data ?? "{}")).toMatchObject({ unansweredQuestions: 1, dataRequests: 1 });
    expect(await runRetention(now)).toMatchObject({ unansweredQuestions: 0, dataRequests: 0 });
  });
});
