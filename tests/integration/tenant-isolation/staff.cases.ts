import { expect } from "vitest";
import type * as repo from "~/repositories/staff.server";
import { recordOnline, staffFigures } from "~/repositories/staff.server";
import type { IsolationCases } from "./types";

const all = { start: new Date(0), end: new Date(Date.now() + 86_400_000) };

export const cases: IsolationCases<typeof repo> = {
  async staffFigures({ a, b, expectNoLeak }) {
    const figures = await staffFigures(b.shop, all);
    expect([...figures.keys()]).toEqual([b.operatorId]);
    expect(figures.has(a.operatorId)).toBe(false);
    expectNoLeak([...figures.keys()]);
  },
  async recordOnline({ a, b, db }) {
    // aimed at A's operator id: B's call may only touch B's rows (A's snapshot is checked afterwards)
    await recordOnline(b.shop, a.operatorId, new Date(), 90_000);
    expect(await db.presenceInterval.count({ where: { shop: b.shop, operatorId: a.operatorId } })).toBe(1);
  },
};
