/**
 * The conversation state machine: one pure function `(state, event) → state | error`.
 * Every transition of a conversation goes through `transition`; the service records the result
 * as a ConversationEvent with its actor. No I/O here.
 *
 *   ai ──escalate──▶ queued ──assign/take_over──▶ assigned ◀──shopper_message── waiting_shopper
 *    ▲                 │                           │  ──shopper_inactive──────────▶ │
 *    └────────────── return_to_ai ◀────────────────┴────────────────────────────────┘
 *   every open state ──close──▶ closed (terminal)
 */
import { translator, type MessageKey } from "../../lib/i18n/catalog";
import type { Vars } from "../../lib/i18n/core";

export const STATES = ["ai", "queued", "assigned", "waiting_shopper", "closed"] as const;
export type ConversationState = (typeof STATES)[number];

export const CLOSE_REASONS = ["resolved", "abandoned", "timed_out", "closed_by_shopper"] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export type ActorType = "shopper" | "ai" | "operator" | "system";
export interface Actor {
  type: ActorType;
  id?: string | null;
}

export interface MachineState {
  state: ConversationState;
  assigneeId: string | null;
  closeReason: CloseReason | null;
}

export type ConversationEventInput =
  /** The shopper (button or intent), the AI (handoff tool) or the system (failed answers) asks for a person. */
  | { type: "escalate"; actor: Actor }
  /** An operator claims the chat for themselves; refused when another person holds it. */
  | { type: "take_over"; actor: Actor; operatorId: string }
  /** Routing or an admin gives the chat to an operator. */
  | { type: "assign"; actor: Actor; operatorId: string }
  /** The holder hands the chat to another operator. */
  | { type: "transfer"; actor: Actor; operatorId: string }
  /** The shopper wrote something. */
  | { type: "shopper_message"; actor: Actor }
  /** The shopper stayed silent while a person held the chat. */
  | { type: "shopper_inactive"; actor: Actor }
  /** A person hands the chat back to the AI. */
  | { type: "return_to_ai"; actor: Actor }
  | { type: "close"; actor: Actor; reason: CloseReason };

export type EventType = ConversationEventInput["type"];
export const EVENT_TYPES: EventType[] = [
  "escalate",
  "take_over",
  "assign",
  "transfer",
  "shopper_message",
  "shopper_inactive",
  "return_to_ai",
  "close",
];

export type TransitionErrorCode = "invalid_transition" | "already_assigned" | "conversation_closed";
export interface TransitionError {
  code: TransitionErrorCode;
  /** In English; `key` and `vars` give it in the admin's languages (app/lib/i18n/messages/domain-errors.ts). */
  message: string;
  key: MessageKey;
  vars?: Vars;
  /** For already_assigned: the operator who holds the chat. */
  holderId?: string | null;
}

export type TransitionResult =
  { ok: true; state: MachineState; changed: boolean } | { ok: false; error: TransitionError };

const HUMAN: ConversationState[] = ["assigned", "waiting_shopper"];

function ok(from: MachineState, to: MachineState): TransitionResult {
  const changed = from.state !== to.state || from.assigneeId !== to.assigneeId || from.closeReason !== to.closeReason;
  return { ok: true, state: to, changed };
}

function refuse(code: TransitionErrorCode, key: MessageKey, vars?: Vars, holderId?: string | null): TransitionResult {
  const message = translator("en")(key, vars);
  return {
    ok: false,
    error: { code, message, key, ...(vars ? { vars } : {}), ...(holderId !== undefined ? { holderId } : {}) },
  };
}

const CLOSED_FOR = {
  escalate: "errors.conversation.closedFor.escalate",
  take_over: "errors.conversation.closedFor.takeOver",
  assign: "errors.conversation.closedFor.assign",
  transfer: "errors.conversation.closedFor.transfer",
  shopper_message: "errors.conversation.closedFor.shopperMessage",
  shopper_inactive: "errors.conversation.closedFor.shopperInactive",
  return_to_ai: "errors.conversation.closedFor.returnToAi",
  close: "errors.conversation.closedFor.close",
} as const satisfies Record<EventType, MessageKey>;

const TRANSFER_FROM = {
  ai: "errors.conversation.transferFrom.ai",
  queued: "errors.conversation.transferFrom.queued",
} as const satisfies Record<Exclude<ConversationState, "assigned" | "waiting_shopper" | "closed">, MessageKey>;

/** Whether a person (not the AI) holds the chat: then no AI reply may be written. */
export function isHeldByPerson(state: ConversationState): boolean {
  return HUMAN.includes(state);
}

export function transition(current: MachineState, event: ConversationEventInput): TransitionResult {
  const { state } = current;
  if (state === "closed") {
    return refuse("conversation_closed", CLOSED_FOR[event.type]);
  }
  switch (event.type) {
    case "escalate":
      if (state === "ai") return ok(current, { state: "queued", assigneeId: null, closeReason: null });
      // Already waiting for or talking to a person: asking again changes nothing.
      return ok(current, current);
    case "take_over":
      if (state === "ai" || state === "queued")
        return ok(current, { state: "assigned", assigneeId: event.operatorId, closeReason: null });
      if (current.assigneeId === event.operatorId) return ok(current, current);
      return refuse("already_assigned", "errors.conversation.anotherHolds", undefined, current.assigneeId);
    case "assign":
      return ok(current, {
        state: state === "waiting_shopper" ? "waiting_shopper" : "assigned",
        assigneeId: event.operatorId,
        closeReason: null,
      });
    case "transfer":
      if (state !== "assigned" && state !== "waiting_shopper")
        return refuse("invalid_transition", TRANSFER_FROM[state]);
      if (current.assigneeId === event.operatorId)
        return refuse("invalid_transition", "errors.conversation.alreadyWithOperator");
      return ok(current, { state, assigneeId: event.operatorId, closeReason: null });
    case "shopper_message":
      if (state === "waiting_shopper") return ok(current, { ...current, state: "assigned" });
      return ok(current, current);
    case "shopper_inactive":
      if (state !== "assigned")
        return refuse("invalid_transition", "errors.conversation.inactiveNotAssigned", { state });
      return ok(current, { ...current, state: "waiting_shopper" });
    case "return_to_ai":
      if (state === "ai") return refuse("invalid_transition", "errors.conversation.aiHolds");
      return ok(current, { state: "ai", assigneeId: null, closeReason: null });
    case "close":
      return ok(current, { state: "closed", assigneeId: current.assigneeId, closeReason: event.reason });
  }
}
