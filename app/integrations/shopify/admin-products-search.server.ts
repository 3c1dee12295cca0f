import { runGraphql, type GraphqlClient } from "./client.server";
import { adminProductFields, mapAdminProduct, type AdminProductNode } from "./admin-product-fields";
import type { ProductSummary } from "./types";

export const ADMIN_PRODUCTS_SEARCH = `#graphql
  query TandemAdminProductsSearch($query: String!, $first: Int!) {
    products(first: $first, query: $query) {
      nodes { ${adminProductFields} }
    }
  }
`;

export async function adminSearchProducts(
  client: GraphqlClient,
  shop: string,
  query: string,
  first: number,
  signal?: AbortSignal,
): Promise<ProductSummary[]> {
  const data = await runGraphql<{ products: { nodes: AdminProductNode[] } }>(
    client,
    ADMIN_PRODUCTS_SEARCH,
    { query: `status:active AND (${query})`, first },
    signal,
  );
  return data.products.nodes.map((n) => mapAdminProduct(n, shop));
}
