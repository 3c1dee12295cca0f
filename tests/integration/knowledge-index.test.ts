/**
 * The assistant's knowledge index is cached per process: `invalidateKnowledgeIndex` (called by the
 * knowledge service after every write) makes the next search read the entries again, even for a
 * change the cache's fingerprint (entry count and newest update) cannot see, such as a write from
 * an instance whose clock is behind. Real SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setDb } from "~/db.server";
import { invalidateKnowledgeIndex, knowledgeIndex } from "~/ai/knowledge-index.server";
import { createKnowledgeEntry } from "~/repositories/knowledge.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

describe.each(databaseKinds)("knowledge index cache on %s", (kind) => {
  let t: TestDatabase;
  const SHOP = `index-${kind}.myshopify.com`;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setDb(t.db);
  });
  afterAll(async () => {
    setDb(undefined);
    await t?.close();
  });

  test("a change the fingerprint cannot see is searched after invalidateKnowledgeIndex, not before", async () => {
    const entry = await createKnowledgeEntry(SHOP, {
      question: "Do you rent snowboards?",
      phrasings: "Can I hire a board for a day?",
      answer: "Yes, from €30 a day.",
    });
    await createKnowledgeEntry(SHOP, { question: "How long does shipping take?", answer: "Two days." });
    const best = async (q: string) => (await knowledgeIndex(SHOP)).search(q, "en", 1)[0]?.doc;
    expect((await best("hire a board"))?.answer).toBe("Yes, from €30 a day.");
    expect((await best("hire"))?.id).toBe(entry.id);

    // Same count, same newest updatedAt: the fingerprint does not change.
    await t.db.knowledgeEntry.update({
      where: { id: entry.id },
      data: { answer: "Yes, from €35 a day.", phrasings: "", updatedAt: entry.updatedAt },
    });
    expect((await best("hire a board"))?.answer).toBe("Yes, from €30 a day.");

    invalidateKnowledgeIndex(SHOP);
    expect((await best("rent snowboards"))?.answer).toBe("Yes, from €35 a day.");
    // The phrasing was removed with it: its words find nothing now.
    expect(await best("hire")).toBeUndefined();
  });

  test("each shop has its own index", async () => {
    await createKnowledgeEntry(`other-${SHOP}`, { question: "Do you sell gift cards?", answer: "Yes." });
    expect((await knowledgeIndex(SHOP)).search("gift cards", "en", 3).map((h) => h.doc.answer)).not.toContain("Yes.");
    expect((await knowledgeIndex(`other-${SHOP}`)).size).toBe(1);
  });
});
