/** Retry delays and the stored error text of failed jobs (pure). */

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

/**
 * Exponential backoff with "equal jitter": half the exponential delay plus a random share of the
 * other half, so retries of many jobs that failed together spread out.
 */
export function backoffDelay(attempt: number, { baseMs = 1_000, maxMs = 60 * 60_000 }: BackoffOptions = {}): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + Math.random() * (exp / 2));
}

/** Short, single-line error text for `lastError` (handlers must not put personal data in errors). */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, " ").slice(0, 500);
}
