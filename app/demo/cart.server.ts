/** The demo cart (in memory, per browser cookie), shaped like Shopify's AJAX cart API. */
import { randomBytes } from "node:crypto";
import type { Request, Response } from "express";
import { demoStore, type DemoProduct, type DemoVariant } from "./fixture.server";
import { readCookie } from "./http.server";

export const CART_COOKIE = "tandem_demo_cart";

interface CartLine {
  variant: DemoVariant;
  product: DemoProduct;
  quantity: number;
}
const carts = new Map<string, CartLine[]>();
const cents = (price: string) => Math.round(Number(price) * 100);

function findVariant(id: unknown): { product: DemoProduct; variant: DemoVariant } | null {
  const key = String(id ?? "");
  for (const product of demoStore().products) {
    for (const variant of product.variants) {
      if (variant.id === key || variant.gid === key || variant.gid.split("/").pop() === key)
        return { product, variant };
    }
  }
  return null;
}

export function lineJson(line: CartLine) {
  const id = Number(line.variant.gid.split("/").pop());
  return {
    id,
    variant_id: id,
    key: `${id}:demo`,
    title: `${line.product.title} - ${line.variant.title}`,
    product_title: line.product.title,
    variant_title: line.variant.title,
    quantity: line.quantity,
    price: cents(line.variant.price),
    line_price: cents(line.variant.price) * line.quantity,
    url: `/demo/products/${line.product.handle}?variant=${id}`,
    image: line.product.imageUrl,
    handle: line.product.handle,
  };
}

export function cartJson(id: string | undefined) {
  const lines = (id && carts.get(id)) || [];
  return {
    token: id ?? null,
    item_count: lines.reduce((n, l) => n + l.quantity, 0),
    items: lines.map(lineJson),
    total_price: lines.reduce((n, l) => n + cents(l.variant.price) * l.quantity, 0),
    currency: demoStore().shop.currency,
  };
}

export function cartId(req: Request, res: Response): string {
  const existing = readCookie(req, CART_COOKIE);
  if (existing && /^[a-f0-9]{24}$/.test(existing)) return existing;
  const id = randomBytes(12).toString("hex");
  res.cookie(CART_COOKIE, id, { httpOnly: true, sameSite: "lax", path: "/demo" });
  return id;
}

export class CartError extends Error {}

export function addItems(id: string, items: { id?: unknown; quantity?: unknown }[]): CartLine[] {
  const lines = carts.get(id) ?? [];
  const added: CartLine[] = [];
  for (const item of items) {
    const found = findVariant(item.id);
    if (!found) throw new CartError("Cannot find variant");
    if (!found.variant.available) throw new CartError(`${found.product.title} - ${found.variant.title} is sold out.`);
    const quantity = Math.max(1, Math.min(99, Number(item.quantity ?? 1) || 1));
    let line = lines.find((l) => l.variant.gid === found.variant.gid);
    if (line) line.quantity += quantity;
    else {
      line = { ...found, quantity };
      lines.push(line);
    }
    added.push(line);
  }
  carts.set(id, lines);
  if (carts.size > 5000) carts.delete(carts.keys().next().value as string);
  return added;
}
