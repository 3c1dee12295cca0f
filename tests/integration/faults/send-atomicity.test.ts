/**
 * Nothing half-written: a shopper's send that the database fails part-way leaves no trace — no
 * message without its change-feed event, no version bumped without a message, no reply job without
 * its message — and the same send retried with the same `clientMessageId` once the database works
 * is stored exactly once. The failures are real database errors inside the send's transaction: a
 * trigger that raises on the insert of one table (at each step in turn; on PostgreSQL with the
 * disk-full SQLSTATE 53100, so the answer is 503 with Retry-After) and, on SQLite, a database that
 * has no page left to grow into (max_page_count: SQLITE_FULL). SQLite, and PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setSqlitePragma } from "../../../app/db.server";
import { databaseKinds } from "../../helpers/db";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "../support/proxy-server";

describe.each(databaseKinds)("a send interrupted by a database error on %s", (kind) => {
  const shop = `atomic-${kind}.myshopify.com`;
  let app: RunningApp;
  let conversation: { id: string; token: string };

  beforeAll(async () => {
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, shop, { name: "Atomic store" });
    const res = await proxyFetch(app.url, shop, "/conversations", { body: { locale: "en" } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { conversation: { id: string }; visitorToken: string };
    conversation = { id: body.conversation.id, token: body.visitorToken };
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const send = (clientMessageId: string, text = "Do you ship the 156 cm board to Milan?") =>
    proxyFetch(app.url, shop, `/conversations/${conversation.id}/messages`, {
      body: { token: conversation.token, clientMessageId, text },
    });

  /** Everything a send writes, for this conversation. */
  async function footprint() {
    const db = app.database.db;
    const conv = await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    return {
      version: conv.version,
      messageCount: conv.messageCount,
      messages: await db.message.count({ where: { conversationId: conversation.id } }),
      domainEvents: await db.domainEvent.count({ where: { conversationId: conversation.id } }),
      conversationEvents: await db.conversationEvent.count({ where: { conversationId: conversation.id } }),
      jobs: await db.job.count({ where: { shop } }),
    };
  }

  async function failInserts(table: string): Promise<() => Promise<void>> {
    const db = app.database.db;
    if (kind === "sqlite") {
      await db.$executeRawUnsafe(
        `CREATE TRIGGER "fail_insert" BEFORE INSERT ON "${table}" BEGIN SELECT RAISE(ABORT, 'insert refused by the test'); END`,
      );
      return async () => void (await db.$executeRawUnsafe(`DROP TRIGGER "fail_insert"`));
    }
    await db.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION "fail_insert"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100'; END $$ LANGUAGE plpgsql`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER "fail_insert" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION "fail_insert"()`,
    );
    return async () => {
      await db.$executeRawUnsafe(`DROP TRIGGER "fail_insert" ON "${table}"`);
      await db.$executeRawUnsafe(`DROP FUNCTION "fail_insert"()`);
    };
  }

  /** After a clean retry: one message for the id, one reply job for it, one event, one bump. */
  async function expectStoredOnce(clientMessageId: string, before: Awaited<ReturnType<typeof footprint>>) {
    const retried = await send(clientMessageId);
    expect(retried.status).toBe(201);
    const { message } = (await retried.json()) as { message: { id: string } };
    const again = await send(clientMessageId);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { message: { id: string } }).message.id).toBe(message.id);
    const db = app.database.db;
    expect(await db.message.count({ where: { conversationId: conversation.id, clientMessageId } })).toBe(1);
    expect(await db.job.count({ where: { dedupeKey: `reply:${message.id}` } })).toBe(1);
    const after = await footprint();
    expect(after.messages).toBe(before.messages + 1);
    expect(after.messageCount).toBe(before.messageCount + 1);
    expect(after.version).toBe(before.version + 1);
    expect(after.domainEvents).toBeGreaterThan(before.domainEvents);
    expect(after.jobs).toBe(before.jobs + 1);
  }

  test.each(["Message", "DomainEvent", "Job"])(
    "the insert of a %s row fails: nothing of the send remains, and the retry is stored once",
    async (table) => {
      const clientMessageId = `interrupted-at-${table}`;
      const before = await footprint();
      const restore = await failInserts(table);
      try {
        const res = await send(clientMessageId);
        if (kind === "postgresql") {
          expect(res.status).toBe(503);
          expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unavailable");
        } else {
          // A trigger's RAISE is a constraint error to SQLite, not an outage: a plain 500.
          expect(res.status).toBe(500);
          await res.arrayBuffer();
        }
        expect(await footprint()).toEqual(before);
      } finally {
        await restore();
      }
      await expectStoredOnce(clientMessageId, before);
    },
  );

  // SQLite only (registered, not skipped, on SQLite): PostgreSQL has no per-database page limit.
  if (kind === "sqlite")
    test("a database with no page left (SQLITE_FULL) answers 503 and keeps nothing of the send", async () => {
      const db = app.database.db;
      const before = await footprint();
      const [row] = await db.$queryRawUnsafe<{ page_count: bigint | number }[]>("PRAGMA page_count");
      await setSqlitePragma(`max_page_count = ${Number(row!.page_count)}`, db);
      let failed: Response | undefined;
      const ids: string[] = [];
      try {
        // Long messages until one needs a page the database may not take.
        for (let i = 0; i < 200 && !failed; i++) {
          const id = `full-${i}`;
          const res = await send(id, `Is the 156 cm board back in stock? ${i} `.repeat(50));
          if (res.status === 503) failed = res;
          else {
            expect(res.status).toBe(201);
            ids.push(id);
            await res.arrayBuffer();
          }
        }
        expect(failed, "no send hit the page limit").toBeDefined();
        expect(failed!.headers.get("retry-after")).toMatch(/^\d+$/);
        const now = await footprint();
        // Every send that answered 201 is complete; the one that failed left nothing.
        expect(now.messages).toBe(before.messages + ids.length);
        expect(now.version).toBe(before.version + ids.length);
        expect(now.jobs).toBe(before.jobs + ids.length);
      } finally {
        await setSqlitePragma("max_page_count = 4294967294", db);
      }
      const complete = await footprint();
      await expectStoredOnce(`full-${ids.length}`, complete);
    });
});
