import { expect } from "vitest";
import type * as repo from "~/repositories/customer-history.server";
import { customerHistory } from "~/repositories/customer-history.server";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async customerHistory({ a, b, expectNoLeak }) {
    // both shops have customer 1001 and emma@example.com: B sees only its own history of them
    const history = await customerHistory(b.shop, {
      conversationId: b.conversations.member,
      customerId: "1001",
      email: "emma@example.com",
    });
    expectNoLeak(history);
    expect(history.conversations.map((c) => c.id)).toEqual([b.conversations.guest]);
    // asking about shop A's conversation id from shop B finds nothing of A
    expectNoLeak(
      await customerHistory(b.shop, { conversationId: a.conversations.member, customerId: "1001", email: null }),
    );
  },
};
