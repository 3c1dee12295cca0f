/**
 * Widget API limits (rate-limiter-flexible): 20 messages per minute per visitor (conversation),
 * 5 new conversations per 10 minutes per IP, 10 ticket lookups per 10 minutes per IP (a lookup
 * shows a ticket's replies to whoever knows its number and email: guessing is slowed down). In memory on SQLite (one instance); in a PostgreSQL
 * table shared by every instance on PostgreSQL. Kept on globalThis: one set per process.
 */
import pg from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { env } from "../../env.server";
import { DomainError } from "./errors";

export const MESSAGES_PER_MINUTE = 20;
export const CONVERSATIONS_PER_10_MIN = 5;
export const TICKET_LOOKUPS_PER_10_MIN = 10;

interface Limiters {
  messages: RateLimiterAbstract;
  conversations: RateLimiterAbstract;
  ticketLookups: RateLimiterAbstract;
  pool?: pg.Pool;
}

declare global {
  var __tandemRateLimiters: Limiters | undefined;
}

function limiters(): Limiters {
  if (globalThis.__tandemRateLimiters) return globalThis.__tandemRateLimiters;
  const config = env();
  const messages = { keyPrefix: "tandem_msg", points: MESSAGES_PER_MINUTE, duration: 60 };
  const conversations = { keyPrefix: "tandem_conv", points: CONVERSATIONS_PER_10_MIN, duration: 600 };
  const ticketLookups = { keyPrefix: "tandem_ticket", points: TICKET_LOOKUPS_PER_10_MIN, duration: 600 };
  let created: Limiters;
  if (config.databaseKind === "postgresql") {
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4 });
    pool.on("error", () => undefined);
    created = {
      pool,
      messages: new RateLimiterPostgres(
        { ...messages, storeClient: pool, tableName: "tandem_rate_limits", clearExpiredByTimeout: true },
        () => undefined,
      ),
      conversations: new RateLimiterPostgres(
        { ...conversations, storeClient: pool, tableName: "tandem_rate_limits", clearExpiredByTimeout: false },
        () => undefined,
      ),
      ticketLookups: new RateLimiterPostgres(
        { ...ticketLookups, storeClient: pool, tableName: "tandem_rate_limits", clearExpiredByTimeout: false },
        () => undefined,
      ),
    };
  } else {
    created = {
      messages: new RateLimiterMemory(messages),
      conversations: new RateLimiterMemory(conversations),
      ticketLookups: new RateLimiterMemory(ticketLookups),
    };
  }
  globalThis.__tandemRateLimiters = created;
  return created;
}

async function consume(limiter: RateLimiterAbstract, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key, 1);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new DomainError("rate_limited", `too many ${what}; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
    }
    // The limiter's store failed: let the request through rather than lock every shopper out.
    return;
  }
}

export function limitMessage(shop: string, conversationId: string): Promise<void> {
  return consume(limiters().messages, `${shop}:${conversationId}`, "messages");
}

export function limitNewConversation(shop: string, ip: string): Promise<void> {
  return consume(limiters().conversations, `${shop}:${ip}`, "new conversations");
}

export function limitTicketLookup(shop: string, ip: string): Promise<void> {
  return consume(limiters().ticketLookups, `${shop}:${ip}`, "ticket lookups");
}

/** Forgets every counter (tests). */
export async function resetRateLimits(): Promise<void> {
  const l = globalThis.__tandemRateLimiters;
  globalThis.__tandemRateLimiters = undefined;
  await l?.pool?.end().catch(() => undefined);
}
