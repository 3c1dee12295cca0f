import { expect } from "vitest";
import type * as repo from "~/repositories/inbox-live.server";
import { inboxCounts, inboxPulse, queuedSince, recentTags } from "~/repositories/inbox-live.server";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async inboxCounts({ a, b }) {
    expect(await inboxCounts(b.shop, a.operatorId)).toEqual({ queue: 1, mine: 0, open: 1, ai: 1, closed: 1 });
  },
  async recentTags({ a, b, db, expectNoLeak }) {
    // give shop A's chats a tag for the duration of the call (raw SQL: updatedAt stays as it was)
    await db.$executeRaw`UPDATE "Conversation" SET "tags" = ${`secret-${a.shop.split(".")[0]}`} WHERE "shop" = ${a.shop}`;
    try {
      expectNoLeak(await recentTags(b.shop));
    } finally {
      await db.$executeRaw`UPDATE "Conversation" SET "tags" = '' WHERE "shop" = ${a.shop}`;
    }
  },
  async inboxPulse({ b, expectNoLeak }) {
    expectNoLeak(await inboxPulse(b.shop, b.operatorId));
  },
  async queuedSince({ b, expectNoLeak }) {
    const rows = await queuedSince(b.shop, new Date(0));
    expect(rows.length).toBe(1);
    expectNoLeak(rows);
  },
};
