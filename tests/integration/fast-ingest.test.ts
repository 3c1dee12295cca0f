/**
 * Shopper messages on the hot path (server/hot-path.ts → app/domain/conversations/fast-ingest.server.ts)
 * against the same scenario through Remix (`hotIngest: false`): identical answers and identical rows
 * (message, conversation counters/version/state, event, reply job), on the real server over HTTP.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "./support/proxy-server";
import { fastIngestStats } from "../../app/domain/conversations/fast-ingest.server";

const shop = "fast-ingest.myshopify.com";
const PRISMA_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;
const JSON_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

interface Answer {
  status: number;
  cacheControl: string | null;
  contentType: string | null;
  retryAfter: string | null;
  body: unknown;
}

interface Run {
  answers: Record<string, Answer | Answer[]>;
  rows: Record<string, unknown>;
  accepted: number;
}

/** Replaces ids with their order of appearance and dates with their format, so two runs compare. */
function normalise(value: unknown, ids: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise(v, ids));
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "<invalid date>" : "<Date>";
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, ids)]));
  if (typeof value === "string") {
    if (PRISMA_DATE.test(value)) return "<stored date>";
    if (JSON_DATE.test(value)) return "<json date>";
    if (/^(c[a-z0-9]{24}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.test(value)) {
      if (!ids.has(value)) ids.set(value, `<id ${ids.size + 1}>`);
      return ids.get(value);
    }
    return value.replace(/c[a-z0-9]{24}/g, (m) => {
      if (!ids.has(m)) ids.set(m, `<id ${ids.size + 1}>`);
      return ids.get(m)!;
    });
  }
  return value;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  return {
    status: res.status,
    cacheControl: res.headers.get("cache-control"),
    contentType: res.headers.get("content-type"),
    retryAfter: res.headers.get("retry-after"),
    body: text ? (JSON.parse(text) as unknown) : null,
  };
}

