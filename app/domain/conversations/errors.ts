/** Domain errors with the machine-readable codes of the widget API contract. */
import { translator, type MessageKey, type Translate } from "../../lib/i18n/catalog";
import type { Vars } from "../../lib/i18n/core";

export type ErrorCode =
  | "invalid_request"
  | "forbidden"
  | "not_found"
  | "too_large"
  | "rate_limited"
  | "not_installed"
  | "conflict"
  | "unavailable";

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 422,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  rate_limited: 429,
  not_installed: 404,
  conflict: 409,
  unavailable: 503,
};

export interface DomainErrorOptions {
  status?: number;
  retryAfterSeconds?: number;
  details?: Record<string, unknown>;
}

export class DomainError extends Error {
  readonly status: number;
  /** The catalog message `message` renders in English (set by `domainError`): the admin shows it in the reader's language. */
  readonly messageKey?: MessageKey;
  readonly vars?: Vars;
  /** Form fields the message is about: `details.fields` names each with it (`errorDetails` in the reader's language). */
  readonly fields?: readonly string[];
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: DomainErrorOptions & { messageKey?: MessageKey; vars?: Vars; fields?: readonly string[] } = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.status = options.status ?? STATUS[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.messageKey = options.messageKey;
    this.vars = options.vars;
    this.fields = options.fields;
    this.details = options.fields
      ? { ...options.details, fields: { ...fieldsOf(options.details), ...byField(options.fields, message) } }
      : options.details;
  }
  readonly retryAfterSeconds?: number;
  readonly details?: Record<string, unknown>;
}

function fieldsOf(details: Record<string, unknown> | undefined): Record<string, unknown> {
  const fields = details?.fields;
  return typeof fields === "object" && fields !== null ? (fields as Record<string, unknown>) : {};
}

function byField(fields: readonly string[], message: string): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, message]));
}

/** English, looked up when an error is made (not at import: no import-order trap). */
const english: Translate = (key, vars) => translator("en")(key, vars);

/**
 * The one way to refuse with a catalog message (app/lib/i18n/messages/domain-errors.ts): `message`
 * is its English text (what the widget API and the workflow callback answer), and the key and vars
 * stay on the error for `errorText`. `fields`: the form fields the message is about.
 */
export function domainError(
  code: ErrorCode,
  key: MessageKey,
  vars?: Vars,
  options: DomainErrorOptions & { fields?: readonly string[] } = {},
): DomainError {
  return new DomainError(code, english(key, vars), { ...options, messageKey: key, ...(vars ? { vars } : {}) });
}

/** A DomainError's message for a reader: in their language when it has a catalog key, else as it is. */
export function errorText(error: DomainError, t: Translate): string {
  return error.messageKey ? t(error.messageKey, error.vars) : error.message;
}

/** A DomainError's details for a reader: the form-field messages (`fields`) in their language. */
export function errorDetails(error: DomainError, t: Translate): Record<string, unknown> {
  if (!error.fields) return error.details ?? {};
  return { ...error.details, fields: { ...fieldsOf(error.details), ...byField(error.fields, errorText(error, t)) } };
}

/** 409: the chat is closed (`details.reason` conversation_closed). */
export function conversationClosed(): DomainError {
  return domainError("conflict", "errors.conversation.closed", undefined, {
    details: { reason: "conversation_closed" },
  });
}

/** The one answer for a wrong token, an unknown id and another shop's conversation: no oracle. */
export function conversationNotFound(): DomainError {
  return domainError("not_found", "errors.conversation.notFound");
}
