/**
 * Finding: a JSON `"\ud800"` escape (an unpaired surrogate, which has no UTF-8 form) was stored as
 * invalid text, and a message made only of zero-width characters was accepted as if it said
 * something. Both are refused with 422 `invalid_request` in every free-text field a shopper fills
 * in, by the one set of zod rules of the widget API (input.ts), and nothing
 * is written.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "../integration/support/proxy-server";

/** Characters that draw nothing: zero-width space, ZWNJ, ZWJ, word joiner, BOM, Hangul filler, Braille blank. */
const INVISIBLE = "\\u200b\\u200c\\u200d\\u2060\\ufeff\\u3164\\u2800 ";
/** A JSON string literal with an escaped, unpaired high surrogate (what JSON.parse turns into one). */
const LONE = "hi \\ud800 there";

describe.each(databaseKinds.map((kind) => ({ kind })))("unpaired surrogates and invisible text on $kind", (setup) => {
  const shop = `text-rules-${setup.kind}.myshopify.com`;
  let app: RunningApp;
  let ip = 0;

  beforeAll(async () => {
    app = await startTestApp(setup.kind, { worker: false });
    await installShop(app.database.db, shop);
  });
  afterAll(async () => {
    await app?.close();
  });

  async function start(): Promise<{ id: string; token: string }> {
    const res = await proxyFetch(app.url, shop, "/conversations", { body: {}, ip: `198.51.100.${++ip}` });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { conversation: { id: string }; visitorToken: string };
    return { id: body.conversation.id, token: body.visitorToken };
  }

  /** POSTs a body whose JSON text is written by hand (so escapes reach the server as sent). */
  async function post(path: string, json: string): Promise<{ status: number; code?: string; message?: string }> {
    const res = await proxyFetch(app.url, shop, path, { rawBody: json, ip: `198.51.100.${++ip}` });
    const body = (await res.json()) as { error?: { code: string; message: string } };
    return { status: res.status, code: body.error?.code, message: body.error?.message };
  }

  test("a message with an unpaired surrogate or only zero-width characters is refused with 422 and not stored", async () => {
    const c = await start();
    for (const [i, text] of [LONE, INVISIBLE, "\\udc00", "\\u200b"].entries()) {
      const sent = await post(
        `/conversations/${c.id}/messages`,
        `{"token":"${c.token}","clientMessageId":"bad-${i}","text":"${text}"}`,
      );
      expect(sent).toMatchObject({ status: 422, code: "invalid_request" });
      expect(sent.message).toMatch(/^text: /);
    }
    expect(await app.database.db.message.count({ where: { conversationId: c.id, role: "shopper" } })).toBe(0);
  });

  test("emoji joined with zero-width joiners and surrogate pairs are accepted unchanged", async () => {
    const c = await start();
    const text = "👩‍💻 works, 🇮🇹 too";
    const sent = await proxyFetch(app.url, shop, `/conversations/${c.id}/messages`, {
      body: { token: c.token, clientMessageId: "ok-1", text },
      ip: `198.51.100.${++ip}`,
    });
    expect(sent.status).toBe(201);
    expect(((await sent.json()) as { message: { text: string } }).message.text).toBe(text);
  });

  test("contact form, rating comment, escalation reason and pre-chat name refuse both with 422 and write nothing", async () => {
    const c = await start();
    const cases: [string, string][] = [
      [`/conversations/${c.id}/contact`, `{"token":"${c.token}","email":"a@example.com","name":"${LONE}"}`],
      [`/conversations/${c.id}/contact`, `{"token":"${c.token}","email":"a@example.com","name":"${INVISIBLE}"}`],
      [`/conversations/${c.id}/contact`, `{"token":"${c.token}","email":"a@example.com","message":"${LONE}"}`],
      [`/conversations/${c.id}/contact`, `{"token":"${c.token}","email":"a@example.com","message":"${INVISIBLE}"}`],
      [`/conversations/${c.id}/rating`, `{"token":"${c.token}","score":4,"comment":"${LONE}"}`],
      [`/conversations/${c.id}/rating`, `{"token":"${c.token}","score":4,"comment":"${INVISIBLE}"}`],
      [`/conversations/${c.id}/escalate`, `{"token":"${c.token}","reason":"${LONE}"}`],
      [`/conversations`, `{"visitor":{"name":"${LONE}"}}`],
      [`/conversations`, `{"visitor":{"name":"${INVISIBLE}"}}`],
      [`/conversations`, `{"pageUrl":"https://shop.example/p/\\ud83d"}`],
    ];
    for (const [path, json] of cases) {
      expect({ path, json, ...(await post(path, json)) }).toMatchObject({ status: 422, code: "invalid_request" });
    }
    expect(await app.database.db.ticket.count({ where: { shop } })).toBe(0);
    const row = await app.database.db.conversation.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ rating: null, ratingComment: null, contactName: null, state: "ai" });
    // one conversation per start() in this file: the refused starts created none
    expect(await app.database.db.conversation.count({ where: { shop } })).toBe(3);
  });
});
