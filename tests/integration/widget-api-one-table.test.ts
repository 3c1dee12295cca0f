/**
 * The widget API's one handler table (server/widget-api, ADR 140) on the real server: the rules the
 * two former implementations disagreed on, the order of checks for unknown paths and methods, and
 * the shopper's typing signal that the operator's conversation view reads.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "./support/proxy-server";

describe.each(databaseKinds)("the widget API's one handler table on %s", (kind) => {
  const shop = `one-table-${kind}.myshopify.com`;
  let app: RunningApp;
  const call = (path: string, c: Parameters<typeof proxyFetch>[3] = {}) => proxyFetch(app.url, shop, path, c);
  const start = async () => {
    const res = await call("/conversations", { body: {} });
    expect(res.status).toBe(201);
    return (await res.json()) as { conversation: { id: string }; visitorToken: string; cursor: number };
  };

  beforeAll(async () => {
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, shop);
  });
  afterAll(async () => {
    await app?.close();
  });

  test("a query token that cannot be a visitor token is the same 404 on poll and on resume", async () => {
    const c = await start();
    for (const token of ["short", "", "x".repeat(201)]) {
      for (const path of [`/conversations/${c.conversation.id}/poll`, `/conversations/${c.conversation.id}`]) {
        const res = await call(path, { query: { token, after: "0" } });
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ error: { code: "not_found", message: "conversation not found" } });
      }
    }
  });

  test("a cursor that is not written in digits is 422 invalid_request, whether the entry is in memory or not", async () => {
    const c = await start();
    const poll = (after: string) =>
      call(`/conversations/${c.conversation.id}/poll`, { query: { token: c.visitorToken, after } });
    for (const after of ["1e3", "-1", "1.5", "0x10"]) {
      const res = await poll(after);
      expect(res.status).toBe(422);
      expect((await res.json()).error).toEqual({
        code: "invalid_request",
        message: "after: must be a non-negative integer",
      });
    }
    expect((await poll(String(c.cursor))).status).toBe(204);
  });

  test("an unknown path is 404 and another method on a known path is 405, both signed and without a store", async () => {
    const unknown = await call("/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("cache-control")).toBe("no-store");
    expect((await unknown.json()).error.code).toBe("not_found");
    const wrongMethod = await call("/config", { method: "POST", body: {} });
    expect(wrongMethod.status).toBe(405);
    expect((await wrongMethod.json()).error.code).toBe("invalid_request");
    const unsigned = await fetch(`${app.url}/proxy/nothing-here?shop=${shop}`);
    expect(unsigned.status).toBe(400);
  });

  test("the shopper's typing is stored for the operator, 404 for a wrong token, and the shopper's cursor stays", async () => {
    const c = await start();
    const path = `/conversations/${c.conversation.id}/typing`;
    const typing = await call(path, { body: { token: c.visitorToken, typing: true } });
    expect(typing.status).toBe(200);
    const row = await app.database.db.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } });
    expect(row.shopperTypingAt).not.toBeNull();
    expect(row.version).toBe(c.cursor);
    const poll = await call(`/conversations/${c.conversation.id}/poll`, {
      query: { token: c.visitorToken, after: String(c.cursor) },
    });
    expect(poll.status).toBe(204);

    const wrong = await call(path, { body: { token: "y".repeat(32), typing: true } });
    expect(wrong.status).toBe(404);
    const bad = await call(path, { body: { token: c.visitorToken, typing: "yes" } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toMatch(/^typing: /);

    expect((await call(path, { body: { token: c.visitorToken, typing: false } })).status).toBe(200);
    const stopped = await app.database.db.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } });
    expect(stopped.shopperTypingAt).toBeNull();
  });
});
