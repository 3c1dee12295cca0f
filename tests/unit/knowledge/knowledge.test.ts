/** The knowledge domain without I/O: phrasings in retrieval, the CSV format, the import plan, policy text. */
import { describe, expect, test } from "vitest";
import { KnowledgeSearch } from "~/ai/retrieval/search";
import { answerFromKnowledge } from "~/ai/retrieval/answer";
import { readFaqCsv, writeFaqCsv } from "~/domain/knowledge/csv.server";
import { planImport, type ExistingFaq } from "~/domain/knowledge/import-plan";
import { policyText } from "~/domain/knowledge/policies.server";
import { demoStore } from "../../mocks/shopify";

const faq = demoStore().faq.map((f) => ({ ...f }));

describe("alternative phrasings", () => {
  test("a question worded like a phrasing is answered from its entry, and like nothing else without it", () => {
    const rental = {
      id: "rental",
      locale: "en",
      question: "Do you rent snowboards?",
      phrasings: ["Can I hire gear for a weekend trip?"],
      answer: "Yes: €30 a day at the Milan shop.",
      tags: ["rental"],
    };
    const q = "can I hire gear for a weekend trip";
    const withPhrasing = answerFromKnowledge(new KnowledgeSearch([...faq, rental]), q, "en");
    expect(withPhrasing.confident).toBe(true);
    expect(withPhrasing.best?.doc.id).toBe("rental");
    const without = answerFromKnowledge(new KnowledgeSearch([...faq, { ...rental, phrasings: [] }]), q, "en");
    expect(without.confident).toBe(false);
  });
});

describe("the FAQ CSV format", () => {
  test("what the export writes, the import reads back cell for cell", () => {
    const entries = [
      {
        key: "k1",
        question: 'He said "hi", then left?',
        phrasings: ["One, two", "Three"],
        answer: "Line one\nLine two; =not a formula",
        tags: ["a", "b c"],
        locale: "fr" as const,
        enabled: false,
      },
      {
        key: "k2",
        question: "=SUM(A1)?",
        phrasings: [],
        answer: "+39 02 1234",
        tags: [],
        locale: "en" as const,
        enabled: true,
      },
    ];
    const csv = writeFaqCsv(entries);
    expect(csv).toContain("'=SUM(A1)?");
    const read = readFaqCsv(new TextEncoder().encode(csv));
    expect(read.ok && read.rows.map((r) => r.cells)).toEqual([
      {
        key: "k1",
        question: 'He said "hi", then left?',
        phrasings: "One, two\nThree",
        answer: "Line one\nLine two; =not a formula",
        tags: "a, b c",
        locale: "fr",
        enabled: "false",
      },
      {
        key: "k2",
        question: "=SUM(A1)?",
        phrasings: "",
        answer: "+39 02 1234",
        tags: "",
        locale: "en",
        enabled: "true",
      },
    ]);
  });
});

describe("the import plan", () => {
  const existing = (over: Partial<ExistingFaq>): ExistingFaq => ({
    id: "e1",
    externalId: null,
    question: "Do you ship to Norway?",
    phrasings: [],
    answer: "No.",
    tags: [],
    locale: "en",
    enabled: true,
    ...over,
  });

  test("a row without a key that matches two entries asks for a key; a column the file lacks keeps its value", () => {
    const twins = [existing({ id: "e1" }), existing({ id: "e2", question: "do you ship to norway" })];
    const read = readFaqCsv(new TextEncoder().encode("question,answer\nDo you ship to Norway?,Yes.\n"));
    if (!read.ok) throw new Error(read.message);
    expect(planImport(twins, read.columns, read.rows).rows[0]?.errors).toEqual([
      "It matches 2 entries with the same question and language: add a key column to choose one.",
    ]);
    const off = [existing({ enabled: false, tags: ["shipping"] })];
    const plan = planImport(off, read.columns, read.rows);
    expect(plan.rows[0]).toMatchObject({ action: "update", changes: ["answer"], entryId: "e1" });
    expect(plan.rows[0]?.fields).toMatchObject({ enabled: false, tags: ["shipping"], answer: "Yes." });
  });
});

describe("policy text", () => {
  test("Shopify's HTML becomes readable plain text, links kept, scripts and images dropped", () => {
    expect(
      policyText(
        '<h1>Refunds</h1><p>Within <b>30&nbsp;days</b>.</p><img src="x.png"><script>alert(1)</script><p>Write to <a href="mailto:help@example.com">us</a>.</p>',
      ),
    ).toBe("Refunds\n\nWithin 30\u00a0days.\n\nWrite to us (help@example.com).");
  });
});
