/**
 * The soak's memory criterion: growth, not spikes. After a warm-up, the median RSS of the last
 * window of minutes is compared with the median of the first window after the warm-up; a leak moves
 * the median, a load spike of a minute or two does not. The least-squares slope (MB per hour) over
 * every minute after the warm-up and the peak are reported beside it.
 */

/** Minutes of warm-up and of each compared window for a run of `minutes` (10 and 5 for an hour). */
export function memoryWindows(minutes: number): { warmupMinutes: number; windowMinutes: number } {
  const warmupMinutes = Math.min(10, Math.max(1, Math.floor(minutes / 6)));
  const windowMinutes = Math.min(5, Math.max(1, Math.floor((minutes - warmupMinutes) / 3)));
  return { warmupMinutes, windowMinutes };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Least-squares slope of `ys` against their minute, in units per hour. */
export function slopePerHour(points: { minute: number; value: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.minute, 0) / n;
  const my = points.reduce((a, p) => a + p.value, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.minute - mx) * (p.value - my);
    den += (p.minute - mx) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60;
}

export interface MemoryVerdict {
  /** Median RSS of the first window after the warm-up, and of the last window (MB). */
  baselineMb: number;
  finalMb: number;
  /** (final − baseline) / baseline, in percent, one decimal. */
  growthPercent: number;
  /** Least-squares slope over every minute after the warm-up, MB per hour, one decimal. */
  slopeMbPerHour: number;
  /** The highest minute after the warm-up (MB), and how far above the baseline it went (%). */
  peakMb: number;
  peakOverBaselinePercent: number;
  /** Growth beyond `limitPercent`. */
  failed: boolean;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Judges one process's RSS series (`byMinute[i]` is minute i; missing minutes are skipped) of a run
 * of `minutes`: fails when the last window's median is more than `limitPercent` above the first's.
 */
export function judgeMemory(byMinute: (number | undefined)[], minutes: number, limitPercent = 10): MemoryVerdict {
  const { warmupMinutes, windowMinutes } = memoryWindows(minutes);
  const points = byMinute
    .map((value, minute) => ({ minute, value }))
    .filter((p): p is { minute: number; value: number } => typeof p.value === "number" && p.value > 0)
    .filter((p) => p.minute >= warmupMinutes && p.minute < minutes);
  const first = points.filter((p) => p.minute < warmupMinutes + windowMinutes).map((p) => p.value);
  const last = points.filter((p) => p.minute >= minutes - windowMinutes).map((p) => p.value);
  const baselineMb = median(first);
  const finalMb = median(last);
  const peakMb = Math.max(0, ...points.map((p) => p.value));
  const growthPercent = baselineMb > 0 ? round1(((finalMb - baselineMb) / baselineMb) * 100) : 0;
  return {
    baselineMb: round1(baselineMb),
    finalMb: round1(finalMb),
    growthPercent,
    slopeMbPerHour: round1(slopePerHour(points)),
    peakMb: round1(peakMb),
    peakOverBaselinePercent: baselineMb > 0 ? round1(((peakMb - baselineMb) / baselineMb) * 100) : 0,
    failed: growthPercent > limitPercent,
  };
}
