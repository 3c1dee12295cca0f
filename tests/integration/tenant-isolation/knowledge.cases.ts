import { expect } from "vitest";
import type * as repo from "~/repositories/knowledge.server";
import {
  createKnowledgeEntry,
  findKnowledgeEntry,
  knowledgeFingerprint,
  listEnabledKnowledge,
  listUnansweredQuestions,
  recordUnansweredQuestion,
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
