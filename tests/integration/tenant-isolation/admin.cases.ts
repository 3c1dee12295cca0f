import { expect } from "vitest";
import type * as repo from "~/repositories/admin.server";
import {
  getShopSettings,
  homeCounts,
  installState,
  listKnowledgeForAdmin,
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
