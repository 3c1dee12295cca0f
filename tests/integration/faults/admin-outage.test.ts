/**
 * The admin and the JSON endpoints while the database is away (a real outage of the test database:
 * support/outage.ts): 503 with Retry-After and `{"error": {"code": "unavailable"}}` for data
 * requests, fetcher actions, /app/api/* and /hooks/*; a readable page for a document request, with
 * no stack trace or error text; and everything answers again by itself once the outage ends.
 * SQLite (writes locked past the busy timeout), and PostgreSQL when TEST_DATABASE_URL is set
 * (connections refused and cut: reads fail too).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../../helpers/db";
import { installShop, startTestApp, type RunningApp } from "../support/proxy-server";
import { adminFetch } from "../support/admin-requests";
import { startOutage, type Outage } from "../support/outage";

const STAFF = "95001";

async function eventually(what: string, fn: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A single-fetch answer (`.data`, turbo-stream encoded): the status, Retry-After and the code. */
const expectUnavailableData = async (response: Response) => {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
  const text = await response.text();
  expect(text).toContain("unavailable");
  expect(text).not.toMatch(/SQLITE|Prisma|at \w+ \(|stack/i);
};

const expectUnavailableJson = async (response: Response) => {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("unavailable");
  expect(body.error.message).toMatch(/database/);
  expect(JSON.stringify(body)).not.toMatch(/SQLITE|Prisma|at \w+ \(|postgres|stack/i);
};

describe.each(databaseKinds)("answers while the database is away on %s", (kind) => {
  const shop = `outage-${kind}.myshopify.com`;
  let app: RunningApp;
  let outage: Outage | undefined;

  beforeAll(async () => {
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, shop, { name: "Outage store" });
    await app.database.db.operator.create({ data: { shop, staffUserId: STAFF, name: "Anna Ferri", role: "admin" } });
  }, 120_000);
  afterAll(async () => {
    await outage?.end();
    await app?.close();
  });

  test("a fetcher's action, a data request, a page, /app/api/* and /hooks/* answer 503 with Retry-After, then recover", async () => {
    // Working before.
    expect((await adminFetch(app.url, shop, STAFF, "/app/canned")).status).toBe(200);

    outage = await startOutage(app.database);

    // A fetcher's action (single fetch: `<path>.data`) that writes.
    const action = await adminFetch(app.url, shop, STAFF, "/app/canned.data", {
      form: { intent: "create", shortcut: "hello", title: "Hello", body: "Hello there" },
    });
    await expectUnavailableData(action);

    // A JSON endpoint under /app/api that writes (the presence heartbeat).
    const heartbeat = await adminFetch(app.url, shop, STAFF, "/app/api/presence", {
      json: { status: "online", idle: false },
    });
    await expectUnavailableJson(heartbeat);

    if (outage.reads) {
      // A document request: a readable page, not a stack trace.
      const page = await adminFetch(app.url, shop, STAFF, "/app/canned");
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).toMatch(/^\d+$/);
      const html = await page.text();
      expect(html).toContain("can&#x27;t reach its database right now");
      expect(html).toContain("Nothing that was already saved is lost");
      expect(html).toContain("Try again now");
      // Nothing of the error itself: no driver message, code or stack frame.
      expect(html).not.toMatch(
        /SQLITE_|PrismaClient|ECONNREFUSED|\bat [\w.<>]+ \(|terminating connection|accepting connections/,
      );

      // A client-side navigation's data request.
      await expectUnavailableData(await adminFetch(app.url, shop, STAFF, "/app/canned.data"));

      // A hook (the workflow callback looks the conversation up first).
      const hook = await fetch(`${app.url}/hooks/workflow`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": "msg_1",
          "webhook-timestamp": "1",
          "webhook-signature": "v1,x",
        },
        body: JSON.stringify({ conversationId: "c1", action: "reply", text: "hi" }),
      });
      await expectUnavailableJson(hook);
    }

    await outage.end();
    outage = undefined;

    // Back by itself: the same action now saves, once.
    await eventually("the action to work again", async () => {
      const again = await adminFetch(app.url, shop, STAFF, "/app/canned.data", {
        form: { intent: "create", shortcut: "hello", title: "Hello", body: "Hello there" },
      });
      await again.arrayBuffer();
      return again.status === 200;
    });
    expect(await app.database.db.cannedResponse.count({ where: { shop } })).toBe(1);
    expect((await adminFetch(app.url, shop, STAFF, "/app/canned")).status).toBe(200);
  }, 120_000);
});
