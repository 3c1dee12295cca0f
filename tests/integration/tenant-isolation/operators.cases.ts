import { expect } from "vitest";
import type * as repo from "~/repositories/operators.server";
import {
  countOperators,
  createOperatorOnFirstVisit,
  expireStalePresence,
  findOperatorByStaffId,
  getOperator,
  listOperators,
  openChatCounts,
  recordHeartbeat,
  setEmailNotifications,
  updateOperatorLocale,
  updateOperatorProfile,
  updateOperatorSettings,
} from "~/repositories/operators.server";
import type { IsolationCases } from "./types";

const staffOf = (shop: string) => `staff-${shop.split(".")[0]}`;

export const cases: IsolationCases<typeof repo> = {
  async findOperatorByStaffId({ a, b }) {
    expect(await findOperatorByStaffId(b.shop, staffOf(a.shop))).toBeNull();
  },
  async getOperator({ a, b }) {
    expect(await getOperator(b.shop, a.operatorId)).toBeNull();
  },
  async listOperators({ b, expectNoLeak }) {
    const rows = await listOperators(b.shop);
    expect(rows.length).toBe(1);
    expectNoLeak(rows);
  },
  async countOperators({ b }) {
    expect(await countOperators(b.shop)).toBe(1);
  },
  async createOperatorOnFirstVisit({ a, b, expectNoLeak }) {
    // the same staff id as shop A's operator creates a separate operator in shop B
    const row = await createOperatorOnFirstVisit(b.shop, staffOf(a.shop), { name: "B's copy", owner: false });
    expect(row.role).toBe("operator");
    expect(row.shop).toBe(b.shop);
    expect(row.id).not.toBe(a.operatorId);
    expectNoLeak({ ...row, staffUserId: "" });
  },
  async updateOperatorProfile({ a, b }) {
    expect(await updateOperatorProfile(b.shop, a.operatorId, { name: "Mallory" })).toBe(false);
  },
  async updateOperatorSettings({ a, b }) {
    expect(await updateOperatorSettings(b.shop, a.operatorId, { role: "admin", capacity: 99 })).toBe(false);
  },
  async setEmailNotifications({ a, b }) {
    expect(await setEmailNotifications(b.shop, a.operatorId, { email: "m@evil.test", emailNotifications: true })).toBe(
      false,
    );
  },
  async updateOperatorLocale({ a, b }) {
    expect(await updateOperatorLocale(b.shop, a.operatorId, "it")).toBe(false);
    expect((await getOperator(a.shop, a.operatorId))?.locale ?? null).toBeNull();
  },
  async recordHeartbeat({ a, b }) {
    expect(await recordHeartbeat(b.shop, a.operatorId, "offline")).toBe(false);
  },
  async expireStalePresence({ b }) {
    // shop A's operator is "online" with no heartbeat: only shop B's operator may be expired
    expect(await expireStalePresence(b.shop, new Date(Date.now() + 60_000))).toBe(1);
  },
  async openChatCounts({ a, b }) {
    const counts = await openChatCounts(b.shop);
    expect(counts.has(a.operatorId)).toBe(false);
  },
};