async function scenario(hotIngest: boolean): Promise<Run> {
  const before = fastIngestStats().accepted;
  const app: RunningApp = await startTestApp("sqlite", { worker: false, hotIngest });
  try {
    const db = app.database.db;
    await installShop(db, shop);
    const operator = await db.operator.create({
      data: { shop, staffUserId: "1", name: "Ada", presence: "offline" },
    });
    let ip = 0;
    const start = async () => {
      const res = await proxyFetch(app.url, shop, "/conversations", {
        body: { locale: "en" },
        ip: `198.51.100.${++ip}`,
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { conversation: { id: string }; visitorToken: string };
    };
    const send = (id: string, body: unknown, extra: { rawBody?: string } = {}) =>
      proxyFetch(app.url, shop, `/conversations/${id}/messages`, extra.rawBody ? extra : { body });

    const a = await start();
    const b = await start();
    const c = await start();
    const d = await start();
    const e = await start();
    await db.conversation.update({
      where: { id: b.conversation.id },
      data: { state: "waiting_shopper", assigneeId: operator.id },
    });
    await db.conversation.update({
      where: { id: c.conversation.id },
      data: { state: "closed", closeReason: "resolved", closedAt: new Date() },
    });

    const answers: Run["answers"] = {};
    const msg = { token: a.visitorToken, clientMessageId: "m-1", text: "  Do you ship\r\nto Italy?\u0007 " };
    answers.created = await answer(await send(a.conversation.id, msg));
    answers.duplicate = await answer(await send(a.conversation.id, msg));
    answers.wrongToken = await answer(
      await send(a.conversation.id, { ...msg, token: "x".repeat(32), clientMessageId: "m-2" }),
    );
    answers.otherConversationsToken = await answer(
      await send(b.conversation.id, { ...msg, token: a.visitorToken, clientMessageId: "m-3" }),
    );
    answers.tooLarge = await answer(
      await send(a.conversation.id, null, {
        rawBody: JSON.stringify({ ...msg, clientMessageId: "m-4", text: "x".repeat(17_000) }),
      }),
    );
    answers.badJson = await answer(await send(a.conversation.id, null, { rawBody: '{"token": nope' }));
    answers.tooLong = await answer(
      await send(a.conversation.id, { ...msg, clientMessageId: "m-5", text: "y".repeat(2001) }),
    );
    answers.emptyText = await answer(
      await send(a.conversation.id, { ...msg, clientMessageId: "m-6", text: " \u0000 " }),
    );
    answers.badClientId = await answer(await send(a.conversation.id, { ...msg, clientMessageId: "no spaces" }));
    answers.waitingShopper = await answer(
      await send(b.conversation.id, { token: b.visitorToken, clientMessageId: "b-1", text: "Still there?" }),
    );
    answers.closed = await answer(
      await send(c.conversation.id, { token: c.visitorToken, clientMessageId: "c-1", text: "Hello again" }),
    );
    answers.asksForPerson = await answer(
      await send(d.conversation.id, {
        token: d.visitorToken,
        clientMessageId: "d-1",
        text: "I want to talk to a human please",
      }),
    );
    const racing = await Promise.all(
      Array.from({ length: 8 }, () =>
        send(e.conversation.id, { token: e.visitorToken, clientMessageId: "e-1", text: "Same message" }).then(answer),
      ),
    );
    answers.concurrent = racing.sort((x, y) => x.status - y.status);

    const convIds = [a, b, c, d, e].map((x) => x.conversation.id);
    const conversations = await db.$queryRawUnsafe(
      `SELECT "id", "state", "assigneeId", "closeReason", "version", "messageCount", "shopperMessageCount", "offline",
              CAST("lastShopperAt" AS TEXT) AS "lastShopperAt", CAST("lastActivityAt" AS TEXT) AS "lastActivityAt",
              CAST("updatedAt" AS TEXT) AS "updatedAt", CAST("closedAt" AS TEXT) AS "closedAt"
       FROM "Conversation" WHERE "shop" = ? ORDER BY "createdAt", "id"`,
      shop,
    );
    const messages = await db.$queryRawUnsafe(
      `SELECT "conversationId", "version", "role", "text", "status", "clientMessageId", "replyToId", "authorOperatorId",
              "authorName", "payload", CAST("createdAt" AS TEXT) AS "createdAt", CAST("updatedAt" AS TEXT) AS "updatedAt"
       FROM "Message" WHERE "shop" = ? ORDER BY "conversationId", "version", "role", "id"`,
      shop,
    );
    const events = await db.$queryRawUnsafe(
      `SELECT "conversationId", "type", "fromState", "toState", "actorType", "actorId", "data",
              CAST("createdAt" AS TEXT) AS "createdAt"
       FROM "ConversationEvent" WHERE "shop" = ? ORDER BY "conversationId", "createdAt", "type"`,
      shop,
    );
    const jobs = await db.$queryRawUnsafe(
      `SELECT "shop", "type", "payload", "status", "attempts", "maxAttempts", "dedupeKey", "lockedBy",
              CAST("runAt" AS TEXT) AS "runAt", CAST("createdAt" AS TEXT) AS "createdAt", CAST("updatedAt" AS TEXT) AS "updatedAt"
       FROM "Job" WHERE "shop" = ? ORDER BY "createdAt", "dedupeKey"`,
      shop,
    );
    // Prisma reads every row back (dates parse, integers are numbers).
    const viaPrisma = await db.message.findMany({
      where: { shop, role: "shopper" },
      orderBy: [{ conversationId: "asc" }, { version: "asc" }],
      select: { createdAt: true, updatedAt: true, version: true, conversation: { select: { updatedAt: true } } },
    });
    // Ids normalised per conversation order (both runs create the conversations in the same order).
    const ids = new Map<string, string>(convIds.map((id, i) => [id, `<conversation ${"abcde"[i]}>`]));
    ids.set(operator.id, "<operator>");
    const rows = { conversations, messages, events, jobs, viaPrisma };
    return {
      answers: normalise(answers, ids) as Run["answers"],
      rows: normalise(rows, ids) as Record<string, unknown>,
      accepted: fastIngestStats().accepted - before,
    };
  } finally {
    await app.close();
  }
}

describe("shopper messages on the hot path match the Remix path (SQLite)", () => {
  let hot: Run;
  let remix: Run;
  beforeAll(async () => {
    remix = await scenario(false);
    hot = await scenario(true);
  }, 120_000);
  afterAll(() => undefined);

  test("the hot path really answered the messages, and Remix answered all of them in the other run", () => {
    // a, b (waiting_shopper → assigned) and e (one of eight racing sends) are written on the hot path.
    expect(hot.accepted).toBe(3);
    expect(remix.accepted).toBe(0);
  });

  test("a new message answers 201 with the message and cursor, a repeat 200 with the same message", () => {
    expect(hot.answers.created).toEqual(remix.answers.created);
    expect(hot.answers.duplicate).toEqual(remix.answers.duplicate);
    const created = hot.answers.created as Answer;
    expect(created.status).toBe(201);
    expect(created.cacheControl).toBe("no-store");
    expect(created.body).toMatchObject({
      message: { role: "shopper", text: "Do you ship\nto Italy?", version: 2 },
      cursor: 2,
    });
    expect((hot.answers.duplicate as Answer).status).toBe(200);
    expect((hot.answers.duplicate as Answer).body).toEqual(created.body);
  });

  test("errors answer the same status, body and headers on both paths", () => {
    for (const key of [
      "wrongToken",
      "otherConversationsToken",
      "tooLarge",
      "badJson",
      "tooLong",
      "emptyText",
      "badClientId",
      "closed",
    ]) {
      expect({ key, ...(hot.answers[key] as Answer) }).toEqual({ key, ...(remix.answers[key] as Answer) });
    }
    expect((hot.answers.wrongToken as Answer).status).toBe(404);
    expect((hot.answers.tooLarge as Answer).status).toBe(413);
    expect((hot.answers.badJson as Answer).status).toBe(400);
    expect((hot.answers.tooLong as Answer).status).toBe(422);
    expect((hot.answers.closed as Answer).status).toBe(409);
    expect((hot.answers.closed as Answer).body).toMatchObject({
      error: { code: "conflict", reason: "conversation_closed" },
    });
  });

  test("a message to a chat waiting for the shopper moves it back to assigned, with its event", () => {
    expect(hot.answers.waitingShopper).toEqual(remix.answers.waitingShopper);
    expect((hot.answers.waitingShopper as Answer).status).toBe(201);
  });

  test("a message that asks for a person goes through Remix and escalates, the same way", () => {
    expect(hot.answers.asksForPerson).toEqual(remix.answers.asksForPerson);
    expect((hot.answers.asksForPerson as Answer).status).toBe(201);
  });

  test("eight concurrent sends of one clientMessageId create one message (one 201, seven 200)", () => {
    expect(hot.answers.concurrent).toEqual(remix.answers.concurrent);
    expect((hot.answers.concurrent as Answer[]).map((x) => x.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
  });

  test("the rows are identical: conversations, messages, events and reply jobs", () => {
    expect(hot.rows.conversations).toEqual(remix.rows.conversations);
    expect(hot.rows.messages).toEqual(remix.rows.messages);
    expect(hot.rows.events).toEqual(remix.rows.events);
    expect(hot.rows.jobs).toEqual(remix.rows.jobs);
    expect(hot.rows.viaPrisma).toEqual(remix.rows.viaPrisma);
  });

  test("the rows say what was expected (not only that both paths agree)", () => {
    const messages = hot.rows.messages as { conversationId: string; role: string; clientMessageId: string | null }[];
    expect(messages.filter((m) => m.clientMessageId === "e-1")).toHaveLength(1);
    expect(messages.filter((m) => m.clientMessageId === "m-1")).toHaveLength(1);
    const jobs = hot.rows.jobs as { type: string; maxAttempts: number; dedupeKey: string; payload: string }[];
    const replies = jobs.filter((j) => j.type === "conversation.reply");
    // a and e get a reply job; b is held by a person; c is closed; d escalated.
    expect(replies).toHaveLength(2);
    expect(replies.every((j) => j.maxAttempts === 5 && /^reply:<id \d+>$/.test(j.dedupeKey))).toBe(true);
    const events = hot.rows.events as { conversationId: string; type: string; fromState: string; toState: string }[];
    expect(events).toContainEqual(
      expect.objectContaining({
        conversationId: "<conversation b>",
        type: "shopper_message",
        fromState: "waiting_shopper",
        toState: "assigned",
        data: "{}",
      }),
    );
    const conversations = hot.rows.conversations as { id: string; state: string; version: number }[];
    expect(conversations.find((c) => c.id === "<conversation b>")).toMatchObject({ state: "assigned" });
    expect(conversations.find((c) => c.id === "<conversation c>")).toMatchObject({ state: "closed" });
  });
});
