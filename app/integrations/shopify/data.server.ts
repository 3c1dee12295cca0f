import type { GraphqlClient } from "./client.server";
import { adminSearchProducts } from "./admin-products-search.server";
import { adminGetProductByHandle } from "./admin-product-by-handle.server";
import { storefrontSearchProducts } from "./storefront-products-search.server";
import { storefrontGetProductByHandle } from "./storefront-product-by-handle.server";
import { storefrontShopPolicies } from "./storefront-shop-policies.server";
import { adminShopPolicies } from "./admin-shop-policies.server";
import { adminFindOrderByName } from "./admin-order-by-name.server";
import { adminCustomerOrders } from "./admin-customer-orders.server";
import type { OrderSummary, ProductSummary, ShopPolicy } from "./types";

/**
 * What the assistant may read from Shopify. Products and policies come from the Storefront API
 * when a storefront client is available (the app proxy context), otherwise from the Admin API;
 * orders only from the Admin API. Authorisation is NOT done here: the AI tools decide what a
 * shopper may see.
 */
export interface ShopifyData {
  shop: string;
  searchProducts(query: string, first: number, signal?: AbortSignal): Promise<ProductSummary[]>;
  getProduct(handle: string, signal?: AbortSignal): Promise<ProductSummary | null>;
  findOrderByName(name: string, signal?: AbortSignal): Promise<OrderSummary | null>;
  customerOrders(customerId: string, first: number, signal?: AbortSignal): Promise<OrderSummary[]>;
  policies(signal?: AbortSignal): Promise<ShopPolicy[]>;
}

export function createShopifyData(shop: string, admin: GraphqlClient, storefront?: GraphqlClient): ShopifyData {
  return {
    shop,
    searchProducts: (query, first, signal) =>
      storefront
        ? storefrontSearchProducts(storefront, shop, query, first, signal)
        : adminSearchProducts(admin, shop, query, first, signal),
    getProduct: (handle, signal) =>
      storefront
        ? storefrontGetProductByHandle(storefront, shop, handle, signal)
        : adminGetProductByHandle(admin, shop, handle, signal),
    findOrderByName: (name, signal) => adminFindOrderByName(admin, name, signal),
    customerOrders: (customerId, first, signal) => adminCustomerOrders(admin, customerId, first, signal),
    policies: (signal) => (storefront ? storefrontShopPolicies(storefront, signal) : adminShopPolicies(admin, signal)),
  };
}

/** Admin access for a shop outside a request (the reply job): the shop's offline session. */
export async function shopifyDataForShop(shop: string): Promise<ShopifyData> {
  const { unauthenticated } = await import("../../shopify.server");
  const { admin } = await unauthenticated.admin(shop);
  return createShopifyData(shop, admin.graphql as unknown as GraphqlClient);
}
