import { runGraphql, type GraphqlClient } from "./client.server";
import { adminProductFields, mapAdminProduct, type AdminProductNode } from "./admin-product-fields";
import type { ProductSummary } from "./types";

export const ADMIN_PRODUCT_BY_HANDLE = `#graphql
  query TandemAdminProductByHandle($handle: String!) {
    productByIdentifier(identifier: { handle: $handle }) { ${adminProductFields} }
  }
`;

export async function adminGetProductByHandle(
  client: GraphqlClient,
  shop: string,
  handle: string,
  signal?: AbortSignal,
): Promise<ProductSummary | null> {
  const data = await runGraphql<{ productByIdentifier: AdminProductNode | null }>(
    client,
    ADMIN_PRODUCT_BY_HANDLE,
    { handle },
    signal,
  );
  return data.productByIdentifier ? mapAdminProduct(data.productByIdentifier, shop) : null;
}
