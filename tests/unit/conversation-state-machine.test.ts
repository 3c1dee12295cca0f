/** Every (state, event) pair of the conversation state machine: what is allowed, what is refused. */
import { describe, expect, test } from "vitest";
import {
  EVENT_TYPES,
  STATES,
  isHeldByPerson,
  transition,
  type ConversationEventInput,
  type ConversationState,
  type EventType,
  type MachineState,
} from "../../app/domain/conversations/state-machine";

const ANNA = "op-anna";
const LUCA = "op-luca";

function stateOf(state: ConversationState): MachineState {
  return {
    state,
    assigneeId: state === "assigned" || state === "waiting_shopper" ? ANNA : null,
    closeReason: state === "closed" ? "resolved" : null,
  };
}

function eventOf(type: EventType, operatorId = LUCA): ConversationEventInput {
  switch (type) {
    case "take_over":
    case "assign":
    case "transfer":
      return { type, actor: { type: "operator", id: operatorId }, operatorId };
    case "close":
      return { type, actor: { type: "operator", id: ANNA }, reason: "resolved" };
    case "shopper_message":
      return { type, actor: { type: "shopper" } };
    default:
      return { type, actor: { type: "system" } } as ConversationEventInput;
  }
}

/** Expected result for every pair: the next state, "same" (allowed, no change) or an error code. */
const TABLE: Record<
  ConversationState,
  Record<EventType, ConversationState | "same" | "invalid_transition" | "already_assigned" | "conversation_closed">
> = {
  ai: {
    escalate: "queued",
    take_over: "assigned",
    assign: "assigned",
    transfer: "invalid_transition",
    shopper_message: "same",
    shopper_inactive: "invalid_transition",
    return_to_ai: "invalid_transition",
    close: "closed",
  },
  queued: {
    escalate: "same",
    take_over: "assigned",
    assign: "assigned",
    transfer: "invalid_transition",
    shopper_message: "same",
    shopper_inactive: "invalid_transition",
    return_to_ai: "ai",
    close: "closed",
  },
  assigned: {
    escalate: "same",
    take_over: "already_assigned",
    assign: "assigned",
    transfer: "assigned",
    shopper_message: "same",
    shopper_inactive: "waiting_shopper",
    return_to_ai: "ai",
    close: "closed",
  },
  waiting_shopper: {
    escalate: "same",
    take_over: "already_assigned",
    assign: "waiting_shopper",
    transfer: "waiting_shopper",
    shopper_message: "assigned",
    shopper_inactive: "invalid_transition",
    return_to_ai: "ai",
    close: "closed",
  },
  closed: Object.fromEntries(EVENT_TYPES.map((e) => [e, "conversation_closed"])) as Record<
    EventType,
    "conversation_closed"
  >,
};

describe("conversation state machine", () => {
  const pairs = STATES.flatMap((s) => EVENT_TYPES.map((e) => [s, e] as const));

  test("the table covers every state and every event", () => {
    expect(pairs).toHaveLength(STATES.length * EVENT_TYPES.length);
    for (const [s, e] of pairs) expect(TABLE[s][e]).toBeDefined();
  });

  test.each(pairs)("%s + %s", (state, type) => {
    const expected = TABLE[state][type];
    const result = transition(stateOf(state), eventOf(type));
    if (expected === "invalid_transition" || expected === "already_assigned" || expected === "conversation_closed") {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe(expected);
    } else {
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.state.state).toBe(expected === "same" ? state : expected);
        expect(result.changed).toBe(
          expected !== "same" && (expected !== state || type === "assign" || type === "transfer"),
        );
      }
    }
  });

  test("take over by the operator who already holds the chat changes nothing", () => {
    const result = transition(stateOf("assigned"), eventOf("take_over", ANNA));
    expect(result).toEqual({ ok: true, state: stateOf("assigned"), changed: false });
  });

  test("take over of a chat held by someone else names the holder", () => {
    const result = transition(stateOf("assigned"), eventOf("take_over", LUCA));
    expect(result).toMatchObject({ ok: false, error: { code: "already_assigned", holderId: ANNA } });
  });

  test("transfer to the operator who already holds the chat is refused", () => {
    expect(transition(stateOf("assigned"), eventOf("transfer", ANNA)).ok).toBe(false);
  });

  test("assign and take over set the assignee; return to AI and escalate clear it", () => {
    const assigned = transition(stateOf("queued"), eventOf("assign", LUCA));
    expect(assigned.ok && assigned.state.assigneeId).toBe(LUCA);
    const back = transition(stateOf("assigned"), eventOf("return_to_ai"));
    expect(back.ok && back.state).toEqual({ state: "ai", assigneeId: null, closeReason: null });
  });

  test("close records its reason", () => {
    const result = transition(stateOf("ai"), { type: "close", actor: { type: "system" }, reason: "abandoned" });
    expect(result.ok && result.state).toEqual({ state: "closed", assigneeId: null, closeReason: "abandoned" });
  });

  test("only assigned and waiting_shopper are held by a person (no AI reply is written then)", () => {
    expect(STATES.filter(isHeldByPerson)).toEqual(["assigned", "waiting_shopper"]);
  });
});
