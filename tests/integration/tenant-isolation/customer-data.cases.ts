import { expect } from "vitest";
import type * as repo from "~/repositories/customer-data.server";
import { deleteCustomerData, findCustomerData } from "~/repositories/customer-data.server";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async findCustomerData({ b, expectNoLeak }) {
    // both shops have customer 1001 with the same email
    const found = await findCustomerData(b.shop, { id: 1001, email: b.email });
    expect(found.conversations.map((c) => c.id).sort()).toEqual([b.conversations.member, b.conversations.guest].sort());
    expectNoLeak(found);
  },
  async deleteCustomerData({ b }) {
    expect(await deleteCustomerData(b.shop, { id: "gid://shopify/Customer/1001", email: b.email })).toEqual({
      conversations: 2,
      tickets: 2,
      unansweredQuestions: 1,
    });
  },
};
