import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError } from "@remix-run/react";
import { unavailableRetryAfter } from "./lib/unavailable";
import { UnavailablePlainPage } from "./lib/unavailable-page";

export default function App() {
  return (
    <html lang="en">
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
  const retryAfter = isRouteErrorResponse(error) ? unavailableRetryAfter(error.status, error.data) : null;
  if (retryAfter !== null) return <UnavailablePlainPage retryAfterSeconds={retryAfter} />;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const statusText = isRouteErrorResponse(error) ? error.statusText : "Internal Server Error";
  // a refusal's own words (`{error: {message}}`), e.g. a deactivated staff member's
  const data = isRouteErrorResponse(error) ? (error.data as { error?: { message?: unknown } } | null) : null;
  const message = typeof data?.error?.message === "string" ? data.error.message : null;
  return (
    <html lang="en">
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
