import { runGraphql, type GraphqlClient } from "./client.server";
import { mapStorefrontProduct, storefrontProductFields, type StorefrontProductNode } from "./storefront-product-fields";
import type { ProductSummary } from "./types";

export const STOREFRONT_PRODUCT_BY_HANDLE = `#graphql
  query TandemStorefrontProductByHandle($handle: String!) {
    product(handle: $handle) { ${storefrontProductFields} }
  }
`;

export async function storefrontGetProductByHandle(
  client: GraphqlClient,
  shop: string,
  handle: string,
  signal?: AbortSignal,
): Promise<ProductSummary | null> {
  const data = await runGraphql<{ product: StorefrontProductNode | null }>(
    client,
    STOREFRONT_PRODUCT_BY_HANDLE,
    { handle },
    signal,
  );
  return data.product ? mapStorefrontProduct(data.product, shop) : null;
}
