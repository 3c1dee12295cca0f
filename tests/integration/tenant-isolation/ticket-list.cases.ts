import { expect } from "vitest";
import type * as repo from "~/repositories/ticket-list.server";
import { listTicketsForAdmin, ticketStatusCounts } from "~/repositories/ticket-list.server";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async listTicketsForAdmin({ a, b, db, expectNoLeak }) {
    const page = await listTicketsForAdmin(b.shop, {});
    expect(page.rows.length).toBe(await db.ticket.count({ where: { shop: b.shop } }));
    expectNoLeak(page);
    // searching for A's requester, ticket numbers or reply text, or filtering by A's operator,
    // still finds only B's rows
    const aTicket = await db.ticket.findUniqueOrThrow({ where: { id: a.tickets.byEmail } });
    expectNoLeak(await listTicketsForAdmin(b.shop, { search: aTicket.requesterEmail ?? "x" }));
    expectNoLeak(await listTicketsForAdmin(b.shop, { search: `T-${aTicket.number}` }));
    const aTag = a.shop.split(".")[0]!;
    expect((await listTicketsForAdmin(b.shop, { search: `We are on it (${aTag})` })).rows).toEqual([]);
    expect((await listTicketsForAdmin(b.shop, { assignee: a.operatorId })).rows).toEqual([]);
    for (const sort of ["updated", "created", "priority", "due"] as const)
      expectNoLeak(await listTicketsForAdmin(b.shop, { sort, limit: 1 }));
  },
  async ticketStatusCounts({ b, db }) {
    const counts = await ticketStatusCounts(b.shop);
    const total = Object.values(counts).reduce((x, y) => x + y, 0);
    expect(total).toBe(await db.ticket.count({ where: { shop: b.shop } }));
  },
};
