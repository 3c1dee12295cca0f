/**
 * The shops' knowledge indexes on a real database: one per shop, rebuilt when the shop's entries
 * change, at most MAX_CACHED_SHOPS in memory (least recently used dropped), and a shop's index never
 * answers from another shop's entries.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cachedKnowledgeShops, knowledgeIndex, MAX_CACHED_SHOPS } from "../../../app/ai/knowledge-index.server";
import { builtinQuick } from "../../../app/ai/builtin.server";
import { setDb } from "../../../app/db.server";
import { databaseKinds, type TestDatabase } from "../../helpers/db";
import { OTHER_SHOP, setUpAiDatabase, SHOP } from "./setup";

describe.each(databaseKinds)("knowledge indexes on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await setUpAiDatabase(kind);
  });
  afterAll(async () => {
    setDb(undefined);
    await t.close();
  });

  test("an entry added to a shop is found at once; the other shop's index does not have it", async () => {
    const before = await knowledgeIndex(OTHER_SHOP);
    expect(before.search("do you sell ski wax remover?", "en")).toEqual([]);
    await t.db.knowledgeEntry.create({
      data: { shop: OTHER_SHOP, question: "Do you sell wax remover?", answer: "Yes, in the shop.", tags: "wax" },
    });
    const after = await knowledgeIndex(OTHER_SHOP);
    expect(after).not.toBe(before);
    expect(after.search("do you sell wax remover?", "en")[0]?.doc.answer).toBe("Yes, in the shop.");
    const demo = await knowledgeIndex(SHOP);
    expect(demo.search("wax remover", "en").map((h) => h.doc.answer)).not.toContain("Yes, in the shop.");
    expect(await knowledgeIndex(SHOP)).toBe(demo);
  });

  test("at most MAX_CACHED_SHOPS indexes stay in memory, the least recently used leave first", async () => {
    await knowledgeIndex(SHOP);
    for (let i = 0; i < MAX_CACHED_SHOPS; i++) await knowledgeIndex(`lru-${i}.myshopify.com`);
    const cached = cachedKnowledgeShops();
    expect(cached).toHaveLength(MAX_CACHED_SHOPS);
    expect(cached).not.toContain(SHOP);
    expect(cached.at(-1)).toBe(`lru-${MAX_CACHED_SHOPS - 1}.myshopify.com`);
    await knowledgeIndex("lru-0.myshopify.com");
    expect(cachedKnowledgeShops().at(-1)).toBe("lru-0.myshopify.com");
  });

  test("the synchronous responder steps aside for product and order questions, and answers the rest", async () => {
    const index = await knowledgeIndex(SHOP);
    expect(builtinQuick(index, { text: "do you have helmets?", locale: "en" })).toBeNull();
    expect(builtinQuick(index, { text: "where is my order?", locale: "en" })).toBeNull();
    expect(builtinQuick(index, { text: "noah.martin@example.com", locale: "en" })).toBeNull();
    expect(builtinQuick(index, { text: "👍", locale: "en" })).toMatchObject({
      text: expect.stringContaining("How can I help"),
    });
    expect(builtinQuick(index, { text: "how much does shipping cost?", locale: "en" })?.text).toMatch(
      /^Shipping is €6.90/,
    );
  });
});
