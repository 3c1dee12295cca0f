import { runGraphql, type GraphqlClient } from "./client.server";
import type { ShopPolicy } from "./types";

export const STOREFRONT_SHOP_POLICIES = `#graphql
  query TandemStorefrontShopPolicies {
    shop {
      privacyPolicy { title body url }
      refundPolicy { title body url }
      shippingPolicy { title body url }
      termsOfService { title body url }
    }
  }
`;

type Policy = { title: string; body: string; url: string | null } | null;

export async function storefrontShopPolicies(client: GraphqlClient, signal?: AbortSignal): Promise<ShopPolicy[]> {
  const data = await runGraphql<{
    shop: { privacyPolicy: Policy; refundPolicy: Policy; shippingPolicy: Policy; termsOfService: Policy };
  }>(client, STOREFRONT_SHOP_POLICIES, {}, signal);
  const out: ShopPolicy[] = [];
  const add = (type: ShopPolicy["type"], p: Policy) => {
    if (p?.body) out.push({ type, title: p.title, body: p.body, url: p.url });
  };
  add("refund", data.shop.refundPolicy);
  add("shipping", data.shop.shippingPolicy);
  add("privacy", data.shop.privacyPolicy);
  add("terms", data.shop.termsOfService);
  return out;
}
