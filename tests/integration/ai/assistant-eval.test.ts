/**
 * The assistant without an AI key, measured on the test half of tests/fixtures/assistant-eval
 * (never tuned on) through the real path: the engine's escalation detector first, then
 * `respondDetailed` on a real database seeded with the demo store, with Shopify answered by the
 * msw handlers. Prints the figures and asserts the goals (docs/assistant.md).
 *
 * `EVAL_HALF=dev` measures the dev half instead (what tuning looks at); the goals are asserted on
 * the test half only.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { respondDetailed } from "../../../app/ai/responder.server";
import { resetRateLimits } from "../../../app/domain/conversations/rate-limits.server";
import { wantsPerson } from "../../../app/domain/conversations/escalation-intent";
import { seedDemo } from "../../../app/demo/seed.server";
import { setDb } from "../../../app/db.server";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";
import { createShopifyMockServer } from "../../mocks/shopify";
import { DEV_PATH, readEval, TEST_PATH, type EvalItem } from "../../fixtures/assistant-eval/split";
import { SHOP, testShopify, useAppKey } from "./setup";

const half = process.env.EVAL_HALF === "dev" ? "dev" : "test";
const items = readEval(half === "dev" ? DEV_PATH : TEST_PATH).items;
const server = createShopifyMockServer();

interface Outcome {
  escalated: boolean;
  faq: string | null;
  products: string[];
  orders: string[];
  text: string;
}

interface Scored {
  item: EvalItem;
  outcome: Outcome;
  /** The message got what its label asks for. */
  right: boolean;
  /** It got an answer about something else (an FAQ entry, product or order it did not ask for). */
  wrong: boolean;
  /** (none) It got an FAQ answer or cards. */
  answered: boolean;
}

function score(item: EvalItem, o: Outcome): Scored {
  const cards = o.products.length + o.orders.length > 0;
  const anyAnswer = !!o.faq || cards;
  switch (item.label) {
    case "faq": {
      const right = !o.escalated && !!o.faq && item.expected!.includes(o.faq) && !cards;
      return { item, outcome: o, right, wrong: anyAnswer && !right, answered: anyAnswer };
    }
    case "product": {
      const right = !o.escalated && o.products.length > 0 && !o.faq;
      return { item, outcome: o, right, wrong: !!o.faq || o.orders.length > 0, answered: anyAnswer };
    }
    case "order": {
      const leaked = o.orders.some((n) => !item.orders!.includes(n));
      const right =
        !o.escalated &&
        !o.faq &&
        !leaked &&
        o.products.length === 0 &&
        (item.orders!.length > 0 ? o.orders.length > 0 : o.orders.length === 0);
      return { item, outcome: o, right, wrong: leaked || !!o.faq || o.products.length > 0, answered: anyAnswer };
    }
    case "escalate":
      return { item, outcome: o, right: o.escalated, wrong: !o.escalated && anyAnswer, answered: anyAnswer };
    case "none":
      return { item, outcome: o, right: !anyAnswer && !o.escalated, wrong: false, answered: anyAnswer };
  }
}

const share = (list: Scored[], pick: (s: Scored) => boolean) =>
  list.length === 0 ? 0 : list.filter(pick).length / list.length;

