/** The widget's automatic send retries: when they go, and that a retried message never shows twice. */
import { describe, expect, test } from "vitest";
import { AUTO_RETRIES, MAX_RETRY_AFTER_S, sendRetryDelay } from "../../../widget/src/sender";
import { mergeMessages } from "../../../widget/src/state";
import { ApiError, problemOf } from "../../../widget/src/transport";
import type { Message } from "../../../widget/src/types";

describe("automatic send retries", () => {
  test("back off with jitter, wait at least Retry-After, and never longer than the cap for it", () => {
    expect(sendRetryDelay(1, undefined, () => 0)).toBe(500);
    expect(sendRetryDelay(1, undefined, () => 1)).toBe(1000);
    expect(sendRetryDelay(4, undefined, () => 1)).toBe(8000);
    expect(sendRetryDelay(20, undefined, () => 1)).toBe(30_000);
    expect(sendRetryDelay(1, 5, () => 0)).toBe(5000);
    expect(sendRetryDelay(1, 3600, () => 0)).toBe(MAX_RETRY_AFTER_S * 1000);
    expect(AUTO_RETRIES).toBeGreaterThan(2);
  });

  test("a 503, a timeout or no network is retried by itself; a refusal is not", () => {
    expect(problemOf(new ApiError(503, "unavailable", 5))).toEqual({ code: "network", retryAfter: 5 });
    expect(problemOf(new ApiError(0, "network"))).toEqual({ code: "network" });
    expect(problemOf(new TypeError("fetch failed"))).toEqual({ code: "network" });
    expect(problemOf(new ApiError(409, "conflict")).code).toBe("conflict");
    expect(problemOf(new ApiError(429, "rate_limited", 30))).toEqual({ code: "rate_limited", retryAfter: 30 });
  });

  test("the server's copy replaces a message waiting for its automatic retry, but not one that gave up", () => {
    const waiting: Message = {
      id: "local-a",
      clientMessageId: "a",
      role: "shopper",
      text: "Is the board in stock?",
      local: "failed",
      failure: { code: "network", retryAt: 1, auto: true },
    };
    const server: Message = {
      id: "m1",
      role: "shopper",
      text: "Is the board in stock?",
      createdAt: "2026-01-01T10:00:00Z",
    };
    expect(mergeMessages([waiting], [server]).map((m) => m.id)).toEqual(["m1"]);
    const gaveUp: Message = { ...waiting, failure: { code: "network" } };
    expect(mergeMessages([gaveUp], [server]).map((m) => m.id)).toEqual(["m1", "local-a"]);
  });
});
