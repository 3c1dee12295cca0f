import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
} from "openai";

/** What a failed provider call means to the caller (STYLE.md "Errors"). */
export type AiErrorKind = "rate_limited" | "auth" | "upstream" | "timeout";

export class AiError extends Error {
  constructor(
    readonly kind: AiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "AiError";
  }
}

/** The reply was stopped on purpose (an operator took over, or the job was cancelled). */
export class AiCancelled extends Error {
  constructor() {
    super("AI reply cancelled");
    this.name = "AiCancelled";
  }
}

/**
 * Maps anything the openai SDK (or fetch) throws to AiError. `timedOut` tells whether our own
 * deadline fired, since the SDK reports both a deadline and a caller's abort as an abort.
 */
export function mapProviderError(error: unknown, timedOut = false): AiError | AiCancelled {
  if (error instanceof AiError || error instanceof AiCancelled) return error;
  if (timedOut) return new AiError("timeout", "The AI provider did not answer in time");
  if (error instanceof APIConnectionTimeoutError)
    return new AiError("timeout", "The AI provider did not answer in time");
  if (error instanceof APIUserAbortError) return new AiCancelled();
  if (error instanceof RateLimitError)
    return new AiError("rate_limited", "The AI provider is rate limiting requests", 429);
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new AiError("auth", "The AI provider refused the API key", error.status);
  }
  if (error instanceof APIConnectionError) return new AiError("upstream", "The AI provider could not be reached");
  if (error instanceof APIError)
    return new AiError("upstream", `The AI provider answered ${error.status ?? "an error"}`, error.status);
  const name = (error as { name?: string } | null)?.name;
  if (name === "TimeoutError") return new AiError("timeout", "The AI provider did not answer in time");
  if (name === "AbortError") return new AiCancelled();
  return new AiError("upstream", "The AI provider call failed");
}
