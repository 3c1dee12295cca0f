import { describe, expect, test } from "vitest";
import { conversationMessages, MEMORY_TURNS, systemPrompt } from "../../../app/ai/prompt";
import { mapProviderError, AiError, AiCancelled } from "../../../app/ai/errors";
import {
  RateLimitError,
  APIConnectionTimeoutError,
  AuthenticationError,
  InternalServerError,
  APIUserAbortError,
} from "openai";
import { extractiveSummary } from "../../../app/ai/assist.server";
import { normaliseOrderName } from "../../../app/ai/tools/orders.server";

const facts = {
  shopName: "Alpine Peak Supply",
  brandName: null,
  shopDomain: "tandem-demo.myshopify.com",
  persona: "Expert snowboarders, short answers.",
  rules: "Never promise delivery dates.",
  locale: "it",
  signedIn: false,
  handoffEnabled: true,
  today: "2026-11-26",
};

describe("system prompt", () => {
  test("combines the merchant's persona and rules with store facts and the grounding rules", () => {
    const p = systemPrompt(facts);
    expect(p).toContain("Alpine Peak Supply");
    expect(p).toContain("Expert snowboarders, short answers.");
    expect(p).toContain("Never promise delivery dates.");
    expect(p).toContain("Reply in Italian");
    expect(p).toMatch(/ONLY from tool results/);
    expect(p).toMatch(/order number AND the email/);
  });
});

describe("conversation memory", () => {
  test("keeps the last turns verbatim and summarises the older ones", () => {
    const history = Array.from({ length: MEMORY_TURNS + 6 }, (_, i) => ({
      role: (i % 2 === 0 ? "shopper" : "ai") as "shopper" | "ai",
      text: `message ${i}`,
    }));
    const messages = conversationMessages({ history, text: "latest question" }, "SYSTEM");
    expect(messages[0]).toEqual({ role: "system", content: "SYSTEM" });
    expect(messages[1]!.role).toBe("system");
    expect(String(messages[1]!.content)).toMatch(/Summary of the earlier conversation \(6 messages\)/);
    expect(String(messages[1]!.content)).toContain("Shopper: message 0");
    const verbatim = messages.slice(2, -1);
    expect(verbatim).toHaveLength(MEMORY_TURNS);
    expect(verbatim[0]).toEqual({ role: "user", content: "message 6" });
    expect(messages.at(-1)).toEqual({ role: "user", content: "latest question" });
  });

  test("a short chat has no summary and the question is not repeated", () => {
    const messages = conversationMessages({ history: [{ role: "shopper", text: "hi" }], text: "hi" }, "S");
    expect(messages).toEqual([
      { role: "system", content: "S" },
      { role: "user", content: "hi" },
    ]);
  });
});

describe("provider errors", () => {
  const headers = new Headers();
  test.each([
    [new RateLimitError(429, undefined, "x", headers), "rate_limited"],
    [new AuthenticationError(401, undefined, "x", headers), "auth"],
    [new InternalServerError(500, undefined, "x", headers), "upstream"],
    [new APIConnectionTimeoutError(), "timeout"],
    [new Error("boom"), "upstream"],
  ])("%s maps to %s", (error, kind) => {
    const mapped = mapProviderError(error);
    expect(mapped).toBeInstanceOf(AiError);
    expect((mapped as AiError).kind).toBe(kind);
  });

  test("an abort is a cancellation unless our own deadline fired", () => {
    expect(mapProviderError(new APIUserAbortError())).toBeInstanceOf(AiCancelled);
    expect((mapProviderError(new APIUserAbortError(), true) as AiError).kind).toBe("timeout");
  });
});

describe("operator assist", () => {
  test("the extractive handoff summary names the request and the orders, without emails", () => {
    const s = extractiveSummary([
      { role: "shopper", text: "Where is my order #1003? my email is emma.schmidt@example.com" },
      { role: "ai", text: "Let me check." },
      { role: "shopper", text: "I want a refund" },
    ]);
    expect(s).toContain("Orders mentioned: #1003");
    expect(s).toContain('Latest: "I want a refund"');
    expect(s).toContain("2 shopper message(s), 1 AI answer(s)");
    expect(s).not.toContain("@");
    expect(s).toContain("[email]");
  });
});

describe("order numbers", () => {
  test.each([
    ["#1003", "#1003"],
    ["1003", "#1003"],
    ["order 1003", "#1003"],
    ["ordine #1003", "#1003"],
    ["1003 OR email:*", null],
    ["name:1003", null],
  ])("%s → %s", (raw, expected) => {
    expect(normaliseOrderName(raw)).toBe(expected);
  });
});
