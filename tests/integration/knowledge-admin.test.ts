/**
 * Knowledge management over HTTP against the running app (real Remix build, real database), with
 * admin session tokens as App Bridge sends them: FAQ entries created, read, edited, turned off and
 * deleted; validation errors (422, one message per field); another shop's entries and questions
 * answer 404 and stay as they were; "Answer this" and dismiss on the log of unanswered questions;
 * and the built-in responder answering from an entry right after it is saved, through the widget
 * API (signed like Shopify's App Proxy). SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createShopifyMockServer, demoStore } from "../mocks/shopify";
import { databaseKinds } from "../helpers/db";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "./support/proxy-server";
import { adminJsonCall } from "./support/admin-request";

const SHOP = "knowledge-admin.myshopify.com";
const OTHER = "knowledge-rival.myshopify.com";
const shopify = createShopifyMockServer();

interface Entry {
  id: string;
  kind: string;
  key: string | null;
  question: string;
  phrasings: string[];
  answer: string;
  tags: string[];
  locale: string;
  enabled: boolean;
}
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}
interface WireMessage {
  id: string;
  role: string;
  text: string;
  status: string;
}

beforeAll(() => shopify.listen({ onUnhandledFrame: "bypass" }));
afterAll(() => shopify.close());

describe.each(databaseKinds)("knowledge management over HTTP on %s", (kind) => {
  let app: RunningApp;
  const api = <T = Entry>(shop: string, path: string, call: Parameters<typeof adminJsonCall>[3] = {}) =>
    adminJsonCall<T>(app.url, shop, `/app/api/knowledge${path}`, call);
  const create = (shop: string, json: Record<string, unknown>) => api<{ entry: Entry } & ErrorBody>(shop, "", { json });

  beforeAll(async () => {
    delete process.env.OPENAI_API_KEY;
    app = await startTestApp(kind);
    for (const shop of [SHOP, OTHER]) {
      await installShop(app.database.db, shop);
      // A real knowledge base (the demo store's FAQ), so retrieval scores are what shops see.
      await app.database.db.knowledgeEntry.createMany({
        data: demoStore().faq.map((f) => ({
          shop,
          externalId: f.id,
          question: f.question,
          answer: f.answer,
          tags: f.tags.join(","),
          locale: f.locale,
        })),
      });
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A shopper's question through the widget API; resolves with the assistant's final reply. */
  let shoppers = 0;
  async function ask(text: string, shop = SHOP): Promise<string> {
    // One shopper (IP) per question: new conversations are rate-limited per IP.
    const ip = `198.51.100.${++shoppers}`;
    const started = await proxyFetch(app.url, shop, "/conversations", { body: { locale: "en" }, ip });
    expect(started.status).toBe(201);
    const chat = (await started.json()) as { conversation: { id: string }; visitorToken: string; cursor: number };
    const id = chat.conversation.id;
    const sent = await proxyFetch(app.url, shop, `/conversations/${id}/messages`, {
      body: { token: chat.visitorToken, clientMessageId: randomUUID(), text },
      ip,
    });
    expect(sent.status).toBe(201);
    let cursor = chat.cursor;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const res = await proxyFetch(app.url, shop, `/conversations/${id}/poll`, {
        query: { token: chat.visitorToken, after: String(cursor) },
        ip,
      });
      if (res.status === 200) {
        const body = (await res.json()) as { messages: WireMessage[]; cursor: number };
        cursor = body.cursor;
        const reply = body.messages.find((m) => m.role === "ai" && m.status === "final");
        if (reply) return reply.text;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("no reply from the assistant within 10 s");
  }

  test("an FAQ entry is created, read, edited, turned off and deleted", async () => {
    const created = await create(SHOP, {
      question: "  Do you   offer gift wrapping? ",
      phrasings: "Can you wrap my order as a present?\n\nCan you wrap my order as a present?\nIs gift wrap available",
      answer: "Yes: choose gift wrapping at checkout for €4.",
      tags: "gifts, checkout ,gifts",
      locale: "en",
    });
    expect(created.status).toBe(201);
    const entry = created.body.entry;
    expect(entry).toMatchObject({
      kind: "faq",
      key: null,
      question: "Do you offer gift wrapping?",
      phrasings: ["Can you wrap my order as a present?", "Is gift wrap available"],
      tags: ["gifts", "checkout"],
      locale: "en",
      enabled: true,
    });
    expect(await api(SHOP, `/${entry.id}`)).toEqual({ status: 200, body: { entry: { ...entry } } });

    const edited = await api<{ entry: Entry }>(SHOP, `/${entry.id}`, {
      method: "PUT",
      json: { ...entry, answer: "Yes: gift wrapping costs €5 at checkout.", phrasings: ["Do you wrap gifts?"] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.entry).toMatchObject({ answer: "Yes: gift wrapping costs €5 at checkout." });
    const row = await app.database.db.knowledgeEntry.findUniqueOrThrow({ where: { id: entry.id } });
    expect(row).toMatchObject({ shop: SHOP, phrasings: "Do you wrap gifts?", tags: "gifts,checkout" });

    const off = await api<{ entry: Entry }>(SHOP, `/${entry.id}`, { method: "PATCH", json: { enabled: false } });
    expect(off.body.entry.enabled).toBe(false);
    const listed = await api<{ entries: Entry[] }>(SHOP, "?kind=faq");
    expect(listed.body.entries.find((e) => e.id === entry.id)?.enabled).toBe(false);
    expect(listed.body.entries).toHaveLength(demoStore().faq.length + 1);

    expect(await api(SHOP, `/${entry.id}`, { method: "DELETE" })).toEqual({ status: 200, body: { deleted: true } });
    expect((await api<ErrorBody>(SHOP, `/${entry.id}`)).status).toBe(404);
    expect(await app.database.db.knowledgeEntry.findUnique({ where: { id: entry.id } })).toBeNull();
  });

  test("an invalid entry is refused with 422 and a message for each field, and nothing is stored", async () => {
    const refused = await create(SHOP, {
      question: " ?",
      answer: "   ",
      locale: "pt",
      phrasings: Array.from({ length: 11 }, (_, i) => `Phrasing number ${i}`),
      tags: ["x".repeat(41)],
      enabled: "maybe",
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("invalid_request");
    expect(refused.body.error.fields).toEqual({
      question: "Write the question (at least 3 characters).",
      phrasings: "At most 10 alternative phrasings.",
      answer: "Write the answer.",
      tags: "Each tag has at most 40 characters.",
      locale: "Choose a language: en, it, fr, de or es.",
      enabled: "Enabled is true or false.",
    });
    expect(refused.body.error.message).toContain("question: Write the question");
    expect((await create(SHOP, { answer: "No question" })).body.error.fields).toEqual({
      question: "Write the question.",
    });
    expect(await app.database.db.knowledgeEntry.count({ where: { shop: SHOP } })).toBe(demoStore().faq.length);

    const saved = await create(SHOP, { question: "Can I pay with Klarna?", answer: "Yes, in three instalments." });
    const tooLong = await api<ErrorBody>(SHOP, `/${saved.body.entry.id}`, {
      method: "PUT",
      json: { question: "Can I pay with Klarna?", answer: "a".repeat(4001) },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.fields).toEqual({ answer: "The answer has at most 4,000 characters." });
    const kept = await app.database.db.knowledgeEntry.findUniqueOrThrow({ where: { id: saved.body.entry.id } });
    expect(kept.answer).toBe("Yes, in three instalments.");

    // The same question (case, spacing and final punctuation aside) in the same language is one entry.
    const duplicate = await create(SHOP, { question: "can i pay with  KLARNA", answer: "Another answer." });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.fields?.question).toBe("Another FAQ entry already asks this question in en.");
    expect((await create(SHOP, { question: "Can I pay with Klarna?", answer: "Sì.", locale: "it" })).status).toBe(201);

    const res = await adminJsonCall<ErrorBody>(app.url, SHOP, "/app/api/knowledge", { body: "{not json" });
    expect(res.status).toBe(400);
    await app.database.db.knowledgeEntry.deleteMany({ where: { shop: SHOP, question: "Can I pay with Klarna?" } });
  });

  test("an Italian staff member reads the field messages in Italian, from the URL's locale or the one remembered", async () => {
    const staff = "90077";
    const refused = await api<ErrorBody>(SHOP, "?locale=it-IT", {
      staff,
      json: { question: " ?", answer: "   ", tags: ["x".repeat(41)] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual({
      question: "Scrivi la domanda (almeno 3 caratteri).",
      answer: "Scrivi la risposta.",
      tags: "Ogni tag può avere al massimo 40 caratteri.",
    });
    expect(await app.database.db.knowledgeEntry.count({ where: { shop: SHOP } })).toBe(demoStore().faq.length);

    // Without a locale on the request, the language kept on the staff member's operator row.
    const saved = await create(SHOP, { question: "Posso pagare con Satispay?", answer: "Sì.", locale: "it" });
    await app.database.db.operator.updateMany({ where: { shop: SHOP, staffUserId: staff }, data: { locale: "it" } });
    const tooLong = await api<ErrorBody>(SHOP, `/${saved.body.entry.id}`, {
      staff,
      method: "PUT",
      json: { question: "Posso pagare con Satispay?", answer: "a".repeat(4001) },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.fields).toEqual({ answer: "La risposta può avere al massimo 4000 caratteri." });
    // The domain's refusals too: the same question again in that language, an entry no longer there.
    const duplicate = await api<ErrorBody>(SHOP, "", {
      staff,
      json: { question: "Posso pagare con Satispay?", answer: "No.", locale: "it" },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({
      code: "conflict",
      message: "Un'altra voce FAQ ha già questa domanda in it.",
      fields: { question: "Un'altra voce FAQ ha già questa domanda in it." },
    });
    const gone = await api<ErrorBody>(SHOP, "/no-such-entry", { staff, method: "DELETE" });
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe("Voce della base di conoscenza non trovata.");
    // Another staff member, without a language, still reads English.
    const english = await api<ErrorBody>(SHOP, `/${saved.body.entry.id}`, { method: "PUT", json: { answer: "x" } });
    expect(english.body.error.fields).toEqual({ question: "Write the question." });
    await app.database.db.knowledgeEntry.deleteMany({ where: { shop: SHOP, id: saved.body.entry.id } });
  });

  test("another shop's entry is 404 for reading, editing, switching and deleting, and stays as it was", async () => {
    const theirs = (await create(OTHER, { question: "Do you sell wax?", answer: "Yes, three kinds." })).body.entry;
    const calls = [
      api<ErrorBody>(SHOP, `/${theirs.id}`),
      api<ErrorBody>(SHOP, `/${theirs.id}`, { method: "PUT", json: { question: "Hijacked?", answer: "Hijacked." } }),
      api<ErrorBody>(SHOP, `/${theirs.id}`, { method: "PATCH", json: { enabled: false } }),
      api<ErrorBody>(SHOP, `/${theirs.id}`, { method: "DELETE" }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res).toEqual({
        status: 404,
        body: { error: { code: "not_found", message: "That knowledge entry was not found." } },
      });
    }
    const row = await app.database.db.knowledgeEntry.findUniqueOrThrow({ where: { id: theirs.id } });
    expect(row).toMatchObject({
      shop: OTHER,
      question: "Do you sell wax?",
      answer: "Yes, three kinds.",
      enabled: true,
    });
    expect((await api<{ entries: Entry[] }>(SHOP, "")).body.entries.map((e) => e.id)).not.toContain(theirs.id);
  });

  test("the built-in responder answers from an entry right after it is saved, edited or switched off", async () => {
    const before = await ask("Do you have a student programme?");
    const logged = await app.database.db.unansweredQuestion.findMany({ where: { shop: SHOP } });
    expect(logged.map((q) => q.question)).toEqual(["Do you have a student programme?"]);

    const entry = (
      await create(SHOP, {
        question: "Is there a student programme?",
        phrasings: ["Do you have a student programme?"],
        answer: "Students get 10% off boards with a valid student card.",
        tags: "students",
      })
    ).body.entry;
    expect(await ask("Do you have a student programme?")).toBe(
      "Students get 10% off boards with a valid student card.",
    );
    expect(before).not.toBe("Students get 10% off boards with a valid student card.");

    await api(SHOP, `/${entry.id}`, {
      method: "PUT",
      json: { ...entry, answer: "Students get 15% off boards with a valid student card." },
    });
    expect(await ask("Is there a student programme?")).toBe("Students get 15% off boards with a valid student card.");

    await api(SHOP, `/${entry.id}`, { method: "PATCH", json: { enabled: false } });
    expect(await ask("Is there a student programme?")).not.toContain("15%");
    // The other shop's assistant never had it.
    expect(await ask("Is there a student programme?", OTHER)).not.toContain("Students get");
    await app.database.db.knowledgeEntry.delete({ where: { id: entry.id } });
    await app.database.db.unansweredQuestion.deleteMany({});
  });

  test("Answer this: saving the entry links the question to it and takes it off the open list, once", async () => {
    await ask("Do you rent snowshoes for a weekend?");
    const question = await app.database.db.unansweredQuestion.findFirstOrThrow({
      where: { shop: SHOP, status: "open" },
    });

    const theirs = await create(OTHER, { question: "Snowshoe rental?", answer: "No.", unansweredId: question.id });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.message).toBe("That unanswered question was not found.");
    expect(await app.database.db.knowledgeEntry.count({ where: { shop: OTHER, question: "Snowshoe rental?" } })).toBe(
      0,
    );

    const answered = await create(SHOP, {
      question: question.question,
      answer: "Yes: snowshoes rent for €15 a day at our Milan shop.",
      unansweredId: question.id,
    });
    expect(answered.status).toBe(201);
    const row = await app.database.db.unansweredQuestion.findUniqueOrThrow({ where: { id: question.id } });
    expect(row).toMatchObject({ status: "converted", entryId: answered.body.entry.id });
    const open = await app.database.db.unansweredQuestion.findMany({ where: { shop: SHOP, status: "open" } });
    expect(open.map((q) => q.id)).not.toContain(question.id);

    const again = await create(SHOP, { question: "Do you rent skis?", answer: "Yes.", unansweredId: question.id });
    expect(again.status).toBe(409);
    expect(await app.database.db.knowledgeEntry.count({ where: { shop: SHOP, question: "Do you rent skis?" } })).toBe(
      0,
    );

    expect(await ask("Do you rent snowshoes for a weekend?")).toBe(
      "Yes: snowshoes rent for €15 a day at our Milan shop.",
    );
    await app.database.db.knowledgeEntry.delete({ where: { id: answered.body.entry.id } });
  });

  test("dismiss takes a question off the open list; another shop's question is 404; twice is 409", async () => {
    await ask("Is your warehouse haunted?");
    const question = await app.database.db.unansweredQuestion.findFirstOrThrow({
      where: { shop: SHOP, status: "open" },
    });
    const path = `/unanswered/${question.id}`;
    const theirs = await api<ErrorBody>(OTHER, path, { method: "PATCH", json: { status: "dismissed" } });
    expect(theirs.status).toBe(404);
    expect((await app.database.db.unansweredQuestion.findUniqueOrThrow({ where: { id: question.id } })).status).toBe(
      "open",
    );

    expect((await api<ErrorBody>(SHOP, path, { method: "PATCH", json: { status: "open" } })).status).toBe(422);
    expect(await api(SHOP, path, { method: "PATCH", json: { status: "dismissed" } })).toEqual({
      status: 200,
      body: { status: "dismissed" },
    });
    expect((await api<ErrorBody>(SHOP, path, { method: "PATCH", json: { status: "dismissed" } })).status).toBe(409);
    const row = await app.database.db.unansweredQuestion.findUniqueOrThrow({ where: { id: question.id } });
    expect(row).toMatchObject({ status: "dismissed", entryId: null });
  });
});
