import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import {
  createReadableStreamFromReadable,
  type ActionFunctionArgs,
  type EntryContext,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { isbot } from "isbot";
import { addDocumentResponseHeaders } from "./shopify.server";
import { errorForLog, logger } from "./logger.server";
import { UNAVAILABLE_RETRY_SECONDS } from "./db/health.server";

export const streamTimeout = 5000;

/**
 * Errors thrown by loaders and actions, logged as one JSON line without the error message (which can
 * quote input) or the query string (which can hold tokens and emails). Replaces Remix's default,
 * which writes the stack to stderr as text.
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs): void {
  // Aborted requests and Remix's own 4xx answers (no such route, no action for the method) are no failures.
  // A database outage is answered 503 and logged once a minute by app/db/health.server.ts, not here.
  if (request.signal.aborted || (isRouteErrorResponse(error) && (error.status < 500 || error.status === 503))) return;
  logger.error(
    { err: errorForLog(error), method: request.method, path: new URL(request.url).pathname },
    "request failed",
  );
}

/** Single-fetch data requests (`<path>.data`) of a database outage say when to come back, as pages do. */
export function handleDataRequest(response: Response): Response {
  if (response.status === 503 && !response.headers.has("Retry-After"))
    response.headers.set("Retry-After", String(UNAVAILABLE_RETRY_SECONDS));
  return response;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  // The page of a database outage (app/db/outage.server.ts) says when to come back.
  if (responseStatusCode === 503 && !responseHeaders.has("Retry-After"))
    responseHeaders.set("Retry-After", String(UNAVAILABLE_RETRY_SECONDS));
  const userAgent = request.headers.get("user-agent");
  const callbackName = isbot(userAgent ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [callbackName]: () => {
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        logger.error({ err: errorForLog(error), path: new URL(request.url).pathname }, "render failed");
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}
