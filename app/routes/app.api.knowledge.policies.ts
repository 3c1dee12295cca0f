/**
 * POST: reads the shop's policies from Shopify (the Storefront API's `shop { refundPolicy … }`
 * through the shop's offline session, ADR 117) and stores them as "policy" entries, updated in place.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate, unauthenticated } from "../shopify.server";
import type { GraphqlClient } from "../integrations/shopify/client.server";
import { createShopifyData } from "../integrations/shopify/data.server";
import { refreshPolicies } from "../domain/knowledge/service.server";
import { adminError, adminJson, domainErrorResponse } from "../lib/admin-json.server";
import { requireOperator } from "../domain/permissions.server";
import { translator } from "../lib/i18n/catalog";
import { adminLocale } from "../lib/i18n/locale.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await authenticate.admin(request);
  const { session, admin } = context;
  if (request.method !== "POST") return adminError("invalid_request", "Use POST to refresh the policies.", {}, 405);
  const { storefront } = await unauthenticated.storefront(session.shop);
  const shopify = createShopifyData(
    session.shop,
    admin.graphql as unknown as GraphqlClient,
    storefront.graphql as unknown as GraphqlClient,
  );
  try {
    return adminJson({ result: await refreshPolicies(session.shop, shopify) });
  } catch (error) {
    // the refusal in the staff member's language
    return domainErrorResponse(error, translator(adminLocale(request, await requireOperator(context))));
  }
};

export const loader = async () => adminError("invalid_request", "Use POST to refresh the policies.", {}, 405);
