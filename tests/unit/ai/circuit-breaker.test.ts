import { beforeEach, describe, expect, test } from "vitest";
import {
  aiCircuitStatus,
  allowRequest,
  breakerSettings,
  circuitInfo,
  recordFailure,
  recordSuccess,
  resetCircuitBreakers,
} from "../../../app/ai/circuit-breaker.server";

const S = "a.myshopify.com";
const URL = "https://api.example/v1";

beforeEach(() => {
  resetCircuitBreakers();
  breakerSettings.failureThreshold = 3;
  breakerSettings.baseCooldownMs = 1000;
  breakerSettings.maxCooldownMs = 3000;
});

describe("AI provider circuit breaker", () => {
  test("stays closed below the threshold and a success resets the count", () => {
    recordFailure(S, URL, "upstream", 0);
    recordFailure(S, URL, "upstream", 0);
    recordSuccess(S, URL);
    recordFailure(S, URL, "upstream", 0);
    expect(circuitInfo(S, URL, 0).state).toBe("closed");
    expect(allowRequest(S, URL, 0)).toBe(true);
  });

  test("opens at the threshold, lets one trial through after the cool-down, and doubles the cool-down when it fails", () => {
    for (let i = 0; i < 3; i++) recordFailure(S, URL, "timeout", 0);
    expect(circuitInfo(S, URL, 10)).toMatchObject({ state: "open", lastErrorKind: "timeout", retryInMs: 990 });
    expect(allowRequest(S, URL, 500)).toBe(false);
    expect(allowRequest(S, URL, 1000)).toBe(true); // the trial
    expect(allowRequest(S, URL, 1001)).toBe(false); // only one at a time
    recordFailure(S, URL, "timeout", 1100);
    expect(circuitInfo(S, URL, 2000).state).toBe("open");
    expect(allowRequest(S, URL, 3099)).toBe(false);
    expect(allowRequest(S, URL, 3100)).toBe(true);
    recordSuccess(S, URL);
    expect(circuitInfo(S, URL, 3200).state).toBe("closed");
  });

  test("each shop has its own circuit, and readyz counts the open ones", () => {
    for (let i = 0; i < 3; i++) recordFailure(S, URL, "auth");
    expect(allowRequest("b.myshopify.com", URL)).toBe(true);
    expect(aiCircuitStatus()).toMatchObject({ ok: true, open: 1 });
  });
});
