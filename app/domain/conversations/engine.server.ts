/**
 * Transaction-level building blocks shared by the shopper services, the operator services, the
 * reply job and the timeouts: apply a state-machine event (checked, recorded with its actor, written
 * with an optimistic guard), post a system notice, escalate with routing.
 */
import type { Conversation } from "../../generated/prisma/client";
import type { Tx } from "../../db.server";
import { addConversationEvent, type ConversationPatch } from "../../repositories/conversations.server";
import { createMessage } from "../../repositories/messages.server";
import { enqueue } from "../../jobs/queue.server";
import { availability } from "./availability.server";
import { HANDOFF_SUMMARY_JOB } from "./job-types";
import { DomainError } from "./errors";
import { notice, type NoticeKey } from "./notices";
import { pickOperator } from "./routing.server";
import {
  transition,
  type Actor,
  type CloseReason,
  type ConversationEventInput,
  type MachineState,
} from "./state-machine";

/** One transaction's view of one conversation: the row as last written and a lazily bumped version. */
export class ConversationChange {
  private version: number | null = null;
  constructor(
    readonly tx: Tx,
    private readonly bumpFn: (shop: string, id: string) => Promise<number | null>,
    public conv: Conversation,
  ) {}

  get shop(): string {
    return this.conv.shop;
  }

  /** The version stamped on everything this transaction changes (bumped once, on first use). */
  async nextVersion(): Promise<number> {
    if (this.version === null) {
      const v = await this.bumpFn(this.conv.shop, this.conv.id);
      if (v === null) throw new DomainError("not_found", "conversation not found");
      this.version = v;
      this.conv = { ...this.conv, version: v };
    }
    return this.version;
  }

  get bumped(): boolean {
    return this.version !== null;
  }

  /**
   * Applies one event through the state machine; records it as a ConversationEvent with its actor.
   * The write is guarded by the state it was computed from, so two concurrent changes cannot both
   * win (the loser gets a 409 conflict).
   */
  async apply(
    event: ConversationEventInput,
    extra: ConversationPatch = {},
    data?: Record<string, unknown>,
  ): Promise<MachineState> {
    const from: MachineState = {
      state: this.conv.state as MachineState["state"],
      assigneeId: this.conv.assigneeId,
      closeReason: (this.conv.closeReason as CloseReason | null) ?? null,
    };
    const result = transition(from, event);
    if (!result.ok) {
      throw new DomainError("conflict", result.error.message, {
        details: { reason: result.error.code, ...(result.error.holderId ? { holderId: result.error.holderId } : {}) },
      });
    }
    if (!result.changed && Object.keys(extra).length === 0) return from;
    const to = result.state;
    const now = new Date();
    const patch: ConversationPatch = {
      state: to.state,
      assigneeId: to.assigneeId,
      closeReason: to.closeReason,
      lastActivityAt: now,
      ...(to.state === "closed" && from.state !== "closed" ? { closedAt: now } : {}),
      ...extra,
    };
    const { count } = await this.tx.conversation.updateMany({
      where: { id: this.conv.id, shop: this.conv.shop, state: from.state, assigneeId: from.assigneeId },
      data: patch,
    });
    if (count !== 1) throw new DomainError("conflict", "the conversation changed at the same time; try again");
    if (result.changed) {
      await this.nextVersion();
      await addConversationEvent(
        this.conv.shop,
        this.conv.id,
        {
          type: event.type,
          fromState: from.state,
          toState: to.state,
          actorType: event.actor.type,
          actorId: event.actor.id ?? null,
          data: {
            ...(to.assigneeId !== from.assigneeId ? { assigneeId: to.assigneeId } : {}),
            ...(to.closeReason ? { reason: to.closeReason } : {}),
            ...data,
          },
        },
        this.tx,
      );
    }
    this.conv = { ...this.conv, ...(patch as Partial<Conversation>) };
    return to;
  }

  /** Updates columns that are not part of the state machine. */
  async patch(data: ConversationPatch): Promise<void> {
    await this.tx.conversation.updateMany({ where: { id: this.conv.id, shop: this.conv.shop }, data });
    this.conv = { ...this.conv, ...(data as Partial<Conversation>) };
  }

  async systemNotice(key: NoticeKey, vars: Record<string, string> = {}) {
    const version = await this.nextVersion();
    return createMessage(
      this.conv.shop,
      {
        conversationId: this.conv.id,
        version,
        role: "system",
        text: notice(this.conv.locale, key, vars),
        status: "final",
      },
      this.tx,
    );
  }

  async record(type: string, actor: Actor, data?: Record<string, unknown>): Promise<void> {
    await addConversationEvent(
      this.conv.shop,
      this.conv.id,
      {
        type,
        fromState: this.conv.state,
        toState: this.conv.state,
        actorType: actor.type,
        actorId: actor.id ?? null,
        data,
      },
      this.tx,
    );
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
