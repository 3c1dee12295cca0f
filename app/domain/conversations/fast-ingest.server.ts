/**
 * Shopper messages accepted on Prisma's own SQLite connection with prepared statements (ADR 055):
 * the same rules and the same rows as `sendShopperMessage` (service.server.ts) for the common case,
 * at a fraction of the cost. Used by the widget API hot path (server/hot-path.ts) on SQLite.
 *
 * - One synchronous better-sqlite3 transaction per batch of messages (group commit): every message
 *   that arrives while the previous batch waits for the connection's lock is written in the next
 *   batch, each in its own savepoint (one failure rolls back only that message).
 * - Per message, exactly what `sendShopperMessage` does: the conversation by (id, shop) that this
 *   visitor may access (`visitorMayAccess`: token and signed customer) or 404; a repeated `clientMessageId` answers the existing message (a non-shopper one: 409); a
 *   closed conversation: 409; the state machine's `shopper_message` (a ConversationEvent row when
 *   the state changes, as `ConversationChange.apply` writes it); one version bump; the Message row;
 *   the counters and timestamps; while the AI holds the chat, the reply job row (as `enqueue`).
 * - After the commit: the versions are published and the in-process worker is woken.
 * - Not handled (the caller uses `sendShopperMessage`): a message that asks for a person while the
 *   AI holds the chat (escalation and routing), and any client that is not SQLite.
 *
 * Dates are written as Prisma's SQLite adapter writes them here (ISO-8601 `…+00:00` text).
 */
import { isUniqueViolation } from "../../db/errors.server";
import { randomBytes } from "node:crypto";
import type { Database, Statement } from "better-sqlite3";
import { db, hasSqliteConnection, preparedOnce, withSqliteConnection, type Db } from "../../db.server";
import { DEDUPED_JOB_INSERT, dedupedJobArgs, dedupedJobRow, signalEnqueued } from "../../jobs/queue.server";
import { publishVersion } from "../versions.server";
import { DomainError, conversationNotFound } from "./errors";
import { wantsPerson } from "./escalation-intent";
import { replyPayloadFor } from "./job-types";
import type { SendResult } from "./service.server";
import { transition, type CloseReason, type MachineState } from "./state-machine";
import { hashToken, visitorMayAccess, type Visitor } from "./tokens.server";
import { messageView, type MessageRow } from "./views";

/** Same value as service.server.ts REPLY_JOB (not imported: that module pulls in Prisma-side code). */
export const FAST_REPLY_JOB = "conversation.reply";
/** At most this many messages per group commit. */
const MAX_BATCH = 128;

export interface FastMessageInput {
  clientMessageId: string;
  text: string;
  /** The sender's visitor key, carried by the reply job (as in `sendShopperMessage`). */
  visitorKey?: string | null;
}

/** `handled: false`: use `sendShopperMessage` (the message needs escalation and routing). */
export type FastSendOutcome = { handled: true; result: SendResult } | { handled: false };

/** Whether this process can accept messages here (the app database is SQLite). */
export function fastIngestAvailable(client: Db = db()): boolean {
  return hasSqliteConnection(client);
}

/** Cheap pre-check on the text alone: a message that asks for a person always takes the full path. */
export function needsFullPath(text: string): boolean {
  return wantsPerson(text);
}

// ---------------------------------------------------------------------------------------------
// Ids and dates as Prisma writes them.

const FINGERPRINT = randomBytes(2).readUInt16BE(0).toString(36).padStart(4, "0").slice(-4);
let counter = randomBytes(2).readUInt16BE(0);

/** A collision-resistant id in the shape of Prisma's `cuid()` (c + time + counter + host + random). */
export function newCuid(now = Date.now()): string {
  counter = (counter + 1) % 1_679_616; // 36^4
  const random = (randomBytes(6).readUIntBE(0, 6) % 2_821_109_907_456).toString(36).padStart(8, "0"); // 36^8
  return `c${now.toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${FINGERPRINT}${random}`;
}

/** Prisma's SQLite adapter (timestampFormat iso8601) stores `2026-01-02T03:04:05.678+00:00`. */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

// ---------------------------------------------------------------------------------------------
// Statements, prepared once per connection.

interface Statements {
  conversation: Statement;
  byClientId: Statement;
  guardedTransition: Statement;
  event: Statement;
  bumpAndCount: Statement;
  message: Statement;
  job: Statement;
}

