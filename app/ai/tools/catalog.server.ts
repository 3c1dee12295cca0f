import { z } from "zod";
import type { ProductSummary } from "../../integrations/shopify/types";
import type { ResponderCard } from "../../domain/responder";
import type { ProductCard } from "../../lib/cards";
import { formatMoney } from "../../lib/format";
import { refusal, type ToolContext, type ToolDefinition } from "./types";

function productFacts(p: ProductSummary) {
  return {
    handle: p.handle,
    title: p.title,
    type: p.productType,
    description: p.description.slice(0, 400),
    price: p.priceMin === p.priceMax ? `${p.priceMin} ${p.currency}` : `${p.priceMin}-${p.priceMax} ${p.currency}`,
    available: p.available,
    variants: p.variants.map((v) => ({
      title: v.title,
      price: `${v.price} ${p.currency}`,
      available: v.available,
      ...(typeof v.inventory === "number" ? { inStock: Math.max(0, v.inventory) } : {}),
    })),
    url: p.url,
  };
}

const variantNumber = (id: string) => id.split("/").pop() ?? id;

/**
 * The card of a product, from Shopify's answer: its price and stock, and every variant when
 * there are several (the shopper picks one before Add to cart). `chosen` preselects a variant.
 */
export function productCard(p: ProductSummary, chosen?: string | null): ProductCard & ResponderCard {
  const variant =
    p.variants.find((v) => chosen && variantNumber(v.id) === variantNumber(chosen)) ??
    p.variants.find((v) => v.available) ??
    p.variants[0];
  return {
    type: "product",
    title: p.title,
    price: formatMoney(variant?.price ?? p.priceMin, p.currency),
    url: p.url,
    available: p.variants.length > 0 ? p.variants.some((v) => v.available) : p.available,
    ...(p.imageUrl ? { imageUrl: p.imageUrl } : {}),
    ...(variant ? { variantId: variantNumber(variant.id) } : {}),
    ...(p.variants.length > 1
      ? {
          variants: p.variants.map((v) => ({
            id: variantNumber(v.id),
            title: v.title,
            price: formatMoney(v.price, p.currency),
            available: v.available,
          })),
        }
      : {}),
  };
}

function addProduct(ctx: ToolContext, p: ProductSummary) {
  if (!ctx.cards.some((c) => c.type === "product" && c.url === p.url)) ctx.cards.push(productCard(p));
  ctx.sources.push({ type: "product", id: p.handle, title: p.title });
}

const searchSchema = z.object({
  query: z.string().trim().min(1).max(100),
  limit: z.number().int().min(1).max(5).optional(),
});

export const searchProducts: ToolDefinition<typeof searchSchema> = {
  name: "search_products",
  description:
    "Search the store's catalogue. Use for any question about products, prices, sizes or stock. Returns products with current prices and availability.",
  parameters: {
    type: "object",
    properties: {
      query: { type: "string", description: "Keywords, e.g. 'kids snowboard' or 'helmet'" },
      limit: { type: "integer", minimum: 1, maximum: 5 },
    },
    required: ["query"],
    additionalProperties: false,
  },
  schema: searchSchema,
  async run(args, ctx) {
    const data = await ctx.shopify();
    const products = await data.searchProducts(args.query, args.limit ?? 3, ctx.signal);
    for (const p of products.slice(0, 3)) addProduct(ctx, p);
    return { ok: true, products: products.map(productFacts) };
  },
};

const getSchema = z.object({
  handle: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[a-z0-9][a-z0-9-]*$/, "a product handle: lower-case letters, digits and dashes"),
});

export const getProduct: ToolDefinition<typeof getSchema> = {
  name: "get_product",
  description: "Get one product by its handle (from search_products) with every variant's price and stock.",
  parameters: {
    type: "object",
    properties: { handle: { type: "string", description: "The product handle, e.g. 'ridge-helmet'" } },
    required: ["handle"],
    additionalProperties: false,
  },
  schema: getSchema,
  async run(args, ctx) {
    const data = await ctx.shopify();
    const product = await data.getProduct(args.handle, ctx.signal);
    if (!product) return refusal("not_found", "No product with that handle");
    addProduct(ctx, product);
    return { ok: true, product: productFacts(product) };
  },
};
