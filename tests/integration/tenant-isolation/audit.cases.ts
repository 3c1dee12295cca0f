import { expect } from "vitest";
import type * as repo from "~/repositories/audit.server";
import { listAudit, writeAudit } from "~/repositories/audit.server";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async writeAudit({ db, a, b }) {
    const row = await writeAudit(b.shop, { actorType: "ai", action: "order.disclosed", targetId: a.auditId });
    expect(row.shop).toBe(b.shop);
    expect(await db.auditLog.count({ where: { shop: a.shop } })).toBe(1);
  },
  async listAudit({ b, expectNoLeak }) {
    const rows = await listAudit(b.shop, {});
    expect(rows.length).toBeGreaterThan(0);
    expectNoLeak(rows);
    expectNoLeak(await listAudit(b.shop, { action: "order.disclosed", since: new Date(0), limit: 1000 }));
  },
};
