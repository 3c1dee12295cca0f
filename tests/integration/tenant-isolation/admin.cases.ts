import { expect } from "vitest";
import type * as repo from "~/repositories/admin.server";
import {
  getShopSettings,
  homeCounts,
  installState,
  listKnowledgeForAdmin,
  listTicketsForAdmin,
  ticketStatusCounts,
  topUnansweredQuestions,
  updateShopSettings,
} from "~/repositories/admin.server";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async homeCounts({ b, db }) {
    const counts = await homeCounts(b.shop);
    const own = await db.conversation.count({ where: { shop: b.shop, state: { not: "closed" } } });
    expect(counts.openConversations).toBe(own);
    expect(counts.openTickets).toBe(
      await db.ticket.count({ where: { shop: b.shop, status: { in: ["open", "pending"] } } }),
    );
  },
  async installState({ b, expectNoLeak }) {
    const state = await installState(b.shop);
    expect(state.hasOfflineSession).toBe(true);
    expectNoLeak(state);
  },
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
  async listKnowledgeForAdmin({ b, expectNoLeak }) {
    const rows = await listKnowledgeForAdmin(b.shop, undefined);
    expect(rows.length).toBeGreaterThan(0);
    expectNoLeak(rows);
  },
  async topUnansweredQuestions({ b, expectNoLeak }) {
    const rows = await topUnansweredQuestions(b.shop, 50);
    expect(rows.length).toBeGreaterThan(0);
    expectNoLeak(rows);
  },
  async getShopSettings({ b, expectNoLeak }) {
    const row = await getShopSettings(b.shop);
    expect(row?.shop).toBe(b.shop);
    expectNoLeak(row);
  },
  async updateShopSettings({ b, db }) {
    const saved = await updateShopSettings(b.shop, {
      timezone: "Europe/Paris",
      businessHours: "{}",
      holidays: "[]",
      greeting: "changed by B",
      routingMode: "manual",
      handoffEnabled: false,
      inactivityAwayMinutes: 5,
      inactivityCloseMinutes: 20,
      transferTimeoutSeconds: 120,
      retentionDays: 30,
      notifyEmail: null,
    });
    expect(saved).toBe(true);
    expect((await db.shop.findUniqueOrThrow({ where: { shop: b.shop } })).greeting).toBe("changed by B");
    // the harness checks that shop A's row did not change
  },
};
