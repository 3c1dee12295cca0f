/**
 * Lighthouse's simulated throttling on a shared machine, with the page's own CPU time.
 *
 * Lighthouse (mobile preset, `throttlingMethod: "simulate"`) loads the page without throttling and then
 * simulates the graph of its requests and main-thread tasks on a mid-range phone: each task costs its
 * observed duration × 4. It takes that duration from the trace's wall clock (`dur`), so on a machine
 * whose two cores are shared with other processes a task that was descheduled for 100 ms costs 400 ms
 * more on the simulated phone: on the fixture's home page at load average 10–13 the TBT of the same
 * page moved between 0 and 930 ms and its LCP between 2,040 and 2,680 ms, with or without the embed.
 *
 * Chrome's trace records beside `dur` the thread's CPU time (`tdur`): the work the task did, without
 * the time the thread waited for a core. `costTasksByCpuTime(true)` makes the simulator cost each main-thread
 * task by `tdur` (× the same multiplier); the graph itself — which requests and tasks there are, their
 * order and dependencies, which of them ended before the observed LCP — is Lighthouse's, unchanged.
 * On an idle machine `tdur ≈ dur` and the figures are Lighthouse's own. `wallClockMetrics` recomputes
 * LCP and TBT of the same run the stock way, so both are reported.
 *
 * `tandemInLcpGraph` lists the Tandem requests and script evaluations in the graphs from which
 * Lighthouse estimated LCP: the direct answer to "does the embed sit on the LCP path", independent of the
 * run-to-run noise of the estimate itself.
 */
import * as Lantern from "lighthouse/core/lib/lantern/lantern.js";
import { LanternLargestContentfulPaint } from "lighthouse/core/computed/metrics/lantern-largest-contentful-paint.js";
import { LanternTotalBlockingTime } from "lighthouse/core/computed/metrics/lantern-total-blocking-time.js";

interface CpuNodeLike {
  event: { tdur?: number };
  correctedEndTs?: number;
  didPerformLayout(): boolean;
}
interface SimulatorLike {
  nodeTimings: {
    getCpuStarted(node: CpuNodeLike): { timeElapsed: number };
    setCpuEstimated(node: CpuNodeLike, v: { estimatedTimeElapsed: number }): void;
  };
  layoutTaskMultiplier: number;
  cpuSlowdownMultiplier: number;
}
interface GraphNodeLike {
  type: string;
  request?: { url: string };
  getEvaluateScriptURLs?(): Set<string>;
  traverse(fn: (node: GraphNodeLike) => void): void;
}

/** Lighthouse's own cap on a simulated task (Simulator.js DEFAULT_MAXIMUM_CPU_TASK_DURATION). */
const MAX_TASK_MS = 10_000;
const proto = (Lantern as unknown as { Simulation: { Simulator: { prototype: Record<string, unknown> } } }).Simulation
  .Simulator.prototype;
const stock = proto.estimateCPUTimeRemaining as (this: SimulatorLike, node: CpuNodeLike) => number;
let cpuTime = false;

proto.estimateCPUTimeRemaining = function (this: SimulatorLike, node: CpuNodeLike): number {
  const tdur = node.event.tdur;
  if (!cpuTime || node.correctedEndTs || tdur === undefined) return stock.call(this, node);
  const timing = this.nodeTimings.getCpuStarted(node);
  const multiplier = node.didPerformLayout() ? this.layoutTaskMultiplier : this.cpuSlowdownMultiplier;
  const total = Math.min(Math.round((tdur / 1000) * multiplier), MAX_TASK_MS);
  const estimatedTimeElapsed = total - timing.timeElapsed;
  this.nodeTimings.setCpuEstimated(node, { estimatedTimeElapsed });
  return estimatedTimeElapsed;
};

/** Whether Lighthouse's simulator costs main-thread tasks by their CPU time (true) or wall clock (false). */
export function costTasksByCpuTime(on: boolean): void {
  cpuTime = on;
}

interface RunnerResultLike {
  lhr: { configSettings: unknown };
  artifacts: unknown;
}

type ComputationData = Parameters<typeof LanternLargestContentfulPaint.request>[0];

function computationData(result: RunnerResultLike): ComputationData {
  const a = result.artifacts as Record<string, unknown>;
  return {
    trace: a.Trace,
    devtoolsLog: a.DevtoolsLog,
    gatherContext: a.GatherContext,
    settings: result.lhr.configSettings,
    URL: a.URL,
    SourceMaps: a.SourceMaps,
    HostDPR: a.HostDPR,
    simulator: null,
  } as unknown as ComputationData;
}

/** LCP and TBT of the same run as stock Lighthouse computes them (wall-clock task durations). */
export async function wallClockMetrics(result: RunnerResultLike): Promise<{ lcp: number; tbt: number }> {
  const before = cpuTime;
  cpuTime = false;
  try {
    const data = computationData(result);
    const context = { computedCache: new Map() };
    const lcp = (await LanternLargestContentfulPaint.request(data, context)) as { timing: number };
    const tbt = (await LanternTotalBlockingTime.request(data, context)) as { timing: number };
    return { lcp: lcp.timing, tbt: tbt.timing };
  } finally {
    cpuTime = before;
  }
}

/** Tandem's requests and script evaluations in the optimistic and pessimistic LCP graphs of a run. */
export async function tandemInLcpGraph(result: RunnerResultLike): Promise<string[]> {
  const lcp = (await LanternLargestContentfulPaint.request(computationData(result), {
    computedCache: new Map(),
  })) as { optimisticGraph: GraphNodeLike; pessimisticGraph: GraphNodeLike };
  const found = new Set<string>();
  for (const graph of [lcp.optimisticGraph, lcp.pessimisticGraph])
    graph.traverse((node) => {
      const urls =
        node.type === "network"
          ? [node.request?.url ?? ""]
          : [...(node.getEvaluateScriptURLs?.() ?? new Set<string>())];
      for (const url of urls) if (url.includes("/tandem-")) found.add(`${node.type} ${new URL(url).pathname}`);
    });
  return [...found];
}
