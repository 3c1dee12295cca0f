import { expect } from "vitest";
import type * as repo from "~/repositories/knowledge.server";
import {
  closeUnansweredQuestion,
  countKnowledgeEntries,
  createKnowledgeEntry,
  deleteKnowledgeEntry,
  findKnowledgeEntry,
  findUnansweredQuestion,
  knowledgeFingerprint,
  listEnabledKnowledge,
  listUnansweredQuestions,
  recordUnansweredQuestion,
  updateKnowledgeEntry,
} from "~/repositories/knowledge.server";
import type { IsolationCases } from "./types";

export const cases: IsolationCases<typeof repo> = {
  async listEnabledKnowledge({ b, expectNoLeak }) {
    const rows = await listEnabledKnowledge(b.shop);
    expect(rows).toHaveLength(1);
    expectNoLeak(rows);
  },
  async knowledgeFingerprint({ b }) {
    expect(await knowledgeFingerprint(b.shop)).toMatch(/^1:/);
  },
  async findKnowledgeEntry({ a, b }) {
    expect(await findKnowledgeEntry(b.shop, a.knowledgeId)).toBeNull();
  },
  async createKnowledgeEntry({ b, expectNoLeak }) {
    const row = await createKnowledgeEntry(b.shop, { question: "Q?", answer: "A." });
    expect(row.shop).toBe(b.shop);
    expectNoLeak(row);
  },
  async countKnowledgeEntries({ b }) {
    expect(await countKnowledgeEntries(b.shop)).toBe(1);
  },
  async updateKnowledgeEntry({ a, b }) {
    expect(await updateKnowledgeEntry(b.shop, a.knowledgeId, { answer: "Changed by B", enabled: false })).toBeNull();
  },
  async deleteKnowledgeEntry({ a, b }) {
    expect(await deleteKnowledgeEntry(b.shop, a.knowledgeId)).toBe(false);
  },
  async findUnansweredQuestion({ a, b }) {
    expect(await findUnansweredQuestion(b.shop, a.unansweredId)).toBeNull();
  },
  async closeUnansweredQuestion({ a, b }) {
    expect(await closeUnansweredQuestion(b.shop, a.unansweredId, { status: "dismissed" })).toBe(false);
    expect(await closeUnansweredQuestion(b.shop, a.unansweredId, { status: "converted", entryId: b.knowledgeId })).toBe(
      false,
    );
  },
  async recordUnansweredQuestion({ a, b }) {
    // Same normalised text as shop A's row: B gets its own row, A's count is untouched.
    const tagA = a.shop.split(".")[0];
    const row = await recordUnansweredQuestion(b.shop, {
      normalized: `gift wrap ${tagA}`,
      question: "Gift wrap?",
      locale: "en",
      conversationId: null,
    });
    expect(row.shop).toBe(b.shop);
    expect(row.count).toBe(1);
    expect(row.id).not.toBe(a.unansweredId);
  },
  async listUnansweredQuestions({ b, expectNoLeak }) {
    const rows = await listUnansweredQuestions(b.shop, { limit: 100 });
    expect(rows).toHaveLength(1);
    expectNoLeak(rows);
  },
};
