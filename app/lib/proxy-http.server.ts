/**
 * HTTP helpers for the widget API routes (app/routes/proxy.*.ts): authentication with the
 * `not_installed` rule, body reading with the 16 KB limit, zod validation, JSON answers with
 * `Cache-Control: no-store` and the contract's `{error: {code, message}}` bodies.
 */
import type { AppLoadContext } from "@remix-run/node";
import type { ZodType, ZodTypeDef } from "zod";
import { authenticate } from "../shopify.server";
import { DomainError, type ErrorCode } from "../domain/conversations/errors";
import { MAX_BODY_BYTES } from "../domain/conversations/input";
import { env } from "../env.server";
import { logger } from "../logger.server";
import { reportDbFailure, UNAVAILABLE_ERROR, UNAVAILABLE_RETRY_SECONDS } from "../db/health.server";
import type { Visitor } from "../domain/conversations/tokens.server";
import {
  BAD_CUSTOMER_ID_MESSAGE,
  REPEATED_PARAM_MESSAGE,
  repeatedSingleValuedParam,
  signedCustomerId,
} from "./app-proxy-query";
import { clientIp } from "./client-ip";

const NO_STORE = { "Cache-Control": "no-store", "Content-Type": "application/json; charset=utf-8" };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...NO_STORE, ...headers } });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}

export function errorResponse(
  code: ErrorCode,
  message: string,
  status?: number,
  headers: Record<string, string> = {},
): Response {
  const err = new DomainError(code, message, status ? { status } : {});
  return json({ error: { code, message } }, err.status, headers);
}

export interface ProxyContext {
  shop: string;
  /** From the signed `logged_in_customer_id` only; null for guests. */
  customerId: string | null;
  /** The client address for per-IP limits (app/lib/client-ip.ts). */
  ip: string;
}

/**
 * The TCP peer of the app's socket (a load balancer, Shopify, or the client itself), which
 * server/app-server.ts passes to Remix as `context.remoteAddress` (createRequestHandler's
 * getLoadContext).
 */
function remoteAddress(context: AppLoadContext | undefined): string | undefined {
  const value = context?.remoteAddress;
  return typeof value === "string" ? value : undefined;
}

/**
 * Authenticates a widget API request:
 * 1. A repeated single-valued parameter (`shop`, `logged_in_customer_id`, `path_prefix`,
 *    `timestamp`, `signature`) is refused with 400 invalid_request: Shopify signs repeated keys
 *    joined with ",", so a shopper's own `logged_in_customer_id=7001` would otherwise be signed
 *    along with Shopify's empty one (app/lib/app-proxy-query.ts).
 * 2. The signature is verified by the library (400 with an empty body otherwise).
 * 3. A signed `logged_in_customer_id` that is neither empty nor a customer id: 400 invalid_request.
 * 4. The shop must be installed: 404 not_installed.
 */
export async function authenticateProxy(request: Request, context?: AppLoadContext): Promise<ProxyContext> {
  const url = new URL(request.url);
  const repeated = repeatedSingleValuedParam(url.searchParams.keys());
  if (repeated) throw errorResponse("invalid_request", REPEATED_PARAM_MESSAGE(repeated), 400);
  const { session } = await authenticate.public.appProxy(request);
  const customerId = signedCustomerId(url.searchParams.get("logged_in_customer_id"));
  if (customerId === undefined) throw errorResponse("invalid_request", BAD_CUSTOMER_ID_MESSAGE, 400);
  if (!session) {
    throw errorResponse("not_installed", "the app is not installed on this shop");
  }
  return {
    shop: session.shop,
    customerId,
    ip: clientIp(request.headers.get("x-forwarded-for"), remoteAddress(context), env().TRUST_PROXY_HOPS),
  };
}

/** The visitor of a request on `/proxy/conversations/:id/*`: the token it sent and its signed customer. */
export function visitor(ctx: ProxyContext, token: string): Visitor {
  return { token, customerId: ctx.customerId };
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** A read of the body that ends within `ms`: "timeout" when it does not (the read is left to fail). */
function readWithin<T>(
  reader: ReadableStreamDefaultReader<T>,
  ms: number,
): Promise<ReadableStreamReadResult<T> | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), Math.max(0, ms))));
  return Promise.race([reader.read(), late]).finally(() => clearTimeout(timer));
}

/**
 * Reads a JSON body of at most 16 KB within HTTP_BODY_TIMEOUT_MS: 413 too_large; 408 when the body
 * stalls (slow clients; the connection is closed after the answer); 400 invalid_request for a body
 * that breaks off or is malformed JSON.
 */
export async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw errorResponse("too_large", `the body is larger than ${MAX_BODY_BYTES} bytes`);
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    const timeoutMs = env().HTTP_BODY_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let next: Awaited<ReturnType<typeof readWithin<Uint8Array>>>;
      try {
        next = await readWithin(reader, deadline - Date.now());
      } catch {
        throw errorResponse("invalid_request", "the body could not be read", 400);
      }
      if (next === "timeout") {
        throw errorResponse("invalid_request", `the body did not arrive within ${timeoutMs} ms`, 408, {
          Connection: "close",
        });
      }
      if (next.done) break;
      size += next.value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw errorResponse("too_large", `the body is larger than ${MAX_BODY_BYTES} bytes`);
      }
      chunks.push(next.value);
    }
  }
  let text: string;
  try {
    text = STRICT_UTF8.decode(Buffer.concat(chunks));
  } catch {
    throw errorResponse("invalid_request", "the body is not valid UTF-8", 400);
  }
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw errorResponse("invalid_request", "the body is not valid JSON", 400);
  }
}

export function validate<T>(schema: ZodType<T, ZodTypeDef, unknown>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join(".") || "body";
    throw errorResponse("invalid_request", `${where}: ${issue?.message ?? "invalid"}`, 422);
  }
  return result.data;
}

/** Maps a thrown DomainError (or Response) to the contract's answer; anything else is a 500. */
export function toResponse(error: unknown): Response {
  if (error instanceof Response) {
    if (!error.headers.get("Cache-Control")) {
      try {
        error.headers.set("Cache-Control", "no-store");
      } catch {
        // immutable headers: leave as is
      }
    }
    return error;
  }
  if (error instanceof DomainError) {
    const headers: Record<string, string> = error.retryAfterSeconds
      ? { "Retry-After": String(error.retryAfterSeconds) }
      : {};
    const body: { error: { code: string; message: string; [k: string]: unknown } } = {
      error: { code: error.code, message: error.message },
    };
    if (error.details?.reason) body.error.reason = error.details.reason;
    return json(body, error.status, headers);
  }
  if (reportDbFailure(error, "widget API")) return unavailable();
  logger.error(
    { err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) },
    "widget API error",
  );
  return json({ error: { code: "internal", message: "something went wrong" } }, 500);
}

/** 503 with Retry-After: the database cannot take writes (disk full, read-only, unreachable). */
export function unavailable(): Response {
  return json({ error: UNAVAILABLE_ERROR }, 503, { "Retry-After": String(UNAVAILABLE_RETRY_SECONDS) });
}

/** Runs a proxy handler: everything thrown becomes the contract's error answer. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    return toResponse(error);
  }
}

export function methodNotAllowed(): Response {
  return errorResponse("invalid_request", "method not allowed", 405);
}
