/**
 * Transaction-level building blocks shared by the shopper services, the operator services, the
 * reply job and the timeouts: apply a state-machine event (checked, recorded with its actor, written
 * with an optimistic guard), post a system notice, escalate with routing.
 */
import type { Conversation } from "../../generated/prisma/client";
import type { Tx } from "../../db.server";
import type { ConversationPatch } from "../../repositories/conversations.server";
import { sqlOf, type Sql } from "../../db/sql.server";
import { enqueue } from "../../jobs/queue.server";
import { availability } from "./availability.server";
import { HANDOFF_SUMMARY_JOB } from "./job-types";
import { domainError } from "./errors";
import { notice, noticePayload, type NoticeKey } from "./notices";
import { pickOperator } from "./routing.server";
import type { Actor, ConversationEventInput, MachineState } from "./state-machine";
import {
  applyTransition,
  insertMessage,
  recordConversationEvent,
  type ConvState,
  type NewMessageRow,
  type Patch,
  writeConversationRow,
} from "./store.server";

/**
 * One transaction's view of one conversation: the row as last written and a lazily bumped version.
 * Every write goes through the write path's store (store.server.ts) on the transaction's executor.
 */
export class ConversationChange {
  private version: number | null = null;
  readonly q: Sql;
  constructor(
    readonly tx: Tx,
    private readonly bumpFn: (shop: string, id: string) => Promise<number | null>,
    public conv: Conversation,
  ) {
    this.q = sqlOf(tx);
  }

  get shop(): string {
    return this.conv.shop;
  }

  /** The version stamped on everything this transaction changes (bumped once, on first use). */
  async nextVersion(): Promise<number> {
    if (this.version === null) {
      const v = await this.bumpFn(this.conv.shop, this.conv.id);
      if (v === null) throw domainError("not_found", "errors.conversation.notFound");
      this.version = v;
      this.conv = { ...this.conv, version: v };
    }
    return this.version;
  }

  get bumped(): boolean {
    return this.version !== null;
  }

  /**
   * Applies one event through the state machine (store.server.ts `applyTransition`: checked,
   * guarded, recorded with its actor and in the change feed).
   */
  async apply(
    event: ConversationEventInput,
    extra: ConversationPatch = {},
    data?: Record<string, unknown>,
  ): Promise<MachineState> {
    const { state, patch } = await applyTransition(
      this.q,
      this.conv as ConvState,
      event,
      () => this.nextVersion(),
      extra as Patch,
      data,
    );
    this.conv = { ...this.conv, ...(patch as Partial<Conversation>) };
    return state;
  }

  /** Updates columns that are not part of the state machine. */
  async patch(data: ConversationPatch): Promise<void> {
    await writeConversationRow(this.q, this.conv.shop, this.conv.id, data as Patch);
    this.conv = { ...this.conv, ...(data as Partial<Conversation>) };
  }

  /** A message from a person or the system, stamped with this change's version. */
  async addMessage(m: Omit<NewMessageRow, "shop" | "conversationId" | "version" | "state">) {
    const version = await this.nextVersion();
    return insertMessage(this.q, {
      ...m,
      shop: this.conv.shop,
      conversationId: this.conv.id,
      version,
      state: this.conv.state,
    });
  }

  async systemNotice(key: NoticeKey, vars: Record<string, string> = {}) {
    // the text in the chat's language for the shopper; the payload lets staff read it in theirs
    return this.addMessage({
      role: "system",
      text: notice(this.conv.locale, key, vars),
      payload: noticePayload(key, vars),
      status: "final",
    });
  }

  async record(type: string, actor: Actor, data?: Record<string, unknown>): Promise<void> {
    await recordConversationEvent(this.q, this.conv, {
      type,
      fromState: this.conv.state,
      toState: this.conv.state,
      actor,
      data,
    });
  }
}

export interface EscalationOutcome {
  state: string;
  offline: boolean;
  operatorName?: string;
}

/**
 * Escalation: inside business hours with an operator online the chat is queued (and, in auto mode,
 * assigned to the least-loaded operator); otherwise the shopper is asked for contact details
 * (`offline`), and the chat stays with the AI until they leave them.
 */
export async function escalateInTx(
  change: ConversationChange,
  actor: Actor,
  reason: string,
  options: { summary?: string; now?: Date } = {},
): Promise<EscalationOutcome> {
  const conv = change.conv;
  if (conv.state !== "ai") return { state: conv.state, offline: conv.offline };
  const now = options.now ?? new Date();
  const a = await availability(conv.shop, now, change.tx);
  if (!options.summary && (a.online || !conv.offline)) {
    // Handed to a person (or to a ticket) without the AI's own summary: have one written for them.
    await enqueue(
      change.tx,
      HANDOFF_SUMMARY_JOB,
      { conversationId: conv.id },
      { shop: conv.shop, dedupeKey: `handoff-summary:${conv.id}:${conv.version}`, maxAttempts: 3 },
    );
  }
  if (!a.online) {
    if (!conv.offline) {
      await change.patch({ offline: true, ...(options.summary ? { handoffSummary: options.summary } : {}) });
      await change.record("offline", actor, { reason, withinHours: a.withinHours });
      await change.systemNotice("offline");
    }
    return { state: "ai", offline: true };
  }
  await change.apply(
    { type: "escalate", actor },
    { queuedAt: now, offline: false, ...(options.summary ? { handoffSummary: options.summary } : {}) },
    { reason },
  );
  await change.systemNotice("queued");
  if (a.routingMode === "auto") {
    const operator = await pickOperator(conv.shop, change.tx, now);
    if (operator) {
      await change.apply(
        { type: "assign", actor: { type: "system" }, operatorId: operator.id },
        { assignedAt: now },
        { routing: "auto" },
      );
      await change.systemNotice("joined", { name: operator.name });
      return { state: "assigned", offline: false, operatorName: operator.name };
    }
  }
  return { state: "queued", offline: false };
}
