import { expect } from "vitest";
import type * as repo from "~/repositories/exports.server";
import { conversationExportPage, messageExportPage, ticketExportPage } from "~/repositories/exports.server";
import type { IsolationCases } from "./types";

const all = { start: new Date(0), end: new Date(Date.now() + 86_400_000) };

export const cases: IsolationCases<typeof repo> = {
  async conversationExportPage({ b, db, expectNoLeak }) {
    const rows = await conversationExportPage(b.shop, all, null, 1000);
    expect(rows.length).toBe(await db.conversation.count({ where: { shop: b.shop } }));
    expectNoLeak(rows);
  },
  async messageExportPage({ b, db, expectNoLeak }) {
    const rows = await messageExportPage(b.shop, all, null, 1000);
    expect(rows.length).toBe(await db.message.count({ where: { shop: b.shop } }));
    expectNoLeak(rows);
  },
  async ticketExportPage({ b, db, expectNoLeak }) {
    const rows = await ticketExportPage(b.shop, all, null, 1000);
    expect(rows.length).toBe(await db.ticket.count({ where: { shop: b.shop } }));
    expectNoLeak(rows);
  },
};
