/**
 * The one persistence of conversation changes (ADR 130). Every command — shopper message, AI reply,
 * operator action, timeout, shopper close/rating/contact/escalation — writes through these
 * functions, on either executor of app/db/sql.server.ts, so each rule is written once:
 * - the version is bumped once per visible change (`bumpVersion`), published after the commit in
 *   this process and, on PostgreSQL, by NOTIFY in the same transaction;
 * - a state change goes through the pure state machine and a guarded UPDATE (`applyTransition`),
 *   and is recorded as a ConversationEvent with its actor and as a DomainEvent (the change feed);
 * - `insertMessage` is the only insert of a Message row, `updateMessage` the only update; a final
 *   shopper, AI or operator message appends `message.created` (app/domain/conversations/messages-store.server.ts,
 *   re-exported here).
 */
import type { Sql } from "../../db/sql.server";
import { appendEventSql } from "../events.server";
import { VERSION_CHANNEL, publishVersion } from "../versions.server";
import { domainError } from "./errors";
import {
  transition,
  type Actor,
  type CloseReason,
  type ConversationEventInput,
  type MachineState,
} from "./state-machine";
import { newCuid } from "./ids.server";

export { newCuid } from "./ids.server";
export { insertMessage, updateMessageRow, type NewMessageRow, type StoredMessage } from "./messages-store.server";

export interface ConvState {
  id: string;
  shop: string;
  state: MachineState["state"];
  assigneeId: string | null;
  closeReason: string | null;
  version: number;
}

/** A column patch: a value, or `{increment: n}`. `updatedAt` is always set. */
export type Patch = Record<string, unknown>;

/**
 * Increments the version (only while the conversation is in one of `onlyInStates`, when given).
 * null when it is gone or not in those states. Publishes the version after the commit.
 */
export async function bumpVersion(
  q: Sql,
  shop: string,
  id: string,
  options: { onlyInStates?: string[] } = {},
): Promise<number | null> {
  const states = options.onlyInStates ?? [];
  const guard = states.length ? ` AND "state" IN (${states.map((_, i) => `$${i + 4}`).join(", ")})` : "";
  const row = await q.one<{ version: number }>(
    `UPDATE "Conversation" SET "version" = "version" + 1, "updatedAt" = $3 WHERE "id" = $1 AND "shop" = $2${guard} RETURNING "version"`,
    id,
    shop,
    new Date(),
    ...states,
  );
  if (!row) return null;
  const version = Number(row.version);
  await q.notify(VERSION_CHANNEL, `${id}:${version}`);
  q.afterCommit(() => publishVersion(id, version));
  return version;
}

/** The UPDATE of `patch` (and `updatedAt`); `guard` adds equality conditions. */
function conversationUpdate(
  shop: string,
  id: string,
  patch: Patch,
  guard: Record<string, unknown>,
): [string, ...unknown[]] {
  const args: unknown[] = [id, shop];
  const arg = (v: unknown) => `$${args.push(v)}`;
  const sets = Object.entries({ ...patch, updatedAt: patch.updatedAt ?? new Date() })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const inc =
        v && typeof v === "object" && !(v instanceof Date) ? (v as { increment?: number }).increment : undefined;
      return inc !== undefined ? `"${k}" = "${k}" + ${arg(inc)}` : `"${k}" = ${arg(v)}`;
    });
  const where = Object.entries(guard).map(([k, v]) => (v === null ? `"${k}" IS NULL` : `"${k}" = ${arg(v)}`));
  return [
    `UPDATE "Conversation" SET ${sets.join(", ")} WHERE "id" = $1 AND "shop" = $2${where.map((w) => ` AND ${w}`).join("")}`,
    ...args,
  ];
}

/** Writes `patch` (and `updatedAt`) where `guard`'s columns hold its values. Rows changed (0 or 1). */
export async function updateConversationRow(
  q: Sql,
  shop: string,
  id: string,
  patch: Patch,
  guard: Record<string, unknown> = {},
): Promise<number> {
  return q.run(...conversationUpdate(shop, id, patch, guard));
}

/** Writes `patch` (and `updatedAt`) to a row the unit already holds (its version was bumped). */
export async function writeConversationRow(q: Sql, shop: string, id: string, patch: Patch): Promise<void> {
  await q.write(...conversationUpdate(shop, id, patch, {}));
}

