import { describe, expect, test } from "vitest";
import { conversationView, OPERATOR_TYPING_TTL_MS } from "~/domain/conversations/views";

const base = {
  id: "c1",
  offline: false,
  createdAt: new Date("2026-11-26T10:00:00Z"),
  operatorName: "Anna Ferri",
  online: true,
  queue: null,
};
const now = Date.parse("2026-11-26T10:05:00Z");

describe("the widget sees the operator typing", () => {
  test("while the holder typed within the last few seconds", () => {
    const view = conversationView({ ...base, state: "assigned", operatorTypingAt: new Date(now - 1_000), now });
    expect(view).toMatchObject({ state: "assigned", operator: { name: "Anna Ferri" }, typing: true });
  });

  test("not once the signal is older than the TTL", () => {
    const view = conversationView({
      ...base,
      state: "assigned",
      operatorTypingAt: new Date(now - OPERATOR_TYPING_TTL_MS - 1),
      now,
    });
    expect(view.typing).toBeUndefined();
  });

  test("not when nobody holds the chat", () => {
    for (const state of ["ai", "queued", "closed"]) {
      expect(conversationView({ ...base, state, operatorTypingAt: new Date(now), now }).typing).toBeUndefined();
    }
  });
});
