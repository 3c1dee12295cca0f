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

beforeEach(async () => {
  await resetCircuitBreakers();
  breakerSettings.failureThreshold = 3;
  breakerSettings.baseCooldownMs = 1000;
  breakerSettings.maxCooldownMs = 3000;
});

describe("AI provider circuit breaker", () => {
  test("stays closed below the threshold and a success resets the count", async () => {
    await recordFailure(S, URL, "upstream", 0);
    await recordFailure(S, URL, "upstream", 0);
    await recordSuccess(S, URL);
    await recordFailure(S, URL, "upstream", 0);
    expect((await circuitInfo(S, URL, 0)).state).toBe("closed");
    expect(await allowRequest(S, URL, 0)).toBe(true);
  });

  test("opens at the threshold, lets one trial through after the cool-down, and doubles the cool-down when it fails", async () => {
    for (let i = 0; i < 3; i++) await recordFailure(S, URL, "timeout", 0);
    expect(await circuitInfo(S, URL, 10)).toMatchObject({ state: "open", lastErrorKind: "timeout", retryInMs: 990 });
    expect(await allowRequest(S, URL, 500)).toBe(false);
    expect(await allowRequest(S, URL, 1000)).toBe(true); // the trial
    expect(await allowRequest(S, URL, 1001)).toBe(false); // only one at a time
    await recordFailure(S, URL, "timeout", 1100);
    expect((await circuitInfo(S, URL, 2000)).state).toBe("open");
    expect(await allowRequest(S, URL, 3099)).toBe(false);
    expect(await allowRequest(S, URL, 3100)).toBe(true);
    await recordSuccess(S, URL);
    expect((await circuitInfo(S, URL, 3200)).state).toBe("closed");
  });

  test("each shop has its own circuit, and readyz counts the open ones", async () => {
    for (let i = 0; i < 3; i++) await recordFailure(S, URL, "auth");
    expect(await allowRequest("b.myshopify.com", URL)).toBe(true);
    expect(await aiCircuitStatus()).toMatchObject({ ok: true, open: 1 });
  });

  test("a trial that never reports back frees its slot after the lease", async () => {
    breakerSettings.trialLeaseMs = 5000;
    for (let i = 0; i < 3; i++) await recordFailure(S, URL, "timeout", 0);
    expect(await allowRequest(S, URL, 1000)).toBe(true); // the trial, whose instance then dies
    expect(await allowRequest(S, URL, 5999)).toBe(false);
    expect(await allowRequest(S, URL, 6000)).toBe(true);
    breakerSettings.trialLeaseMs = 90_000;
  });
});
