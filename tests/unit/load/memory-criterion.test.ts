import { describe, expect, it } from "vitest";
import { judgeMemory, median, memoryWindows, slopePerHour } from "../../load/support/memory-criterion";

/** A flat series around `level` MB with a deterministic wobble of ±`wobble` MB. */
const flat = (minutes: number, level: number, wobble = 4) =>
  Array.from({ length: minutes }, (_, i) => level + (((i * 7) % 5) - 2) * (wobble / 2));

describe("soak memory criterion", () => {
  it("uses a 10-minute warm-up and 5-minute windows for an hour, smaller ones for short runs", () => {
    expect(memoryWindows(60)).toEqual({ warmupMinutes: 10, windowMinutes: 5 });
    expect(memoryWindows(45)).toEqual({ warmupMinutes: 7, windowMinutes: 5 });
    expect(memoryWindows(6)).toEqual({ warmupMinutes: 1, windowMinutes: 1 });
  });

  it("passes a flat series with load spikes far above 10% (the peak is reported, not judged)", () => {
    // The shape of a 45-minute run without a leak: RSS 205–278 MB, spikes in the middle, no trend.
    const series = flat(45, 210);
    series[18] = 278;
    series[19] = 265;
    series[31] = 262;
    const verdict = judgeMemory(series, 45);
    expect(verdict.failed).toBe(false);
    expect(Math.abs(verdict.growthPercent)).toBeLessThan(3);
    expect(verdict.peakMb).toBe(278);
    expect(verdict.peakOverBaselinePercent).toBeGreaterThan(25);
    // The old rule (peak after warm-up against minute 5) would have failed this run.
    expect(((278 - series[5]!) / series[5]!) * 100).toBeGreaterThan(10);
  });

  it("ignores a spike inside the compared windows (medians, not single minutes)", () => {
    const series = flat(60, 200);
    series[12] = 190; // a dip in the baseline window
    series[58] = 300; // a spike in the last window
    expect(judgeMemory(series, 60).failed).toBe(false);
  });

  it("fails a steady leak of 15% and reports its slope in MB per hour", () => {
    // 200 MB after warm-up, +0.7 MB a minute: +35 MB between the windows' middles.
    const series = Array.from({ length: 60 }, (_, i) => 200 + Math.max(0, i - 10) * 0.7);
    const verdict = judgeMemory(series, 60);
    expect(verdict.failed).toBe(true);
    expect(verdict.growthPercent).toBeGreaterThan(10);
    expect(verdict.slopeMbPerHour).toBeCloseTo(42, 0);
  });

  it("passes a slow drift under 10% and fails it over a lower limit", () => {
    const series = Array.from({ length: 60 }, (_, i) => 200 + i * 0.2);
    const verdict = judgeMemory(series, 60);
    expect(verdict.failed).toBe(false);
    expect(verdict.growthPercent).toBeGreaterThan(3);
    expect(judgeMemory(series, 60, 3).failed).toBe(true);
  });

  it("leaves out the warm-up and missing minutes", () => {
    const series: (number | undefined)[] = flat(60, 220);
    for (let i = 0; i < 10; i++) series[i] = 100 + i * 10; // growing while warming up
    series[40] = undefined;
    const verdict = judgeMemory(series, 60);
    expect(verdict.baselineMb).toBeGreaterThan(215);
    expect(verdict.failed).toBe(false);
  });

  it("computes medians and slopes", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
    expect(slopePerHour([0, 1, 2, 3].map((m) => ({ minute: m, value: 10 + m })))).toBeCloseTo(60);
    expect(slopePerHour([{ minute: 1, value: 5 }])).toBe(0);
  });
});
