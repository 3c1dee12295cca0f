import { describe, expect, test } from "vitest";
import { backoffDelay } from "~/jobs/backoff";

describe("job retry backoff", () => {
  test("attempt n waits between half and all of base·2^(n-1)", () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const full = 1_000 * 2 ** (attempt - 1);
      for (let i = 0; i < 200; i++) {
        const delay = backoffDelay(attempt, { baseMs: 1_000, maxMs: 10 * 60_000 });
        expect(delay).toBeGreaterThanOrEqual(full / 2);
        expect(delay).toBeLessThanOrEqual(full);
      }
    }
  });

  test("delays stop growing at the cap", () => {
    for (let i = 0; i < 100; i++)
      expect(backoffDelay(40, { baseMs: 1_000, maxMs: 60_000 })).toBeLessThanOrEqual(60_000);
  });

  test("jobs that failed together do not retry together", () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5)));
    expect(delays.size).toBeGreaterThan(40);
  });
});
