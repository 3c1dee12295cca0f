import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { resolveLocale } from "./lib/i18n/core";
import { translator } from "./lib/i18n/catalog";
import { unavailableRetryAfter } from "./lib/unavailable";
import { UnavailablePlainPage } from "./lib/unavailable-page";

/** The admin's language when the /app layout has loaded (English on every other page). */
function useLocale() {
  const app = useRouteLoaderData("routes/app") as { locale?: string } | undefined;
  return resolveLocale(app?.locale);
}

export default function App() {
  return (
    <html lang={useLocale()}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/**
 * Pages outside the admin (which has Shopify's boundary) that fail or do not exist: the status only
 * (the database being away: a readable page that loads again by itself).
 * Replaces Remix's default boundary, which writes every error (a 404 included) to stderr as text;
 * server errors are logged once, as JSON, by handleError in entry.server.tsx.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const locale = useLocale();
  const t = translator(locale);
  const retryAfter = isRouteErrorResponse(error) ? unavailableRetryAfter(error.status, error.data) : null;
  if (retryAfter !== null) return <UnavailablePlainPage retryAfterSeconds={retryAfter} />;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const statusText =
    locale === "en"
      ? isRouteErrorResponse(error)
        ? error.statusText
        : "Internal Server Error"
      : status === 404
        ? t("common.errors.notFound")
        : status === 403
          ? t("common.errors.forbidden")
          : t("common.errors.title");
  // a refusal's own words (`{error: {message}}`), e.g. a deactivated staff member's
  const data = isRouteErrorResponse(error) ? (error.data as { error?: { message?: unknown } } | null) : null;
  const message = typeof data?.error?.message === "string" ? data.error.message : null;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{`${status} ${statusText}`}</title>
      </head>
      <body>
        <h1>{`${status} ${statusText}`}</h1>
        {message ? <p>{message}</p> : null}
      </body>
    </html>
  );
}
