/**
 * The built-in responder's answers about products and orders: the intent (./intent.ts) is turned
 * into calls of the AI's own tools (search_products, list_my_orders, lookup_order) through
 * `runTool`, so authorisation, validation, timeouts, brute-force limits and the audit log are the
 * tools' own. The reply text and cards are built only from what the tools returned.
 */
import type { ResponderInput, ResponderResult } from "../domain/responder";
import type { ShopifyData } from "../integrations/shopify/data.server";
import { fallbackText } from "./fallback-text";
import { findEmail, findOrderNumber, type Intent } from "./intent";
import { normalize, tokens } from "./retrieval/text";
import { createToolContext, runTool } from "./tools/index.server";
import type { ToolContext, ToolSource, ToolTrace } from "./tools/types";

export interface RoutedAnswer extends ResponderResult {
  sources: ToolSource[];
  trace: ToolTrace[];
}

type RouterInput = Pick<ResponderInput, "shop" | "conversationId" | "customerId" | "locale" | "text" | "signal"> &
  Partial<Pick<ResponderInput, "visitor">>;

const MAX_CARDS = 3;

interface ProductFacts {
  handle: string;
  title: string;
  price: string;
  available: boolean;
  variants: { title: string; price: string; available: boolean; inStock?: number }[];
  url: string;
}

interface OrderFacts {
  name: string;
  fulfillmentStatus: string;
  tracking: { status: string | null } | null;
}

type ToolResult<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

async function call<T>(ctx: ToolContext, name: string, args: Record<string, unknown>): Promise<ToolResult<T>> {
  await runTool(name, JSON.stringify(args), ctx);
  return ctx.trace[ctx.trace.length - 1]!.result as ToolResult<T>;
}

/** Variant titles a message names ("156 cm", "XL", "EU 42", "Rose"), as whole words. */
function namedVariants(text: string, product: ProductFacts): ProductFacts["variants"] {
  const words = ` ${tokens(normalize(text)).join(" ")} `;
  return product.variants.filter((v) => {
    const title = tokens(normalize(v.title)).join(" ");
    if (!title || title === "default" || title === "default title") return false;
    // A bare one-letter size ("S", "M", "L") is too common a word to count on its own in English
    // ("I'm", "a"), so it needs a size word or "in" before it.
    if (title.length === 1)
      return new RegExp(` (size|taglia|taille|grosse|talla|in|en|nel|nella) ${title} `).test(words);
    return words.includes(` ${title} `);
  });
}

function productLines(products: ProductFacts[], text: string, t: ReturnType<typeof fallbackText>) {
  const lines: string[] = [];
  const matches: ProductFacts[] = [];
  for (const p of products) {
    const named = namedVariants(text, p);
    if (named.length > 0) {
      matches.push(p);
      for (const v of named) lines.push(`${p.title}, ${v.title}: ${v.price}, ${v.available ? t.inStock : t.soldOut}.`);
      const others = p.variants.filter((v) => v.available && !named.includes(v)).map((v) => v.title);
      if (named.some((v) => !v.available) && others.length) lines.push(`${t.alsoAvailable} ${others.join(", ")}.`);
    }
  }
  if (matches.length > 0) return { lines, shown: matches };
  const shown = products.slice(0, MAX_CARDS);
  return {
    lines: [t.productsFound, ...shown.map((p) => `${p.title}: ${p.price}, ${p.available ? t.inStock : t.soldOut}.`)],
    shown,
  };
}

