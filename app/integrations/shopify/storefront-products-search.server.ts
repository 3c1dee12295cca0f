import { runGraphql, type GraphqlClient } from "./client.server";
import { mapStorefrontProduct, storefrontProductFields, type StorefrontProductNode } from "./storefront-product-fields";
import type { ProductSummary } from "./types";

export const STOREFRONT_PRODUCTS_SEARCH = `#graphql
  query TandemStorefrontProductsSearch($query: String!, $first: Int!) {
    products(first: $first, query: $query) {
      nodes { ${storefrontProductFields} }
    }
  }
`;

export async function storefrontSearchProducts(
  client: GraphqlClient,
  shop: string,
  query: string,
  first: number,
  signal?: AbortSignal,
): Promise<ProductSummary[]> {
  const data = await runGraphql<{ products: { nodes: StorefrontProductNode[] } }>(
    client,
    STOREFRONT_PRODUCTS_SEARCH,
    { query, first },
    signal,
  );
  return data.products.nodes.map((n) => mapStorefrontProduct(n, shop));
}