export async function recordConversationEvent(
  q: Sql,
  conv: Pick<ConvState, "id" | "shop">,
  e: { type: string; fromState: string; toState: string; actor: Actor; data?: Record<string, unknown> },
): Promise<void> {
  await q.write(
    `INSERT INTO "ConversationEvent" ("id", "shop", "conversationId", "type", "fromState", "toState", "actorType", "actorId", "data", "createdAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    newCuid(),
    conv.shop,
    conv.id,
    e.type,
    e.fromState,
    e.toState,
    e.actor.type,
    e.actor.id ?? null,
    e.data ? JSON.stringify(e.data) : null,
    new Date(),
  );
}

async function operatorName(q: Sql, shop: string, id: string | null): Promise<string | null> {
  if (!id) return null;
  const row = await q.one<{ name: string }>(`SELECT "name" FROM "Operator" WHERE "id" = $1 AND "shop" = $2`, id, shop);
  return row?.name ?? null;
}

/** The change feed's event for a state change (none for changes webhooks do not report). */
async function feedEvent(
  q: Sql,
  conv: ConvState,
  event: ConversationEventInput,
  from: MachineState,
  to: MachineState,
  data: Record<string, unknown>,
): Promise<void> {
  const base = { conversationId: conv.id, state: to.state, actor: event.actor.type, actorId: event.actor.id ?? null };
  const append = (type: "conversation.escalated" | "conversation.assigned" | "conversation.closed", d: object) =>
    appendEventSql(q, { shop: conv.shop, type, conversationId: conv.id, data: { ...base, ...d } });
  if (to.state === "closed") return void (await append("conversation.closed", { reason: to.closeReason }));
  if (to.state === "queued" && from.state !== "queued") {
    const ahead = await q.one<{ n: number }>(
      `SELECT COUNT(*) AS "n" FROM "Conversation" c WHERE c."shop" = $1 AND c."state" = 'queued'
         AND c."queuedAt" <= (SELECT "queuedAt" FROM "Conversation" WHERE "id" = $2 AND "shop" = $1)`,
      conv.shop,
      conv.id,
    );
    return void (await append("conversation.escalated", {
      reason: data.reason ?? null,
      queuePosition: Math.max(1, Number(ahead?.n ?? 1)),
    }));
  }
  if (to.assigneeId && to.assigneeId !== from.assigneeId) {
    await append("conversation.assigned", {
      operatorId: to.assigneeId,
      operatorName: await operatorName(q, conv.shop, to.assigneeId),
      via: event.type,
      ...(data.routing ? { routing: data.routing } : {}),
    });
  }
}

/**
 * Applies one event through the state machine: refused transitions are a 409 `DomainError`; the
 * write is guarded by the state it was computed from (two concurrent changes cannot both win);
 * a change bumps the version (through `bump`, once per transaction) and is recorded.
 */
export async function applyTransition(
  q: Sql,
  conv: ConvState,
  event: ConversationEventInput,
  bump: () => Promise<number>,
  extra: Patch = {},
  data: Record<string, unknown> = {},
): Promise<{ state: MachineState; patch: Patch; changed: boolean }> {
  const from: MachineState = {
    state: conv.state,
    assigneeId: conv.assigneeId,
    closeReason: (conv.closeReason as CloseReason | null) ?? null,
  };
  const result = transition(from, event);
  if (!result.ok) {
    throw domainError("conflict", result.error.key, result.error.vars, {
      details: { reason: result.error.code, ...(result.error.holderId ? { holderId: result.error.holderId } : {}) },
    });
  }
  if (!result.changed && Object.keys(extra).length === 0) return { state: from, patch: {}, changed: false };
  const to = result.state;
  const now = new Date();
  const patch: Patch = {
    state: to.state,
    assigneeId: to.assigneeId,
    closeReason: to.closeReason,
    lastActivityAt: now,
    ...(to.state === "closed" && from.state !== "closed" ? { closedAt: now } : {}),
    ...extra,
  };
  const count = await updateConversationRow(q, conv.shop, conv.id, patch, {
    state: from.state,
    assigneeId: from.assigneeId,
  });
  if (count !== 1) throw domainError("conflict", "errors.conversation.changedMeanwhile");
  if (result.changed) {
    await bump();
    const eventData = {
      ...(to.assigneeId !== from.assigneeId ? { assigneeId: to.assigneeId } : {}),
      ...(to.closeReason ? { reason: to.closeReason } : {}),
      ...data,
    };
    await recordConversationEvent(q, conv, {
      type: event.type,
      fromState: from.state,
      toState: to.state,
      actor: event.actor,
      data: eventData,
    });
    await feedEvent(q, conv, event, from, to, eventData);
  }
  return { state: to, patch, changed: result.changed };
}
