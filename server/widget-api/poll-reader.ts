/**
 * The one poll read: the conversation row and the messages changed after a cursor, with prepared
 * statements (better-sqlite3 on SQLite, named pg statements on PostgreSQL). On SQLite it also brings versions bumped by other
 * processes on the same file (e.g. `npm run worker`) into the in-process version map.
 */
import Database from "better-sqlite3";
import { createPgPool } from "../../app/db/pg-pool.server";
import { sqlitePath } from "../../app/db.server";
import { logger } from "../../app/logger.server";
import { watchExternalChanges, type RememberedConversation } from "../../app/domain/versions.server";
import type { MessageRow } from "../../app/domain/conversations/views";

export interface ConvRow {
  id: string;
  shop: string;
  visitorTokenHash: string;
  customerId: string | null;
  version: number;
  state: string;
  offline: number | boolean;
  createdAt: string | Date;
  queuedAt: string | Date | null;
  operatorTypingAt: string | Date | null;
  operatorName: string | null;
}

export type EntryRow = RememberedConversation & { version: number };

export interface PollReader {
  entry(id: string): Promise<EntryRow | undefined>;
  conversation(id: string): Promise<ConvRow | undefined>;
  messages(id: string, after: number, upTo: number): Promise<MessageRow[]>;
  close(): Promise<void>;
}

const CONV_SQL = (q: (n: number) => string) =>
  `SELECT c."id", c."shop", c."visitorTokenHash", c."customerId", c."version", c."state", c."offline", c."createdAt", c."queuedAt", c."operatorTypingAt", o."name" AS "operatorName"
   FROM "Conversation" c LEFT JOIN "Operator" o ON o."id" = c."assigneeId" WHERE c."id" = ${q(1)}`;
const ENTRY_SQL = (q: (n: number) => string) =>
  `SELECT "shop", "visitorTokenHash", "customerId", "version" FROM "Conversation" WHERE "id" = ${q(1)}`;
const MSGS_SQL = (q: (n: number) => string) =>
  `SELECT "id", "version", "role", "text", "status", "createdAt", "authorName", "payload" FROM "Message"
   WHERE "conversationId" = ${q(1)} AND "version" > ${q(2)} AND "version" <= ${q(3)} ORDER BY "createdAt", "id" LIMIT 1000`;

function sqliteReader(url: string): PollReader {
  const conn = new Database(sqlitePath(url), { readonly: true, fileMustExist: true });
  conn.pragma("busy_timeout = 5000");
  const q = () => "?";
  const entry = conn.prepare(ENTRY_SQL(q));
  const conv = conn.prepare(CONV_SQL(q));
  const msgs = conn.prepare(MSGS_SQL(q));
  const changed = conn.prepare(`SELECT "id", "version", "updatedAt" FROM "Conversation" WHERE "updatedAt" >= ?`);
  // Versions bumped by other processes on the same file (e.g. `npm run worker`) reach the map.
  const watch = watchExternalChanges({
    dataVersion: () => conn.pragma("data_version", { simple: true }) as number,
    changedSince: (since) =>
      changed.all(since.replace("Z", "+00:00")) as { id: string; version: number; updatedAt: string }[],
  });
  return {
    entry: async (id) => entry.get(id) as EntryRow | undefined,
    conversation: async (id) => conv.get(id) as ConvRow | undefined,
    messages: async (id, after, upTo) => msgs.all(id, after, upTo) as MessageRow[],
    close: async () => {
      watch.stop();
      conn.close();
    },
  };
}

function postgresReader(url: string): PollReader {
  const pool = createPgPool({ connectionString: url, max: 6 }, (error) =>
    logger.warn({ err: error.message }, "hot path pool error"),
  );
  const q = (n: number) => `$${n}`;
  const run = async <T>(name: string, text: string, values: unknown[]) =>
    (await pool.query({ name, text, values })).rows as T[];
  return {
    entry: async (id) => (await run<EntryRow>("tandem_poll_entry", ENTRY_SQL(q), [id]))[0],
    conversation: async (id) => (await run<ConvRow>("tandem_poll_conv", CONV_SQL(q), [id]))[0],
    messages: (id, after, upTo) => run<MessageRow>("tandem_poll_msgs", MSGS_SQL(q), [id, after, upTo]),
    close: () => pool.end(),
  };
}

export function createPollReader(kind: "sqlite" | "postgresql", url: string): PollReader {
  return kind === "postgresql" ? postgresReader(url) : sqliteReader(url);
}