const build = (prep: (sql: string) => Statement): Statements => ({
  conversation: prep(
    `SELECT "id", "shop", "state", "assigneeId", "closeReason", "version", "visitorTokenHash", "customerId"
       FROM "Conversation" WHERE "id" = ? AND "shop" = ? LIMIT 1`,
  ),
  byClientId: prep(
    `SELECT "id", "version", "role", "text", "status", "createdAt", "authorName", "payload" FROM "Message"
       WHERE "shop" = ? AND "conversationId" = ? AND "clientMessageId" = ? LIMIT 1`,
  ),
  // ConversationChange.apply: the write is guarded by the state it was computed from.
  guardedTransition: prep(
    `UPDATE "Conversation" SET "state" = @state, "assigneeId" = @assigneeId, "closeReason" = @closeReason,
         "lastActivityAt" = @now, "closedAt" = CASE WHEN @closes THEN @now ELSE "closedAt" END, "updatedAt" = @now
       WHERE "id" = @id AND "shop" = @shop AND "state" = @fromState AND "assigneeId" IS @fromAssigneeId`,
  ),
  event: prep(
    `INSERT INTO "ConversationEvent" ("id", "shop", "conversationId", "type", "fromState", "toState", "actorType", "actorId", "data", "createdAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  // visibleChange's bump and the message counters of sendShopperMessage, in one statement.
  bumpAndCount: prep(
    `UPDATE "Conversation" SET "version" = "version" + 1, "lastShopperAt" = @now, "lastActivityAt" = @now,
         "messageCount" = "messageCount" + 1, "shopperMessageCount" = "shopperMessageCount" + 1, "updatedAt" = @now
       WHERE "id" = @id AND "shop" = @shop RETURNING "version"`,
  ),
  message: prep(
    `INSERT INTO "Message" ("id", "shop", "conversationId", "version", "role", "text", "status", "clientMessageId", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, 'shopper', ?, 'final', ?, ?, ?)`,
  ),
  job: prep(DEDUPED_JOB_INSERT.replace(/\$(\d+)/g, "@p$1")),
});

const statements = (conn: Database): Statements => preparedOnce(conn, build);

// ---------------------------------------------------------------------------------------------
// One message, inside its savepoint.

interface Pending {
  shop: string;
  id: string;
  tokenHash: string;
  customerId: string | null;
  input: FastMessageInput;
  resolve(outcome: FastSendOutcome): void;
  reject(error: unknown): void;
}

type Written =
  | { kind: "created"; result: SendResult; version: number; jobRunAt?: Date }
  | { kind: "duplicate"; result: SendResult }
  | { kind: "fallback" }
  | { kind: "error"; error: unknown };

interface ConvRow {
  id: string;
  shop: string;
  state: MachineState["state"];
  assigneeId: string | null;
  closeReason: string | null;
  version: number;
  visitorTokenHash: string;
  customerId: string | null;
}

function duplicateOf(existing: MessageRow): Written {
  if (existing.role !== "shopper") throw new DomainError("conflict", "clientMessageId already used");
  return { kind: "duplicate", result: { created: false, message: messageView(existing), cursor: existing.version } };
}

function acceptOne(s: Statements, p: Pending): Written {
  const { shop, id, input } = p;
  const conv = s.conversation.get(id, shop) as ConvRow | undefined;
  if (!conv || !visitorMayAccess(conv, p.tokenHash, p.customerId)) throw conversationNotFound();
  const existing = s.byClientId.get(shop, id, input.clientMessageId) as MessageRow | undefined;
  if (existing) return duplicateOf(existing);
  if (conv.state === "closed")
    throw new DomainError("conflict", "the conversation is closed", { details: { reason: "conversation_closed" } });

  const from: MachineState = {
    state: conv.state,
    assigneeId: conv.assigneeId,
    closeReason: (conv.closeReason as CloseReason | null) ?? null,
  };
  const result = transition(from, { type: "shopper_message", actor: { type: "shopper" } });
  if (!result.ok) {
    throw new DomainError("conflict", result.error.message, {
      details: { reason: result.error.code, ...(result.error.holderId ? { holderId: result.error.holderId } : {}) },
    });
  }
  const to = result.state;
  // Escalation and routing (a person asked for while the AI holds the chat): the full path.
  if (to.state === "ai" && wantsPerson(input.text)) return { kind: "fallback" };

  const nowDate = new Date();
  const now = sqliteDate(nowDate);
  if (result.changed) {
    const { changes } = s.guardedTransition.run({
      state: to.state,
      assigneeId: to.assigneeId,
      closeReason: to.closeReason,
      closes: to.state === "closed" && from.state !== "closed" ? 1 : 0,
      now,
      id,
      shop,
      fromState: from.state,
      fromAssigneeId: from.assigneeId,
    });
    if (changes !== 1) throw new DomainError("conflict", "the conversation changed at the same time; try again");
    const data = {
      ...(to.assigneeId !== from.assigneeId ? { assigneeId: to.assigneeId } : {}),
      ...(to.closeReason ? { reason: to.closeReason } : {}),
    };
    s.event.run(
      newCuid(),
      shop,
      id,
      "shopper_message",
      from.state,
      to.state,
      "shopper",
      null,
      JSON.stringify(data),
      now,
    );
  }
  const bumped = s.bumpAndCount.get({ now, id, shop }) as { version: number } | undefined;
  if (!bumped) throw conversationNotFound();
  const version = bumped.version;
  const messageId = newCuid(nowDate.getTime());
  try {
    s.message.run(messageId, shop, id, version, input.text, input.clientMessageId, now, now);
  } catch (error) {
    // Written by someone else since the read above (another process): answer their row.
    if (isUniqueViolation(error)) {
      const winner = s.byClientId.get(shop, id, input.clientMessageId) as MessageRow | undefined;
      if (winner) return { kind: "error", error: new DuplicateRace(winner) };
    }
    throw error;
  }
  let jobRunAt: Date | undefined;
  if (to.state === "ai") {
    const row = dedupedJobRow(
      FAST_REPLY_JOB,
      replyPayloadFor(id, messageId, input.visitorKey),
      { shop, dedupeKey: `reply:${messageId}`, maxAttempts: 5 },
      nowDate,
    );
    const args = dedupedJobArgs(row).map((v) => (v instanceof Date ? sqliteDate(v) : v));
    s.job.run(Object.fromEntries(args.map((v, i) => [`p${i + 1}`, v])));
    jobRunAt = row.runAt;
  }
  const message = messageView({
    id: messageId,
    version,
    role: "shopper",
    text: input.text,
    status: "final",
    createdAt: nowDate,
    authorName: null,
    payload: null,
  });
  return { kind: "created", result: { created: true, message, cursor: version }, version, jobRunAt };
}

/** Thrown inside a savepoint to roll it back when another writer's row won the race. */
class DuplicateRace extends Error {
  constructor(readonly winner: MessageRow) {
    super("duplicate clientMessageId");
  }
}

// ---------------------------------------------------------------------------------------------
// Group commit.

const queue: Pending[] = [];
let draining = false;

declare global {
  var __tandemFastIngest: { accepted: number; duplicates: number; fallbacks: number; batches: number } | undefined;
}

/** Counters of this process (tests prove which path answered; metrics). */
export function fastIngestStats() {
  globalThis.__tandemFastIngest ??= { accepted: 0, duplicates: 0, fallbacks: 0, batches: 0 };
  return globalThis.__tandemFastIngest;
}

function writeBatch(conn: Database, batch: Pending[]): Written[] {
  const s = statements(conn);
  const outcomes: Written[] = [];
  const one = conn.transaction((p: Pending) => {
    const written = acceptOne(s, p);
    if (written.kind === "error") throw written.error;
    return written;
  });
  conn
    .transaction(() => {
      for (const p of batch) {
        try {
          outcomes.push(one(p));
        } catch (error) {
          if (error instanceof DuplicateRace) {
            try {
              outcomes.push(duplicateOf(error.winner));
            } catch (conflict) {
              outcomes.push({ kind: "error", error: conflict });
            }
          } else outcomes.push({ kind: "error", error });
        }
      }
    })
    .immediate();
  return outcomes;
}

async function drain(client: Db): Promise<void> {
  if (draining) return;
  draining = true;
  try {
    while (queue.length > 0) {
      let batch: Pending[] = [];
      let outcomes: Written[];
      try {
        outcomes = await withSqliteConnection((conn) => {
          batch = queue.splice(0, MAX_BATCH);
          return writeBatch(conn, batch);
        }, client);
      } catch (error) {
        // Nothing of this batch was committed.
        for (const p of batch.length > 0 ? batch : queue.splice(0)) p.reject(error);
        continue;
      }
      let jobAt: Date | undefined;
      const stats = fastIngestStats();
      stats.batches++;
      batch.forEach((p, i) => {
        const w = outcomes[i]!;
        if (w.kind === "duplicate") stats.duplicates++;
        if (w.kind === "fallback") stats.fallbacks++;
        if (w.kind === "created") {
          stats.accepted++;
          publishVersion(p.id, w.version);
          if (w.jobRunAt && (!jobAt || w.jobRunAt < jobAt)) jobAt = w.jobRunAt;
        }
      });
      if (jobAt) signalEnqueued(FAST_REPLY_JOB, jobAt);
      batch.forEach((p, i) => {
        const w = outcomes[i]!;
        if (w.kind === "error") p.reject(w.error);
        else if (w.kind === "fallback") p.resolve({ handled: false });
        else p.resolve({ handled: true, result: w.result });
      });
    }
  } finally {
    draining = false;
  }
}

/**
 * Accepts a shopper message like `sendShopperMessage` (same rows, same result, same DomainErrors:
 * not_found, conflict). `{handled: false}`: nothing was written; call `sendShopperMessage`.
 * The caller validates the input (input.ts `sendMessageBody`) and applies the rate limit first.
 */
export function sendShopperMessageFast(
  shop: string,
  id: string,
  visitor: Visitor,
  input: FastMessageInput,
  client: Db = db(),
): Promise<FastSendOutcome> {
  if (!hasSqliteConnection(client)) return Promise.resolve({ handled: false });
  return new Promise<FastSendOutcome>((resolve, reject) => {
    queue.push({
      shop,
      id,
      tokenHash: hashToken(visitor.token),
      customerId: visitor.customerId,
      input,
      resolve,
      reject,
    });
    void drain(client);
  });
}
