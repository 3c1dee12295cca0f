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
  message: string;
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

function refuse(code: TransitionErrorCode, message: string, holderId?: string | null): TransitionResult {
  return { ok: false, error: { code, message, ...(holderId !== undefined ? { holderId } : {}) } };
}

/** Whether a person (not the AI) holds the chat: then no AI reply may be written. */
export function isHeldByPerson(state: ConversationState): boolean {
  return HUMAN.includes(state);
}

export function transition(current: MachineState, event: ConversationEventInput): TransitionResult {
  const { state } = current;
  if (state === "closed") {
    return refuse("conversation_closed", `the conversation is closed; cannot ${event.type}`);
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
      return refuse("already_assigned", "another operator already holds this conversation", current.assigneeId);
    case "assign":
      return ok(current, {
        state: state === "waiting_shopper" ? "waiting_shopper" : "assigned",
        assigneeId: event.operatorId,
        closeReason: null,
      });
    case "transfer":
      if (!HUMAN.includes(state)) return refuse("invalid_transition", `cannot transfer a conversation in ${state}`);
      if (current.assigneeId === event.operatorId)
        return refuse("invalid_transition", "the conversation is already with that operator");
      return ok(current, { state, assigneeId: event.operatorId, closeReason: null });
    case "shopper_message":
      if (state === "waiting_shopper") return ok(current, { ...current, state: "assigned" });
      return ok(current, current);
    case "shopper_inactive":
      if (state !== "assigned")
        return refuse("invalid_transition", `shopper_inactive applies to assigned chats, not ${state}`);
      return ok(current, { ...current, state: "waiting_shopper" });
    case "return_to_ai":
      if (state === "ai") return refuse("invalid_transition", "the AI already holds this conversation");
      return ok(current, { state: "ai", assigneeId: null, closeReason: null });
    case "close":
      return ok(current, { state: "closed", assigneeId: current.assigneeId, closeReason: event.reason });
  }
}
