import { expect } from "vitest";
import type * as repo from "~/repositories/conversations.server";
import {
  countOpenChatsByOperator,
  countQueuedAhead,
  createConversation,
  deleteConversation,
  findConversation,
  findConversationForVisitor,
  findConversationWithOperator,
  listInactive,
  listQueued,
  listRecentWaits,
  updateConversation,
} from "~/repositories/conversations.server";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async createConversation({ b, expectNoLeak }) {
    const row = await createConversation(b.shop, {
      visitorTokenHash: `iso-${Math.random()}`,
      customerId: null,
      locale: null,
      pageUrl: null,
      userAgent: null,
    });
    expect(row.shop).toBe(b.shop);
    expectNoLeak(row);
  },
  async findConversation({ a, b }) {
    expect(await findConversation(b.shop, a.conversations.member)).toBeNull();
  },
  async findConversationForVisitor({ a, b, db }) {
    const row = await db.conversation.findUniqueOrThrow({ where: { id: a.conversations.member } });
    const visitor = { tokenHash: row.visitorTokenHash, customerId: row.customerId };
    expect(await findConversationForVisitor(b.shop, a.conversations.member, visitor)).toBeNull();
  },
  async findConversationWithOperator({ a, b }) {
    expect(await findConversationWithOperator(b.shop, a.conversations.member)).toBeNull();
  },
  async updateConversation({ a, b }) {
    expect(await updateConversation(b.shop, a.conversations.member, { state: "closed", rating: 1 })).toBe(false);
  },
  async countQueuedAhead({ b }) {
    expect(await countQueuedAhead(b.shop, new Date())).toBe(1);
  },
  async listRecentWaits({ b, expectNoLeak }) {
    expectNoLeak(await listRecentWaits(b.shop, new Date(0)));
  },
  async countOpenChatsByOperator({ a, b }) {
    const counts = await countOpenChatsByOperator(b.shop);
    expect(counts.has(a.operatorId)).toBe(false);
  },
  async listQueued({ b, expectNoLeak }) {
    const rows = await listQueued(b.shop);
    expect(rows).toHaveLength(1);
    expectNoLeak(rows);
  },
  async listInactive({ b, expectNoLeak }) {
    const rows = await listInactive(b.shop, ["ai", "queued", "closed"], new Date(Date.now() + 60_000));
    expect(rows).toHaveLength(3);
    expectNoLeak(rows);
  },
  async deleteConversation({ a, b }) {
    expect(await deleteConversation(b.shop, a.conversations.member)).toBe(false);
  },
};
