/**
 * The admin's words while the database is away, shared by the server's 503 answer
 * (app/db/outage.server.ts) and the pages that show it (unavailable-page.tsx).
 */
export const UNAVAILABLE_CODE = "unavailable";

export const UNAVAILABLE_TEXT = {
  title: "Tandem can't reach its database right now",
  body: "This is usually over within seconds (a restart or a short outage). Nothing that was already saved is lost. If you had just saved or sent something, it was not saved: do it again once the page is back.",
  retrying: (seconds: number) => `Trying again in ${seconds} s…`,
  retryingNow: "Trying again…",
  retry: "Try again now",
} as const;

/** What the 503 answer's body says: `{error: {code: "unavailable", message, retryAfterSeconds}}`. */
export interface UnavailableBody {
  error: { code: typeof UNAVAILABLE_CODE; message: string; retryAfterSeconds: number };
}

/** The seconds to wait when `error` (a route error's data) is the outage answer, else null. */
export function unavailableRetryAfter(status: number, data: unknown): number | null {
  if (status !== 503) return null;
  const body = (typeof data === "string" ? safeParse(data) : data) as Partial<UnavailableBody> | null;
  if (body?.error?.code !== UNAVAILABLE_CODE) return null;
  const seconds = Number(body.error.retryAfterSeconds);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) : 5;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