async function answerProduct(
  intent: Extract<Intent, { kind: "product" }>,
  input: RouterInput,
  ctx: ToolContext,
  person: string[],
): Promise<ResponderResult> {
  const t = fallbackText(input.locale);
  if (intent.keywords.length === 0) return { text: t.productWhich, ...(person.length ? { quickReplies: person } : {}) };
  let result = await call<{ products: ProductFacts[] }>(ctx, "search_products", {
    query: intent.keywords.join(" ").slice(0, 100),
    limit: 5,
  });
  // A catalogue search that needs every word finds nothing for "freestyle snowboard beginner":
  // then any of the words will do (Shopify's search syntax).
  if (result.ok && result.products.length === 0 && intent.keywords.length > 1) {
    ctx.cards.length = 0;
    result = await call<{ products: ProductFacts[] }>(ctx, "search_products", {
      query: intent.keywords.join(" OR ").slice(0, 100),
      limit: 5,
    });
  }
  if (!result.ok) return { text: t.unavailable, failed: true, ...(person.length ? { quickReplies: person } : {}) };
  if (result.products.length === 0) {
    return { text: t.productNone, failed: true, ...(person.length ? { quickReplies: person } : {}) };
  }
  const { lines, shown } = productLines(result.products, input.text, t);
  const urls = new Set(shown.map((p) => p.url));
  const cards = ctx.cards.filter((c) => c.type === "product" && urls.has(String(c.url)));
  return { text: lines.join("\n"), cards: cards.slice(0, MAX_CARDS) };
}

function orderLine(o: OrderFacts, t: ReturnType<typeof fallbackText>): string {
  const raw = (o.tracking?.status ?? o.fulfillmentStatus).toLowerCase().replace(/_/g, " ");
  return `${o.name}: ${t.status[raw] ?? raw}.`;
}

async function answerOrder(
  intent: Extract<Intent, { kind: "order" }>,
  input: RouterInput,
  ctx: ToolContext,
  person: string[],
): Promise<ResponderResult> {
  const t = fallbackText(input.locale);
  const withPerson = (r: ResponderResult): ResponderResult => (person.length ? { ...r, quickReplies: person } : r);
  const refusal = (code: string) =>
    withPerson(
      code === "rate_limited"
        ? { text: t.orderLimited, failed: true }
        : code === "not_found"
          ? { text: t.orderNotFound, failed: true }
          : code === "invalid_order_number"
            ? { text: t.orderAskNumber }
            : { text: t.unavailable, failed: true },
    );

  if (input.customerId && !intent.orderNumber) {
    const r = await call<{ orders: OrderFacts[] }>(ctx, "list_my_orders", { limit: 3 });
    if (!r.ok) return refusal(r.error.code);
    if (r.orders.length === 0) return withPerson({ text: t.ordersNone });
    const intro = r.orders.length === 1 ? t.orderFound : t.ordersFound;
    return { text: [intro, ...r.orders.map((o) => orderLine(o, t))].join("\n"), cards: ctx.cards };
  }
  if (!intent.orderNumber) return { text: intent.email ? t.orderAskNumber : t.orderAsk };
  if (!input.customerId && !intent.email) return { text: t.orderAskEmail };
  const r = await call<{ order: OrderFacts }>(ctx, "lookup_order", {
    order_number: intent.orderNumber,
    ...(intent.email ? { email: intent.email } : {}),
  });
  if (!r.ok) return refusal(r.error.code);
  return { text: [t.orderFound, orderLine(r.order, t)].join("\n"), cards: ctx.cards };
}

/**
 * Answers a product or order intent with the tools. `handoffEnabled: false` leaves out the
 * "Talk to a person" chip.
 */
export async function answerIntent(
  intent: Extract<Intent, { kind: "product" | "order" }>,
  input: RouterInput,
  shopify: () => Promise<ShopifyData>,
  options: { handoffEnabled?: boolean } = {},
): Promise<RoutedAnswer> {
  const ctx = createToolContext(input, shopify);
  const person = options.handoffEnabled === false ? [] : [fallbackText(input.locale).person];
  const result =
    intent.kind === "product"
      ? await answerProduct(intent, input, ctx, person)
      : await answerOrder(intent, input, ctx, person);
  return { ...result, sources: ctx.sources, trace: ctx.trace };
}

/** Whether a message carries what an order lookup needs (used by the synchronous path to step aside). */
export function mentionsOrderDetails(text: string): boolean {
  return !!(findOrderNumber(text) || findEmail(text));
}
