import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { authenticate } from "../shopify.server";
import { env } from "../env.server";
import { getShopSettings } from "../repositories/admin.server";
import { DEACTIVATED_MESSAGE, operatorForAdmin } from "../domain/operators.server";
import { unreadCount } from "../domain/notifications.server";
import { can } from "../domain/permissions";
import { unavailableRetryAfter } from "../lib/unavailable";
import { UnavailableAdminPage } from "../lib/unavailable-page";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticate.admin(request);
  const { session } = context;
  const config = env();
  const [settings, me] = await Promise.all([
    getShopSettings(session.shop),
    // The nav's badge and links. A deactivated staff member sees only why (the boundary below shows
    // this text as it is); a request without a staff member's token simply shows no badge.
    operatorForAdmin(context).catch((error: unknown) => {
      if (error instanceof Response && error.status === 403)
        throw new Response(DEACTIVATED_MESSAGE, { status: 403, headers: { "Cache-Control": "no-store" } });
      return null;
    }),
  ]);
  return {
    apiKey: config.SHOPIFY_API_KEY,
    // Every date in the admin is shown in the shop's time zone (app/lib/format.ts).
    timeZone: settings?.timezone ?? "UTC",
    unread: me ? await unreadCount(session.shop, me.id) : 0,
    // Pages only admins can open are not listed for operators.
    playground: me ? can(me.role, "playground.ask") : false,
    integrations: me ? can(me.role, "settings.change") : false,
    // Demo mode and browser tests serve a local App Bridge stand-in (see app/demo).
    appBridgeUrl: config.APP_BRIDGE_URL ?? (config.demo ? "/demo/app-bridge.js" : undefined),
  };
};

export default function App() {
  const { apiKey, appBridgeUrl, unread, playground, integrations } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <NavMenu>
        <Link to="/app" rel="home">
          Home
        </Link>
        <Link to="/app/inbox">Inbox</Link>
        <Link to="/app/canned">Canned responses</Link>
        <Link to="/app/tickets">Tickets</Link>
        <Link to="/app/notifications">{unread > 0 ? `Notifications (${unread})` : "Notifications"}</Link>
        <Link to="/app/knowledge">Knowledge</Link>
        <Link to="/app/assistant">Assistant</Link>
        {playground ? <Link to="/app/playground">Playground</Link> : null}
        <Link to="/app/analytics">Analytics</Link>
        <Link to="/app/team">Team</Link>
        <Link to="/app/settings">Settings</Link>
        {integrations ? <Link to="/app/integrations">Integrations</Link> : null}
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so that their headers are included. The
// database being away (a 503 `unavailable` from any loader or action below) gets a readable page.
export function ErrorBoundary() {
  const error = useRouteError();
  const retryAfter = isRouteErrorResponse(error) ? unavailableRetryAfter(error.status, error.data) : null;
  if (retryAfter !== null)
    return (
      <AppProvider isEmbeddedApp={false} apiKey="">
        <UnavailableAdminPage retryAfterSeconds={retryAfter} />
      </AppProvider>
    );
  return boundary.error(error);
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
