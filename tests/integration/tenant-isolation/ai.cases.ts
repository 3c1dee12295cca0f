import { expect } from "vitest";
import type * as repo from "~/repositories/ai.server";
import {
  addConversationUsage,
  addDailyUsage,
  getAiSettings,
  getConversationForAi,
  getDailyUsage,
  listDailyUsage,
  listTranscript,
  setHandoffSummary,
  updateAiSettings,
} from "~/repositories/ai.server";
import type { IsolationCases } from "./types";

const usage = { tokensIn: 5, tokensOut: 7, costMicros: 3 };

export const cases: IsolationCases<typeof repo> = {
  async getAiSettings({ b, expectNoLeak }) {
    const s = await getAiSettings(b.shop);
    expect(s?.shop).toBe(b.shop);
    expectNoLeak(s);
  },
  async updateAiSettings({ b }) {
    expect(await updateAiSettings(b.shop, { aiPersona: "B persona", aiDailyTokenCap: 5 })).toBe(true);
  },
  async addConversationUsage({ a, b }) {
    expect(await addConversationUsage(b.shop, a.conversations.member, usage)).toBe(false);
    expect(await addConversationUsage(b.shop, b.conversations.member, usage)).toBe(true);
  },
  async addDailyUsage({ b }) {
    await addDailyUsage(b.shop, "2026-11-26", usage);
  },
  async getDailyUsage({ b, expectNoLeak }) {
    const row = await getDailyUsage(b.shop, "2026-11-26");
    expect(row?.shop).toBe(b.shop);
    expectNoLeak(row);
  },
  async listDailyUsage({ b, expectNoLeak }) {
    const rows = await listDailyUsage(b.shop, "2000-01-01");
    expect(rows).toHaveLength(1);
    expectNoLeak(rows);
  },
  async setHandoffSummary({ a, b }) {
    expect(await setHandoffSummary(b.shop, a.conversations.member, "overwritten by B")).toBe(false);
  },
  async getConversationForAi({ a, b }) {
    expect(await getConversationForAi(b.shop, a.conversations.member)).toBeNull();
  },
  async listTranscript({ a, b, expectNoLeak }) {
    expect(await listTranscript(b.shop, a.conversations.member)).toEqual([]);
    expectNoLeak(await listTranscript(b.shop, b.conversations.member));
  },
};
