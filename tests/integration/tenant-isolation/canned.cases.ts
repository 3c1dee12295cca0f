import { expect } from "vitest";
import type * as repo from "~/repositories/canned.server";
import {
  createCanned,
  deleteCanned,
  findCannedByPrefix,
  getCanned,
  listCanned,
  updateCanned,
} from "~/repositories/canned.server";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async listCanned({ b, expectNoLeak }) {
    const rows = await listCanned(b.shop);
    expect(rows.length).toBe(1);
    expectNoLeak(rows);
  },
  async getCanned({ a, b }) {
    expect(await getCanned(b.shop, a.cannedId)).toBeNull();
  },
  async findCannedByPrefix({ b, expectNoLeak }) {
    const rows = await findCannedByPrefix(b.shop, "h");
    expect(rows.length).toBe(1);
    expectNoLeak(rows);
  },
  async createCanned({ b, expectNoLeak }) {
    // shop A has "/hi" too: shop B's own "/hi" exists, a new shortcut is created in B only
    expect(await createCanned(b.shop, { shortcut: "hi", title: "x", body: "x" })).toBeNull();
    const row = await createCanned(b.shop, { shortcut: "thanks", title: "Thanks", body: "Thank you!" });
    expect(row?.shop).toBe(b.shop);
    expectNoLeak(row);
  },
  async updateCanned({ a, b }) {
    expect(await updateCanned(b.shop, a.cannedId, { shortcut: "pwned", title: "x", body: "x" })).toBe("not_found");
  },
  async deleteCanned({ a, b }) {
    expect(await deleteCanned(b.shop, a.cannedId)).toBe(false);
  },
};
