import { expect } from "vitest";
import type * as repo from "~/repositories/inbox.server";
import { listInbox } from "~/repositories/inbox.server";
import { INBOX_VIEWS } from "~/domain/inbox";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async listInbox({ a, b, expectNoLeak }) {
    for (const view of INBOX_VIEWS) {
      // even asking for shop A's operator, or searching A's texts and email, returns only B's rows
      const page = await listInbox(b.shop, { view, operatorId: a.operatorId, assigneeId: a.operatorId });
      expectNoLeak(page);
      const mine = await listInbox(b.shop, { view, operatorId: b.operatorId });
      expectNoLeak(mine);
    }
    expectNoLeak(await listInbox(b.shop, { view: "open", operatorId: b.operatorId, q: a.shop.split(".")[0] }));
    expectNoLeak(await listInbox(b.shop, { view: "ai", operatorId: b.operatorId, q: "emma@example.com" }));
    const own = await listInbox(b.shop, { view: "ai", operatorId: b.operatorId, q: "emma@example.com" });
    expect(own.rows.length).toBe(1);
  },
};
