/**
 * JSON answers for the admin's resource routes (app/routes/app.api.*): `Cache-Control: no-store`,
 * errors as `{error: {code, message, ...details}}` with the status of the DomainError (its message in
 * the staff member's language), and JSON bodies read with a size limit.
 */
import type { ZodError } from "zod";
import { DomainError, errorDetails, errorText } from "../domain/conversations/errors";
import type { Translate } from "./i18n/catalog";
import { formErrors } from "./i18n/form-errors";

const HEADERS = { "Cache-Control": "no-store", "Content-Type": "application/json; charset=utf-8" };

export function adminJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: HEADERS });
}

export function adminError(
  code: DomainError["code"],
  message: string,
  details: Record<string, unknown> = {},
  status?: number,
): Response {
  const error = new DomainError(code, message, status ? { status } : {});
  return adminJson({ error: { code, message, ...details } }, error.status);
}

/**
 * A DomainError as its Response, its message (and form-field messages) read with `t`, the staff
 * member's language; anything else is rethrown (Remix answers 500 and logs it).
 */
export function domainErrorResponse(error: unknown, t: Translate): Response {
  if (error instanceof DomainError)
    return adminError(error.code, errorText(error, t), errorDetails(error, t), error.status);
  throw error;
}

/** Reads a JSON body of at most `maxBytes`: 413 too_large, 400 for malformed JSON. */
export async function readAdminJson(request: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => adminError("too_large", `The request is larger than ${Math.round(maxBytes / 1000)} KB.`);
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw adminError("invalid_request", "The request body is not valid JSON.", {}, 400);
  }
}

/** 422 invalid_request with the first message for each field (`fields`), all of them in `message`, in the reader's language. */
export function invalidFields(error: ZodError, t: Translate): Response {
  const fields = formErrors(error, t, { field: "first" });
  return adminError(
    "invalid_request",
    Object.entries(fields)
      .map(([field, message]) => `${field}: ${message}`)
      .join(" "),
    { fields },
  );
}
