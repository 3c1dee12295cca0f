import type { ProductSummary } from "./types";

/** Product fields shared by the Admin product operations (a fragment of text, not an operation). */
export const adminProductFields = `
  id handle title description productType vendor tags onlineStoreUrl status
  priceRangeV2 { minVariantPrice { amount currencyCode } maxVariantPrice { amount currencyCode } }
  featuredMedia { preview { image { url } } }
  variants(first: 25) { nodes { id title price availableForSale inventoryQuantity } }
`;

export interface AdminProductNode {
  id: string;
  handle: string;
  title: string;
  description: string | null;
  productType: string | null;
  vendor: string | null;
  tags: string[];
  onlineStoreUrl: string | null;
  priceRangeV2: {
    minVariantPrice: { amount: string; currencyCode: string };
    maxVariantPrice: { amount: string; currencyCode: string };
  };
  featuredMedia: { preview: { image: { url: string } | null } | null } | null;
  variants: {
    nodes: { id: string; title: string; price: string; availableForSale: boolean; inventoryQuantity: number | null }[];
  };
}

export function mapAdminProduct(n: AdminProductNode, shop: string): ProductSummary {
  const variants = n.variants.nodes.map((v) => ({
    id: v.id,
    title: v.title,
    price: v.price,
    available: v.availableForSale,
    inventory: v.inventoryQuantity,
  }));
  return {
    id: n.id,
    handle: n.handle,
    title: n.title,
    description: n.description ?? "",
    productType: n.productType ?? "",
    vendor: n.vendor ?? "",
    tags: n.tags,
    priceMin: n.priceRangeV2.minVariantPrice.amount,
    priceMax: n.priceRangeV2.maxVariantPrice.amount,
    currency: n.priceRangeV2.minVariantPrice.currencyCode,
    imageUrl: n.featuredMedia?.preview?.image?.url ?? null,
    url: n.onlineStoreUrl ?? `https://${shop}/products/${n.handle}`,
    available: variants.some((v) => v.available),
    variants,
  };
}
