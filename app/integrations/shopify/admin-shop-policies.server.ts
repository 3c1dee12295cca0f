import { runGraphql, type GraphqlClient } from "./client.server";
import type { ShopPolicy } from "./types";

export const ADMIN_SHOP_POLICIES = `#graphql
  query TandemAdminShopPolicies {
    shop {
      shopPolicies { type title body url }
    }
  }
`;

const TYPES: Record<string, ShopPolicy["type"]> = {
  REFUND_POLICY: "refund",
  SHIPPING_POLICY: "shipping",
  PRIVACY_POLICY: "privacy",
  TERMS_OF_SERVICE: "terms",
};

export async function adminShopPolicies(client: GraphqlClient, signal?: AbortSignal): Promise<ShopPolicy[]> {
  const data = await runGraphql<{
    shop: { shopPolicies: { type: string; title: string; body: string; url: string | null }[] };
  }>(client, ADMIN_SHOP_POLICIES, {}, signal);
  return data.shop.shopPolicies
    .filter((p) => TYPES[p.type] && p.body)
    .map((p) => ({ type: TYPES[p.type]!, title: p.title, body: p.body, url: p.url }));
}
