/**
 * CSV import and export of the FAQ, and the shop's policies imported from Shopify, over HTTP against
 * the running app with admin session tokens: a preview that lists what each row would do and each
 * row's errors before anything is written; an import that writes all or nothing and changes
 * nothing the second time; export → import as a round trip; clear errors for malformed, foreign or
 * oversized files; policies read from Shopify's Storefront API (msw, from the demo store fixture),
 * stored once and refreshed in place. SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { http, HttpResponse } from "msw";
import { answerShopifyGraphql, createShopifyMockServer, demoStore } from "../mocks/shopify";
import { databaseKinds } from "../helpers/db";
import { installShop, startTestApp, type RunningApp } from "./support/proxy-server";
import { adminFetch, adminJsonCall } from "./support/admin-request";

const SHOP = "knowledge-csv.myshopify.com";
const OTHER = "knowledge-csv-rival.myshopify.com";
const shopify = createShopifyMockServer();
let storefrontCalls: string[] = [];
shopify.events.on("request:start", ({ request }) => {
  if (/\/api\/[^/]+\/graphql\.json$/.test(request.url)) storefrontCalls.push(new URL(request.url).host);
});

interface PlanRow {
  row: number;
  action: "create" | "update" | "unchanged" | "error";
  question: string;
  key: string | null;
  changes?: string[];
  errors?: string[];
}
interface Plan {
  rows: PlanRow[];
  counts: Record<PlanRow["action"], number>;
}
interface ErrorBody {
  error: { code: string; message: string; plan?: Plan };
}

beforeAll(() => shopify.listen({ onUnhandledFrame: "bypass" }));
afterEach(() => {
  shopify.resetHandlers();
  storefrontCalls = [];
});
afterAll(() => shopify.close());

const HEADER = "key,question,phrasings,answer,tags,locale,enabled";

describe.each(databaseKinds)("FAQ CSV and Shopify policies over HTTP on %s", (kind) => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, SHOP);
    await installShop(app.database.db, OTHER);
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    await app.database.db.knowledgeEntry.deleteMany({});
  });

  function upload(mode: "preview" | "apply", csv: string | Uint8Array<ArrayBuffer>, shop = SHOP) {
    const form = new FormData();
    form.set("mode", mode);
    form.set("file", new File([csv], "faq.csv", { type: "text/csv" }));
    return adminJsonCall<{ plan: Plan; applied?: boolean } & ErrorBody>(app.url, shop, "/app/api/knowledge/import", {
      body: form,
    });
  }
  const faqRows = async (shop = SHOP) =>
    (
      await app.database.db.knowledgeEntry.findMany({
        where: { shop, kind: "faq" },
        select: {
          id: true,
          externalId: true,
          question: true,
          phrasings: true,
          answer: true,
          tags: true,
          locale: true,
          enabled: true,
          updatedAt: true,
        },
      })
    ).sort((a, b) => (a.question < b.question ? -1 : 1));
  async function exported(shop = SHOP): Promise<string> {
    const res = await adminFetch(app.url, shop, "/app/api/knowledge/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="faq.csv"');
    return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
  }

  test("the preview lists rows to create, update and keep, and each row's errors, and writes nothing", async () => {
    const kept = await app.database.db.knowledgeEntry.create({
      data: {
        shop: SHOP,
        externalId: "wax",
        question: "How often should I wax my board?",
        answer: "Every 4-6 days on snow.",
        tags: "care",
      },
    });
    await app.database.db.knowledgeEntry.create({
      data: { shop: SHOP, question: "Do you ship to Norway?", answer: "Not yet.", tags: "shipping" },
    });
    const csv = [
      HEADER,
      "wax,How often should I wax my board?,,Every 4-6 days on snow.,care,en,true",
      ',do you ship to norway,,"Yes, since December.",shipping,en,',
      'gift,Do you sell gift cards?,"Can I buy a voucher?\nDo you have gift vouchers?",From €25.,gifts,en,true',
      ",,,An answer without a question,,en,",
      "bad-locale,Posso pagare con Satispay?,,Sì.,,pt-BR,yes",
      "wax,How often should I wax?,,Duplicate key.,,en,",
      "short,Row with too few cells",
    ].join("\n");
    const before = await faqRows();

    const { status, body } = await upload("preview", csv);
    expect(status).toBe(200);
    expect(body.plan.counts).toEqual({ create: 1, update: 1, unchanged: 1, error: 4 });
    expect(body.plan.rows.map((r) => [r.row, r.action])).toEqual([
      [2, "unchanged"],
      [3, "update"],
      [4, "create"],
      [5, "error"],
      [6, "error"],
      [7, "error"],
      [8, "error"],
    ]);
    expect(body.plan.rows[1]).toMatchObject({ changes: ["question", "answer"], question: "do you ship to norway" });
    expect(body.plan.rows[3]!.errors).toEqual(["question: Write the question (at least 3 characters)."]);
    expect(body.plan.rows[4]!.errors).toEqual(["locale: Choose a language: en, it, fr, de or es."]);
    expect(body.plan.rows[5]!.errors).toContain("It has the same key as row 2.");
    expect(body.plan.rows[6]!.errors).toContain("It has 2 cells; the first row names 7 columns.");

    // An Italian staff member reads the same plan's reasons in Italian.
    const form = new FormData();
    form.set("mode", "preview");
    form.set("file", new File([csv], "faq.csv", { type: "text/csv" }));
    const italian = await adminJsonCall<{ plan: Plan }>(app.url, SHOP, "/app/api/knowledge/import?locale=it", {
      body: form,
      staff: "90078",
    });
    expect(italian.body.plan.counts).toEqual(body.plan.counts);
    expect(italian.body.plan.rows[3]!.errors).toEqual(["question: Scrivi la domanda (almeno 3 caratteri)."]);
    expect(italian.body.plan.rows[4]!.errors).toEqual(["locale: Scegli una lingua: en, it, fr, de o es."]);
    expect(italian.body.plan.rows[5]!.errors).toContain("Ha la stessa key della riga 2.");
    expect(italian.body.plan.rows[6]!.errors).toContain("Ha 2 celle; la prima riga nomina 7 colonne.");
    expect(await faqRows()).toEqual(before);
    expect(before.find((r) => r.id === kept.id)?.answer).toBe("Every 4-6 days on snow.");

    const refused = await upload("apply", csv);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: "invalid_request",
      message: "4 rows have errors: nothing was imported.",
    });
    expect(refused.body.error.plan?.counts.error).toBe(4);
    expect(await faqRows()).toEqual(before);
  });

  test("importing a file creates and updates by key or question; the same file again changes nothing", async () => {
    const csv = [
      HEADER,
      'shipping-time,How long does shipping take?,"When will my order arrive?\nHow fast do you deliver?",1-2 business days in Italy.,"shipping, delivery",en,true',
      ",Quanto costa la spedizione?,,€6.90 in Italia.,spedizione,it,false",
      "=cmd,=1+1 is it?,,@SUM(A1) is not a formula here,,en,",
    ].join("\r\n");
    const first = await upload("apply", csv);
    expect(first.status).toBe(200);
    expect(first.body.applied).toBe(true);
    expect(first.body.plan.counts).toEqual({ create: 3, update: 0, unchanged: 0, error: 0 });
    const rows = await faqRows();
    expect(rows.map((r) => [r.externalId, r.question, r.locale, r.enabled])).toEqual([
      ["=cmd", "=1+1 is it?", "en", true],
      ["shipping-time", "How long does shipping take?", "en", true],
      [null, "Quanto costa la spedizione?", "it", false],
    ]);
    expect(rows[1]).toMatchObject({
      phrasings: "When will my order arrive?\nHow fast do you deliver?",
      tags: "shipping,delivery",
    });

    const second = await upload("apply", csv);
    expect(second.body.plan.counts).toEqual({ create: 0, update: 0, unchanged: 3, error: 0 });
    expect(await faqRows()).toEqual(rows);

    // The other shop importing the same file gets its own entries; this shop's stay as they were.
    expect((await upload("apply", csv, OTHER)).body.plan.counts.create).toBe(3);
    expect(await faqRows()).toEqual(rows);
  });

  test("export → import is a round trip, and an edited export updates the entries in place", async () => {
    await upload(
      "apply",
      [
        HEADER,
        'returns,What is your return policy?,"Can I send it back?",30 days from delivery.,returns,en,true',
        ',Do you wax boards?,,"Yes — €15, ""hot wax"" included.",care,en,false',
        ",Welche Größe brauche ich?,,Siehe die Größentabelle.,,de,",
        ",Formula in the answer?,,-5% for members; =SUM is text,,en,",
      ].join("\n"),
    );
    const before = await faqRows();
    const csv = await exported();
    expect(csv.startsWith("\uFEFFkey,question,phrasings,answer,tags,locale,enabled\r\n")).toBe(true);
    // Cells a spreadsheet would run as formulas are written with an apostrophe in front.
    expect(csv).toContain(",'-5% for members; =SUM is text,");
    expect(csv).toContain('"Yes — €15, ""hot wax"" included."');

    const again = await upload("apply", csv);
    expect(again.body.plan.counts).toEqual({ create: 0, update: 0, unchanged: 4, error: 0 });
    expect(await faqRows()).toEqual(before);

    const edited = csv.replace("Do you wax boards?", "Do you wax snowboards?").replace(",false\r\n", ",true\r\n");
    const preview = await upload("preview", edited);
    expect(preview.body.plan.rows.find((r) => r.action === "update")).toMatchObject({
      question: "Do you wax snowboards?",
      changes: ["question", "enabled"],
    });
    expect((await upload("apply", edited)).body.plan.counts).toEqual({ create: 0, update: 1, unchanged: 3, error: 0 });
    const after = await faqRows();
    const waxed = after.find((r) => r.question === "Do you wax snowboards?");
    expect(waxed?.id).toBe(before.find((r) => r.question === "Do you wax boards?")?.id);
    expect(waxed?.enabled).toBe(true);
    expect(after).toHaveLength(4);
    // A file of another shop's export cannot reach this shop's entries: their keys are other ids.
    expect((await upload("preview", csv, OTHER)).body.plan.counts.create).toBe(4);
  });

  test("a malformed, foreign or oversized file is refused with one clear error and nothing is written", async () => {
    const cases: [string | Uint8Array<ArrayBuffer>, number, string][] = [
      [
        `${HEADER}\nk,"Unclosed quote,,answer,,en,\n`,
        422,
        "The file is not valid CSV (line 2): a quoted cell is never closed.",
      ],
      ["question;answer;colour\nQ?;A;red\n", 422, "it names unknown columns: “colour”"],
      ["key,answer\nk,An answer\n", 422, "it lacks “question”"],
      [`${HEADER}\n`, 422, "The file has a header row but no entries."],
      ["", 422, "The file is empty."],
      [
        new Uint8Array([
          0x71, 0x75, 0x65, 0x73, 0x74, 0x69, 0x6f, 0x6e, 0x2c, 0x61, 0x6e, 0x73, 0x77, 0x65, 0x72, 0x0a, 0xe9, 0x2c,
          0xe0, 0x0a,
        ]),
        422,
        "The file is not UTF-8 text",
      ],
      [
        `question,answer\n${Array.from({ length: 1001 }, (_, i) => `Question ${i}?,Answer ${i}`).join("\n")}\n`,
        413,
        "import at most 1,000 at a time",
      ],
      [`question,answer\nBig?,${"x".repeat(1_000_001)}\n`, 413, "The file is larger than 1 MB"],
    ];
    for (const [csv, status, message] of cases) {
      const res = await upload("preview", csv);
      expect(res.status, message).toBe(status);
      expect(res.body.error.message).toContain(message);
    }
    const semicolons = "\uFEFFquestion;answer;locale\r\nDove siete?;A Milano, in via Torino 12.;it\r\n";
    expect((await upload("apply", semicolons)).body.plan.counts.create).toBe(1);
    expect((await faqRows()).map((r) => [r.question, r.answer, r.locale])).toEqual([
      ["Dove siete?", "A Milano, in via Torino 12.", "it"],
    ]);
    const missingFile = await adminJsonCall<ErrorBody>(app.url, SHOP, "/app/api/knowledge/import", {
      body: (() => {
        const f = new FormData();
        f.set("mode", "apply");
        return f;
      })(),
    });
    expect(missingFile).toEqual({
      status: 422,
      body: { error: { code: "invalid_request", message: "Choose a CSV file to import." } },
    });
  });

  test("policies are imported from Shopify once and refreshed in place", async () => {
    const refresh = () =>
      adminJsonCall<{ result: Record<string, number> } & ErrorBody>(app.url, SHOP, "/app/api/knowledge/policies", {
        method: "POST",
      });
    const policies = () =>
      app.database.db.knowledgeEntry.findMany({
        where: { shop: SHOP, kind: "policy" },
        orderBy: { externalId: "asc" },
      });

    expect(await refresh()).toEqual({
      status: 200,
      body: { result: { created: 4, updated: 0, unchanged: 0, removed: 0 } },
    });
    expect(storefrontCalls).toEqual([SHOP]);
    const first = await policies();
    expect(first.map((p) => [p.externalId, p.question, p.tags])).toEqual([
      ["privacyPolicy", "Privacy policy", "policy"],
      ["refundPolicy", "Refund policy", "policy"],
      ["shippingPolicy", "Shipping policy", "policy"],
      ["termsOfService", "Terms of service", "policy"],
    ]);
    expect(first.find((p) => p.externalId === "refundPolicy")?.answer).toBe(demoStore().policies.refundPolicy);

    expect((await refresh()).body.result).toEqual({ created: 0, updated: 0, unchanged: 4, removed: 0 });
    expect(await policies()).toEqual(first);

    // The merchant turns one off here, then changes the refund policy in Shopify (HTML, as Shopify
    // sends it) and deletes the terms of service.
    const refund = first.find((p) => p.externalId === "refundPolicy")!;
    await adminJsonCall(app.url, SHOP, `/app/api/knowledge/${refund.id}`, {
      method: "PATCH",
      json: { enabled: false },
    });
    shopify.use(
      http.post(/^https:\/\/[^/]+\/api\/[^/]+\/graphql\.json$/, async ({ request }) => {
        const shop = new URL(request.url).host;
        storefrontCalls.push(shop);
        const { query } = (await request.json()) as { query: string };
        const answer = answerShopifyGraphql("storefront", shop, query, {}) as {
          data: { shop: Record<string, unknown> };
        };
        answer.data.shop.refundPolicy = {
          title: "Refund policy",
          body: "<h2>Returns</h2><p>Return unused items within <strong>60 days</strong> &amp; get a full refund.</p><ul><li>Free in Italy</li><li>€9.90 elsewhere</li></ul>",
          url: null,
        };
        answer.data.shop.termsOfService = null;
        return HttpResponse.json(answer);
      }),
    );
    expect((await refresh()).body.result).toEqual({ created: 0, updated: 1, unchanged: 2, removed: 1 });
    const after = await policies();
    expect(after.map((p) => p.externalId)).toEqual(["privacyPolicy", "refundPolicy", "shippingPolicy"]);
    const updated = after.find((p) => p.externalId === "refundPolicy")!;
    expect(updated).toMatchObject({ id: refund.id, enabled: false });
    expect(updated.answer).toBe(
      "Returns\n\nReturn unused items within 60 days & get a full refund.\n\n * Free in Italy\n * €9.90 elsewhere",
    );
    // Policies are Shopify's: the editor does not change them.
    const edit = await adminJsonCall<ErrorBody>(app.url, SHOP, `/app/api/knowledge/${refund.id}`, {
      method: "PUT",
      json: { question: "Refund policy", answer: "Anything goes." },
    });
    expect(edit.status).toBe(409);
  });

  test("Shopify failing to answer leaves the policies as they were and says so", async () => {
    await adminJsonCall(app.url, SHOP, "/app/api/knowledge/policies", { method: "POST" });
    const before = await app.database.db.knowledgeEntry.findMany({ where: { shop: SHOP, kind: "policy" } });
    shopify.use(
      http.post(/^https:\/\/[^/]+\/api\/[^/]+\/graphql\.json$/, () => new HttpResponse(null, { status: 500 })),
    );
    const res = await adminJsonCall<ErrorBody>(app.url, SHOP, "/app/api/knowledge/policies", { method: "POST" });
    expect(res).toEqual({
      status: 502,
      body: { error: { code: "unavailable", message: "Shopify did not answer: try again in a minute." } },
    });
    expect(await app.database.db.knowledgeEntry.findMany({ where: { shop: SHOP, kind: "policy" } })).toEqual(before);
    expect(before).toHaveLength(4);
  });
});
