import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import polarisEn from "@shopify/polaris/locales/en.json";
import polarisIt from "@shopify/polaris/locales/it.json";
import { authenticate } from "../shopify.server";
import { env } from "../env.server";
import { getShopSettings } from "../repositories/admin.server";
import { DEACTIVATED_MESSAGE, operatorForAdmin } from "../domain/operators.server";
import { unreadCount } from "../domain/notifications.server";
import { can } from "../domain/permissions";
import { unavailableRetryAfter } from "../lib/unavailable";
import { UnavailableAdminPage } from "../lib/unavailable-page";
import { adminLocale, localeFromUrl, rememberLocale } from "../lib/i18n/locale.server";
import { translator } from "../lib/i18n/catalog";
import { I18nProvider, useT } from "../lib/i18n/react";

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
        throw new Response(
          localeFromUrl(request)
            ? translator(localeFromUrl(request)!)("common.errors.deactivated")
            : DEACTIVATED_MESSAGE,
          { status: 403, headers: { "Cache-Control": "no-store" } },
        );
      return null;
    }),
  ]);
  // The staff member's admin language: Shopify's `locale` on the app URL, kept for later requests.
  const locale = adminLocale(request, me);
  if (me) await rememberLocale(session.shop, me, request);
  return {
    locale,
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
  const { apiKey, appBridgeUrl, locale } = useLoaderData<typeof loader>();
  return (
    <AppProvider
      isEmbeddedApp
      apiKey={apiKey}
      i18n={locale === "it" ? polarisIt : polarisEn}
      {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}
    >
      <I18nProvider locale={locale}>
        <Nav />
        <Outlet />
      </I18nProvider>
    </AppProvider>
  );
}

function Nav() {
  const { unread, playground, integrations } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <NavMenu>
      <Link to="/app" rel="home">
        {t("common.nav.home")}
      </Link>
      <Link to="/app/inbox">{t("common.nav.inbox")}</Link>
      <Link to="/app/canned">{t("common.nav.canned")}</Link>
      <Link to="/app/tickets">{t("common.nav.tickets")}</Link>
      <Link to="/app/notifications">
        {unread > 0 ? t("common.nav.notificationsUnread", { count: unread }) : t("common.nav.notifications")}
      </Link>
      <Link to="/app/knowledge">{t("common.nav.knowledge")}</Link>
      <Link to="/app/assistant">{t("common.nav.assistant")}</Link>
      {playground ? <Link to="/app/playground">{t("common.nav.playground")}</Link> : null}
      <Link to="/app/analytics">{t("common.nav.analytics")}</Link>
      <Link to="/app/team">{t("common.nav.team")}</Link>
      <Link to="/app/settings">{t("common.nav.settings")}</Link>
      {integrations ? <Link to="/app/integrations">{t("common.nav.integrations")}</Link> : null}
    </NavMenu>
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
