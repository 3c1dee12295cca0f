import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { login } from "../shopify.server";

/**
 * The login path shopify-app-remix redirects to when it cannot tell the shop (outside the admin, or
 * an invalid `shop`): `login` redirects a valid shop domain to Shopify's install flow and answers
 * anything else with a 400 (authenticate.admin must not run here: the library refuses it with a 500).
 */
async function handleLogin(request: Request): Promise<Response> {
  const errors = await login(request);
  return Response.json(
    {
      error: {
        code: "invalid_request",
        message: "a valid shop domain (example.myshopify.com) is required",
        ...(errors.shop ? { reason: errors.shop } : {}),
      },
    },
    { status: 400, headers: { "Cache-Control": "no-store" } },
  );
}

export const loader = ({ request }: LoaderFunctionArgs) => handleLogin(request);
export const action = ({ request }: ActionFunctionArgs) => handleLogin(request);
