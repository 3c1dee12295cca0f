import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { authenticate } from "../shopify.server";
import { env } from "../env.server";
import { getShopSettings } from "../repositories/admin.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const config = env();
  const settings = await getShopSettings(session.shop);
  return {
    apiKey: config.SHOPIFY_API_KEY,
    // Every date in the admin is shown in the shop's time zone (app/lib/format.ts).
    timeZone: settings?.timezone ?? "UTC",
    // Demo mode and browser tests serve a local App Bridge stand-in (see app/demo).
    appBridgeUrl: config.APP_BRIDGE_URL ?? (config.demo ? "/demo/app-bridge.js" : undefined),
  };
};

export default function App() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <NavMenu>
        <Link to="/app" rel="home">
          Home
        </Link>
        <Link to="/app/inbox">Inbox</Link>
        <Link to="/app/canned">Canned responses</Link>
        <Link to="/app/tickets">Tickets</Link>
        <Link to="/app/knowledge">Knowledge</Link>
        <Link to="/app/assistant">Assistant</Link>
        <Link to="/app/playground">Playground</Link>
        <Link to="/app/analytics">Analytics</Link>
        <Link to="/app/settings">Settings</Link>
        <Link to="/app/integrations">Integrations</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so that their headers are included.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
