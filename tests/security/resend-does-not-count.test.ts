/**
 * Finding: a resend of a message already stored (same clientMessageId, as the widget retries after
 * a lost answer) used up the visitor's message budget (20 a minute), so a shopper on a flaky
 * connection was locked out. Only stored messages count now (one rule: rate-limits.server.ts
 * `withinMessageBudget`, called by the widget API's one message handler).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MESSAGES_PER_MINUTE } from "../../app/domain/conversations/rate-limits.server";
import { databaseKinds } from "../helpers/db";
import { installShop, startTestApp, type RunningApp } from "../integration/support/proxy-server";
import { send, startChat } from "./support/widget";

describe.each(databaseKinds)("resends on %s", (kind) => {
  const shop = `resend-${kind}.myshopify.com`;
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, shop);
  });
  afterAll(async () => {
    await app?.close();
  });

  test("resending a stored message many times answers 200 with the same message and leaves the whole budget for new ones", async () => {
    const chat = await startChat(app.url, shop, { ip: "198.51.100.7" });
    const first = await send(chat, "Where is my parcel?", "lost-answer-1");
    expect(first.status).toBe(201);
    const { message } = (await first.json()) as { message: { id: string } };

    for (let i = 0; i < 2 * MESSAGES_PER_MINUTE; i++) {
      const again = await send(chat, "Where is my parcel?", "lost-answer-1");
      expect(again.status).toBe(200);
      expect(((await again.json()) as { message: { id: string } }).message.id).toBe(message.id);
    }
    const statuses: number[] = [];
    for (let i = 1; i < MESSAGES_PER_MINUTE; i++) statuses.push((await send(chat, `new message ${i}`)).status);
    expect(statuses).toEqual(Array(MESSAGES_PER_MINUTE - 1).fill(201));
    // The budget still holds for new messages.
    const over = await send(chat, "one too many");
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe("rate_limited");

    const stored = await app.database.db.message.count({ where: { conversationId: chat.id, role: "shopper" } });
    expect(stored).toBe(MESSAGES_PER_MINUTE);
  });
});
