import { expect } from "vitest";
import type * as repo from "~/repositories/analytics.server";
import {
  aiUsageByDay,
  conversationBuckets,
  conversationOutcomes,
  responseMedians,
  slaCounts,
  tagCounts,
} from "~/repositories/analytics.server";
import type { IsolationCases } from "./types";

const all = { start: new Date(0), end: new Date(Date.now() + 86_400_000) };

export const cases: IsolationCases<typeof repo> = {
  async conversationBuckets({ b, db }) {
    const buckets = await conversationBuckets(b.shop, all, 3600);
    expect(buckets.reduce((s, x) => s + x.count, 0)).toBe(await db.conversation.count({ where: { shop: b.shop } }));
  },
  async conversationOutcomes({ b, db }) {
    const o = await conversationOutcomes(b.shop, all);
    expect(o.conversations).toBe(await db.conversation.count({ where: { shop: b.shop } }));
    expect(o.escalated).toBe(await db.conversation.count({ where: { shop: b.shop, queuedAt: { not: null } } }));
  },
  async responseMedians({ b, db }) {
    const m = await responseMedians(b.shop, all);
    expect(m.firstResponse.count).toBe(
      await db.conversation.count({
        where: { shop: b.shop, queuedAt: { not: null }, firstHumanReplyAt: { not: null } },
      }),
    );
  },
  async slaCounts({ b, db }) {
    // B's ticket has a deadline; a breach for that ticket id recorded under another shop must not count
    await db.ticket.updateMany({ where: { id: b.tickets.byEmail }, data: { firstResponseDueAt: new Date() } });
    await db.domainEvent.deleteMany({ where: { shop: b.shop } });
    const other = `c-${b.shop}`;
    await db.domainEvent.create({
      data: {
        id: `evt_c_${Math.random()}`,
        shop: other,
        type: "sla.breached",
        ticketId: b.tickets.byEmail,
        data: '{"target":"first_response"}',
      },
    });
    expect((await slaCounts(b.shop, all)).firstResponse).toEqual({ due: 1, breached: 0 });
    await db.domainEvent.deleteMany({ where: { shop: other } });
  },
  async aiUsageByDay({ b, expectNoLeak }) {
    const rows = await aiUsageByDay(b.shop, "2000-01-01", "2100-01-01");
    expect(rows).toHaveLength(1);
    expectNoLeak(rows);
  },
  async tagCounts({ b, db }) {
    await db.conversation.updateMany({ where: { shop: b.shop }, data: { tags: "b-only" } });
    const rows = await tagCounts(b.shop, all);
    expect(rows).toEqual([{ tag: "b-only", count: await db.conversation.count({ where: { shop: b.shop } }) }]);
  },
};
