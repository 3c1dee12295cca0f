/**
 * A preload for the app process of `npm run bench` (BENCH_LOOP_PROBE=<file>): once a second it
 * appends one JSON line to the file with the event loop's delay (p99, max), its utilisation, the
 * garbage collections of that second (count, total and longest pause, by kind) and the heap. The
 * lines line up with the load generator's per-second timeline, so a slow second can be attributed
 * to a GC pause, a long synchronous block or neither.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { PerformanceObserver, monitorEventLoopDelay, performance } from "node:perf_hooks";

const file = process.env.BENCH_LOOP_PROBE_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let gc = { count: 0, ms: 0, maxMs: 0, kinds: {} };
  const KINDS = { 1: "minor", 2: "major", 4: "incremental", 8: "weak" };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.ms += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
      const kind = KINDS[e.detail?.kind] ?? String(e.detail?.kind);
      gc.kinds[kind] = Math.round(((gc.kinds[kind] ?? 0) + e.duration) * 10) / 10;
    }
  }).observe({ entryTypes: ["gc"] });
  let last = performance.eventLoopUtilization();
  let lastCpu = process.cpuUsage();
  const started = Date.now();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage(lastCpu);
    lastCpu = process.cpuUsage();
    const line = {
      t: Date.now(),
      s: Math.round((Date.now() - started) / 1000),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      elu: Math.round(performance.eventLoopUtilization(now, last).utilization * 100) / 100,
      delayP99: Math.round(delay.percentile(99) / 1e5) / 10,
      delayMax: Math.round(delay.max / 1e5) / 10,
      gcCount: gc.count,
      gcMs: Math.round(gc.ms * 10) / 10,
      gcMaxMs: Math.round(gc.maxMs * 10) / 10,
      gcKinds: gc.kinds,
      heapMb: Math.round(mem.heapUsed / 2 ** 20),
      rssMb: Math.round(mem.rss / 2 ** 20),
      heapTotalMb: Math.round(mem.heapTotal / 2 ** 20),
      externalMb: Math.round(mem.external / 2 ** 20),
      // Resident memory by kind: anonymous (heaps, malloc) and file-backed (code, mapped files).
      ...residentByKind(),
    };
    appendFileSync(file, JSON.stringify(line) + "\n");
    last = now;
    delay.reset();
    gc = { count: 0, ms: 0, maxMs: 0, kinds: {} };
  }, 1000);
  timer.unref();
}

function residentByKind() {
  const status = readFileSync("/proc/self/status", "utf8");
  const mb = (name) => Math.round(Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
  return { rssAnonMb: mb("RssAnon"), rssFileMb: mb("RssFile") };
}