describe(`the assistant without an AI key on the ${half} half of the evaluation set`, () => {
  let t: TestDatabase;
  const scored: Scored[] = [];
  const externalIds = new Map<string, string>();

  beforeAll(async () => {
    server.listen({ onUnhandledFrame: "error" });
    useAppKey(undefined);
    t = await createTestDatabase("sqlite");
    setDb(t.db);
    await seedDemo(t.db);
    for (const e of await t.db.knowledgeEntry.findMany({ where: { shop: SHOP } }))
      externalIds.set(e.id, e.externalId ?? e.id);

    for (const item of items) {
      await resetRateLimits();
      const outcome: Outcome = { escalated: false, faq: null, products: [], orders: [], text: "" };
      // The engine asks its escalation detector before the responder (service.server.ts).
      if (wantsPerson(item.text)) outcome.escalated = true;
      else {
        const r = await respondDetailed(
          {
            shop: SHOP,
            conversationId: `eval-${randomUUID()}`,
            messageId: randomUUID(),
            text: item.text,
            locale: item.locale,
            customerId: item.customer ?? null,
            history: item.history ?? [],
            signal: AbortSignal.timeout(30_000),
          },
          null,
          { shopify: testShopify, persistConversation: false },
        );
        expect(r.mode).toBe("builtin");
        const faq = r.sources.find((s) => s.type === "knowledge" || s.type === "policy");
        outcome.faq = faq && !r.failed ? (externalIds.get(faq.id) ?? faq.id) : null;
        outcome.text = r.text;
        for (const c of r.cards ?? []) {
          if (c.type === "product") outcome.products.push(String(c.url).split("/products/")[1] ?? String(c.url));
          else outcome.orders.push(String(c.name));
        }
      }
      scored.push(score(item, outcome));
    }

    const by = (label: string) => scored.filter((s) => s.item.label === label);
    const faq = by("faq");
    const routed = [...by("product"), ...by("order")];
    const productStrict = share(by("product"), (s) => s.outcome.products.some((h) => s.item.handles!.includes(h)));
    const lines = [
      `assistant evaluation, ${half} half: ${scored.length} messages (without an AI key)`,
      `  FAQ top-1 (answered with a right entry): ${share(faq, (s) => s.right).toFixed(3)} (${faq.filter((s) => s.right).length}/${faq.length})`,
      ...["en", "it", "fr", "de", "es"].map((l) => {
        const f = faq.filter((s) => s.item.locale === l);
        return `    ${l}: ${share(f, (s) => s.right).toFixed(3)} (${f.filter((s) => s.right).length}/${f.length})`;
      }),
      `  product and order intents routed correctly: ${share(routed, (s) => s.right).toFixed(3)} (${routed.filter((s) => s.right).length}/${routed.length})`,
      `    product: ${share(by("product"), (s) => s.right).toFixed(3)}; with an expected product among the cards: ${productStrict.toFixed(3)}`,
      `    order: ${share(by("order"), (s) => s.right).toFixed(3)}`,
      `  escalation requests escalated: ${share(by("escalate"), (s) => s.right).toFixed(3)}`,
      `  off-topic, small talk and emoji answered: ${share(by("none"), (s) => s.answered).toFixed(3)} (${by("none").filter((s) => s.answered).length}/${by("none").length})`,
      `  confidently wrong (all messages): ${share(scored, (s) => s.wrong).toFixed(3)} (${scored.filter((s) => s.wrong).length}/${scored.length})`,
    ];
    const misses = scored
      .filter((s) => !s.right || s.wrong)
      .map(
        (s) =>
          `${s.wrong ? "WRONG" : "miss "} [${s.item.label}/${s.item.locale}${s.item.customer ? ` customer ${s.item.customer}` : ""}] ${JSON.stringify(s.item.text)} → ${
            s.outcome.escalated
              ? "escalated"
              : [s.outcome.faq, ...s.outcome.products, ...s.outcome.orders].filter(Boolean).join(", ") || "no answer"
          }`,
      );
    console.log([...lines, "  misses:", ...misses.map((m) => `    ${m}`)].join("\n"));
  }, 300_000);

  afterAll(async () => {
    server.close();
    setDb(undefined);
    await t?.close();
  });

  test("has messages of every label", () => {
    expect(new Set(scored.map((s) => s.item.label))).toEqual(new Set(["faq", "product", "order", "escalate", "none"]));
  });

  test("answers at least 90% of FAQ questions with a right entry (top-1, above the threshold)", () => {
    const faq = scored.filter((s) => s.item.label === "faq");
    expect(share(faq, (s) => s.right)).toBeGreaterThanOrEqual(half === "test" ? 0.9 : 0);
  });

  test("routes at least 90% of product and order questions to the right tool answer", () => {
    const routed = scored.filter((s) => s.item.label === "product" || s.item.label === "order");
    expect(share(routed, (s) => s.right)).toBeGreaterThanOrEqual(half === "test" ? 0.9 : 0);
  });

  test("answers at most 3% of off-topic, small-talk and emoji messages", () => {
    const none = scored.filter((s) => s.item.label === "none");
    expect(share(none, (s) => s.answered)).toBeLessThanOrEqual(half === "test" ? 0.03 : 1);
  });

  test("is confidently wrong on at most 2% of messages, and never shows an order that is not the shopper's", () => {
    expect(share(scored, (s) => s.wrong)).toBeLessThanOrEqual(half === "test" ? 0.02 : 1);
    const leaks = scored.filter(
      (s) => s.item.label === "order" && s.outcome.orders.some((n) => !s.item.orders!.includes(n)),
    );
    expect(leaks.map((s) => s.item.text)).toEqual([]);
  });
});
