/**
 * The cards an assistant or operator message carries (`Message.cards` in the widget API, see
 * docs/api/proxy.md): built on the server from Shopify's answers, rendered by the widget.
 */

/** One purchasable variant of a product card; `id` is the numeric variant id `/cart/add.js` takes. */
export interface ProductCardVariant {
  id: string;
  title: string;
  /** e.g. "449.00 EUR" */
  price: string;
  available: boolean;
}

export interface ProductCard {
  type: "product";
  title: string;
  price?: string | number | null;
  url?: string | null;
  imageUrl?: string | null;
  /** The variant Add to cart adds when the shopper picks none (the first available one). */
  variantId?: string | number | null;
  /** false when no variant can be bought. */
  available?: boolean;
  /** Every variant, when there are several: the shopper chooses one before Add to cart. */
  variants?: ProductCardVariant[];
}

export interface OrderCard {
  type: "order";
  name: string;
  status?: string | null;
  url?: string | null;
}

export type Card = ProductCard | OrderCard;
