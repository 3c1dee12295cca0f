import type { ProductSummary } from "./types";

/** Product fields shared by the Storefront product operations (a fragment of text, not an operation). */
export const storefrontProductFields = `
  id handle title description productType vendor tags onlineStoreUrl
  priceRange { minVariantPrice { amount currencyCode } maxVariantPrice { amount currencyCode } }
  featuredImage { url }
  variants(first: 25) { nodes { id title price { amount currencyCode } availableForSale quantityAvailable } }
`;

export interface StorefrontProductNode {
  id: string;
  handle: string;
  title: string;
  description: string | null;
  productType: string | null;
  vendor: string | null;
  tags: string[];
  onlineStoreUrl: string | null;
  priceRange: {
    minVariantPrice: { amount: string; currencyCode: string };
    maxVariantPrice: { amount: string; currencyCode: string };
  };
  featuredImage: { url: string } | null;
  variants: {
    nodes: {
      id: string;
      title: string;
      price: { amount: string };
      availableForSale: boolean;
      quantityAvailable: number | null;
    }[];
  };
}

export function mapStorefrontProduct(n: StorefrontProductNode, shop: string): ProductSummary {
  const variants = n.variants.nodes.map((v) => ({
    id: v.id,
    title: v.title,
    price: v.price.amount,
    available: v.availableForSale,
    inventory: v.quantityAvailable,
  }));
  return {
    id: n.id,
    handle: n.handle,
    title: n.title,
    description: n.description ?? "",
    productType: n.productType ?? "",
    vendor: n.vendor ?? "",
    tags: n.tags,
    priceMin: n.priceRange.minVariantPrice.amount,
    priceMax: n.priceRange.maxVariantPrice.amount,
    currency: n.priceRange.minVariantPrice.currencyCode,
    imageUrl: n.featuredImage?.url ?? null,
    url: n.onlineStoreUrl ?? `https://${shop}/products/${n.handle}`,
    available: variants.some((v) => v.available),
    variants,
  };
}
