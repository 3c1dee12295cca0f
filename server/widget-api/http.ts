/**
 * The widget API's transport, once: the answer type every handler returns, the one error body
 * (`{"error": {"code", "message"}}`), the one body reader (16 KB, HTTP_BODY_TIMEOUT_MS, strict
 * UTF-8, JSON), the one validation-error shape (422 `invalid_request` naming the field) and the
 * mapping of whatever a handler throws to the contract's answer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ZodType, ZodTypeDef } from "zod";
import { DomainError, type ErrorCode } from "../../app/domain/conversations/errors";
import { MAX_BODY_BYTES } from "../../app/domain/conversations/input";
import { logger } from "../../app/logger.server";
import { UNAVAILABLE_ERROR, UNAVAILABLE_RETRY_SECONDS } from "../../app/db/health.server";
import { outageOf } from "../../app/db/outage.server";

/** What a handler answers: a status, a JSON body (none for 204) and extra headers. */
export interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

export function json(value: unknown, status = 200, headers?: Record<string, string>): Reply {
  return { status, body: JSON.stringify(value), headers };
}

export const NO_CONTENT: Reply = { status: 204 };

/** The error body of the contract; `status` defaults to the code's (errors.ts). */
export function errorReply(
  code: ErrorCode | "internal",
  message: string,
  status?: number,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): Reply {
  const resolved = status ?? (code === "internal" ? 500 : new DomainError(code, message).status);
  return { status: resolved, body: JSON.stringify({ error: { code, message, ...extra } }), headers };
}

/** A refusal a handler throws (the answer is already decided). */
export class Refusal extends Error {
  constructor(readonly reply: Reply) {
    super(`refused with ${reply.status}`);
  }
}

export const refuse = (...args: Parameters<typeof errorReply>): Refusal => new Refusal(errorReply(...args));

export function send(res: ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status, { "Cache-Control": "no-store", ...reply.headers });
    res.end();
    return;
  }
  res.writeHead(reply.status, {
    ...JSON_HEADERS,
    "Content-Length": Buffer.byteLength(reply.body),
    ...reply.headers,
  });
  res.end(reply.body);
}

/** Maps what a handler threw to the contract's answer; anything unknown is logged and a 500. */
export function replyForError(error: unknown): Reply {
  if (error instanceof Refusal) return error.reply;
  if (error instanceof DomainError) {
    const extra: Record<string, unknown> = {};
    if (error.details?.reason) extra.reason = error.details.reason;
    const headers = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
    return errorReply(error.code, error.message, error.status, extra, headers);
  }
  if (outageOf(error, "widget API")) {
    return {
      status: 503,
      body: JSON.stringify({ error: UNAVAILABLE_ERROR }),
      headers: { "Retry-After": String(UNAVAILABLE_RETRY_SECONDS) },
    };
  }
  logger.error(
    { err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) },
    "widget API error",
  );
  return errorReply("internal", "something went wrong", 500);
}

/** The one validation-error shape: 422 invalid_request naming the first field that breaks a rule. */
export function validate<T>(schema: ZodType<T, ZodTypeDef, unknown>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join(".") || "body";
    throw refuse("invalid_request", `${where}: ${issue?.message ?? "invalid"}`, 422);
  }
  return result.data;
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });
const TOO_LARGE_MESSAGE = `the body is larger than ${MAX_BODY_BYTES} bytes`;

/** The body's bytes: at most MAX_BODY_BYTES (Content-Length checked first), within `timeoutMs`. */
function readBytes(req: IncomingMessage, timeoutMs: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > MAX_BODY_BYTES) return Promise.reject(refuse("too_large", TOO_LARGE_MESSAGE));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: Refusal | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off("data", onData);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) finish(refuse("too_large", TOO_LARGE_MESSAGE));
      else chunks.push(chunk);
    };
    // A slow client is answered 408 and the connection closed instead of waiting for the rest.
    const timer = setTimeout(
      () =>
        finish(
          refuse("invalid_request", `the body did not arrive within ${timeoutMs} ms`, 408, {}, { Connection: "close" }),
        ),
      timeoutMs,
    );
    req.on("data", onData);
    req.on("end", () => finish(null));
    req.on("error", () => finish(refuse("invalid_request", "the body could not be read", 400)));
  });
}

/** Reads a JSON body: 413 too_large, 408 when it stalls, 400 invalid_request when not UTF-8 or not JSON. */
export async function readJson(req: IncomingMessage, timeoutMs: number): Promise<unknown> {
  const bytes = await readBytes(req, timeoutMs);
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    throw refuse("invalid_request", "the body is not valid UTF-8", 400);
  }
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw refuse("invalid_request", "the body is not valid JSON", 400);
  }
}
