import { expect } from "vitest";
import type * as repo from "~/repositories/inbox-search.server";
import { conversationsMatchingText, searchWhere } from "~/repositories/inbox-search.server";
import { CONVERSATION_STATES } from "~/domain/inbox";
import type { IsolationCases } from "./types";

const scope = { states: CONVERSATION_STATES, orderBy: "lastActivityAt", direction: "desc" } as const;

export const cases: IsolationCases<typeof repo> = {
  async conversationsMatchingText({ a, b, db, expectNoLeak }) {
    // A's words (its tag is in its messages) and words both shops share find only B's chats
    const tag = a.shop.split(".")[0]!;
    expect((await conversationsMatchingText(db, b.shop, tag, scope)).conversationIds).toEqual([]);
    const shared = await conversationsMatchingText(db, b.shop, "ship italy", scope);
    expectNoLeak(shared);
    expect(shared.conversationIds).toEqual([b.conversations.guest]);
    expectNoLeak(await conversationsMatchingText(db, b.shop, "emma", scope));
  },
  async searchWhere({ a, b, db, expectNoLeak }) {
    for (const q of [a.shop.split(".")[0]!, "#1003", "emma@example.com", "ship"])
      expectNoLeak(await searchWhere(db, b.shop, q, scope));
  },
  searchTerms: { pure: "splits a search into words; no database" },
};
