/**
 * Widget API limits, counted in app/lib/limits.server.ts (shared by every instance on PostgreSQL,
 * in memory on SQLite):
 * - messages: 20 stored messages per minute per conversation (a resend of a stored message is free);
 * - new conversations: 5 per 10 minutes per visitor address;
 * - ticket lookups: 20 per hour per visitor address, and 5 failed ones (wrong email or no such
 *   ticket) per hour per ticket number, after which even the right email waits (no oracle).
 * A limit reached is a `rate_limited` DomainError (429 with Retry-After).
 */
import { giveBack, take, visitorKey, waitFor, type LimitSpec } from "../../lib/limits.server";
import { domainError, type DomainError } from "./errors";

export const MESSAGES_PER_MINUTE = 20;
export const CONVERSATIONS_PER_10_MIN = 5;

export const LIMITS = {
  messages: { keyPrefix: "tandem_msg", points: MESSAGES_PER_MINUTE, duration: 60 },
  conversations: { keyPrefix: "tandem_conv", points: CONVERSATIONS_PER_10_MIN, duration: 600 },
  ticketLookupsPerVisitor: { keyPrefix: "tandem_ticket_visitor", points: 20, duration: 3600 },
  ticketFailuresPerTicket: { keyPrefix: "tandem_ticket_fail", points: 5, duration: 3600 },
} satisfies Record<string, LimitSpec>;

/** What was limited: the message "too many <what>; retry in <n> s" of each. */
const LIMITED = {
  messages: "errors.rateLimit.messages",
  conversations: "errors.rateLimit.conversations",
  ticketLookups: "errors.rateLimit.ticketLookups",
} as const;
type Limited = keyof typeof LIMITED;

function limited(what: Limited, retryAfterSeconds: number): DomainError {
  // the seconds as a string: the widget API's English text writes them without separators ("3600 s")
  return domainError("rate_limited", LIMITED[what], { seconds: String(retryAfterSeconds) }, { retryAfterSeconds });
}

async function limit(spec: LimitSpec, key: string, what: Limited): Promise<void> {
  const wait = await take(spec, key);
  if (wait !== null) throw limited(what, wait);
}

/**
 * Runs one shopper send within the conversation's message budget. Only a message that is stored
 * counts: when `stored(result)` is false (a resend of a message already stored, same
 * `clientMessageId`, or a send handed to another path that counts it itself) the point is given
 * back. Both ways in (the Remix route and the SQLite hot path) send through here.
 */
export async function withinMessageBudget<T>(
  shop: string,
  conversationId: string,
  send: () => Promise<T>,
  stored: (result: T) => boolean,
): Promise<T> {
  const key = `${shop}:${conversationId}`;
  await limit(LIMITS.messages, key, "messages");
  const result = await send();
  if (!stored(result)) await giveBack(LIMITS.messages, key);
  return result;
}

export function limitNewConversation(shop: string, ip: string): Promise<void> {
  return limit(LIMITS.conversations, `${shop}:${visitorKey(shop, ip)}`, "conversations");
}

/**
 * Runs one ticket lookup (`lookup` answers null for a wrong email or an unknown number) within the
 * visitor's and the ticket's allowance. A ticket with too many failed lookups is refused for
 * everyone until its window ends, the right email included, so the refusal reveals nothing.
 */
export async function withinTicketLookupLimits<T>(
  shop: string,
  ip: string,
  ticketNumber: number,
  lookup: () => Promise<T | null>,
): Promise<T | null> {
  await limit(LIMITS.ticketLookupsPerVisitor, `${shop}:${visitorKey(shop, ip)}`, "ticketLookups");
  const ticketKey = `${shop}:${ticketNumber}`;
  const wait = await waitFor(LIMITS.ticketFailuresPerTicket, ticketKey);
  if (wait !== null) throw limited("ticketLookups", wait);
  const found = await lookup();
  if (found === null) await take(LIMITS.ticketFailuresPerTicket, ticketKey);
  return found;
}

export { resetLimits as resetRateLimits } from "../../lib/limits.server";
