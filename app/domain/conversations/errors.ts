/** Domain errors with the machine-readable codes of the widget API contract. */
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

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { status?: number; retryAfterSeconds?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.status = options.status ?? STATUS[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }
  readonly retryAfterSeconds?: number;
  readonly details?: Record<string, unknown>;
}

/** The one answer for a wrong token, an unknown id and another shop's conversation: no oracle. */
export function conversationNotFound(): DomainError {
  return new DomainError("not_found", "conversation not found");
}
