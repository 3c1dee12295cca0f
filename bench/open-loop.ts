/**
 * An open-loop load generator for the fixed-rate runs of `npm run bench`: request i is due at
 * start + i / rate, whatever happened to the earlier ones, and its latency is measured from that
 * due time to the end of its response (so time spent waiting for a free connection counts:
 * no coordinated omission).
 *
 * Why not autocannon's `overallRate` (docs/decisions/076-steady-load-for-fixed-rate-runs.md): its
 * rate limiter lets each connection send its whole per-second quota back to back at the start of
 * every second, then pause until the next one — a burst of `rate` requests once a second, not a
 * steady rate — and its coordinated-omission correction assumes an interval of ceil(1 / rate) ms.
 */
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";

export interface OpenLoopRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface OpenLoopOptions {
  /** Base URL, or several: request i goes to url[i % length] (two web processes, no proxy). */
  url: string | string[];
  /** Requests per second. */
  rate: number;
  /** Measured seconds. */
  seconds: number;
  /**
   * Seconds at the same rate before the measured ones (default 1): connections opened, code warm.
   * Their latencies are kept apart (`warmup`); their errors and non-2xx answers count.
   */
  warmupSeconds?: number;
  /** Most requests in flight at once (sockets); a due request waits for one (default 256). */
  connections?: number;
  /** Request i (0-based). */
  request(i: number): OpenLoopRequest;
  /** Per-request timeout (default 10 s): counted as an error. */
  timeoutMs?: number;
}

export interface OpenLoopFigures {
  /** Completed requests per second over the measured seconds (the last response included). */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  requests: number;
  statusCodes: Record<string, number>;
  /**
   * How late this process sent requests after their due time (its own pauses: timers, garbage
   * collection). Included in the latencies above; large values point at the client, not the server.
   */
  clientLate: { p99: number; max: number };
  /** The warm-up seconds' latencies (not in the figures above). */
  warmup: { requests: number; p99: number; max: number };
  /** Wall-clock time (epoch ms) of the first measured second's start (to line up other timelines). */
  measuredFromEpochMs: number;
  /** Per measured second (by due time): requests, p99 and max latency (ms). */
  timeline: { second: number; requests: number; p99: number; max: number }[];
}

/**
 * Runs the load from a child process of its own (bench/open-loop-child.ts): its heap holds only the
 * requests, so its garbage collections stay short and do not delay sends the way a pause of the
 * bench process (which has run autocannon and holds every signed URL) would.
 */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopFigures> {
  const total = Math.round(options.rate * (options.seconds + (options.warmupSeconds ?? 1)));
  const requests = Array.from({ length: total }, (_, i) => options.request(i));
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "open-loop-child.ts")], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const result = new Promise<OpenLoopFigures>((resolve) => child.once("message", (m) => resolve(m as OpenLoopFigures)));
  const { request: _request, ...rest } = options;
  void _request;
  child.send({ ...rest, requests } satisfies OpenLoopJob);
  const figures = await Promise.race([
    result,
    exited.then((code) => Promise.reject(new Error(`load process exited (${code})`))),
  ]);
  await exited;
  return figures;
}

/** What the child process runs: the options with the requests made in advance. */
export type OpenLoopJob = Omit<OpenLoopOptions, "request"> & { requests: OpenLoopRequest[] };

/** The generator itself (in the child process). */
export async function runOpenLoop(job: OpenLoopJob): Promise<OpenLoopFigures> {
  const options = { ...job, request: (i: number) => job.requests[i]! };
  const { rate, seconds } = options;
  const targets = (Array.isArray(options.url) ? options.url : [options.url]).map((u) => new URL(u));
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections ?? 256 });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const warmupMs = (options.warmupSeconds ?? 1) * 1000;
  const total = Math.round((rate * (seconds * 1000 + warmupMs)) / 1000);
  const latencies: number[] = [];
  const warm: number[] = [];
  const bySecond: number[][] = [];
  const late: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  let finished = 0;
  const start = performance.now() + 20;
  const measuredFrom = start + warmupMs;
  let end = start;
  let measured = 0;

  await new Promise<void>((resolveAll) => {
    const done = (due: number, status: number | null) => {
      const now = performance.now();
      end = Math.max(end, now);
      if (status === null) errors++;
      else {
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        if (status < 200 || status >= 300) non2xx++;
        if (due < measuredFrom) warm.push(now - due);
        else {
          measured++;
          latencies.push(now - due);
          ((bySecond[Math.floor((due - measuredFrom) / 1000)] ??= []) as number[]).push(now - due);
        }
      }
      if (++finished === total) resolveAll();
    };
    const fire = (i: number, due: number) => {
      late.push(performance.now() - due);
      const r = options.request(i);
      const target = targets[i % targets.length]!;
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: r.method,
          path: r.path,
          agent,
          headers: {
            ...(r.headers ?? {}),
            ...(r.body !== undefined ? { "content-length": Buffer.byteLength(r.body) } : {}),
          },
          timeout: timeoutMs,
        },
        (res) => {
          res.resume();
          res.once("end", () => done(due, res.statusCode ?? 0));
          res.once("error", () => done(due, null));
        },
      );
      let failed = false;
      const fail = () => {
        if (failed) return;
        failed = true;
        req.destroy();
        done(due, null);
      };
      req.once("timeout", fail);
      req.once("error", fail);
      req.end(r.body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / rate <= now) {
        fire(sent, start + (sent * 1000) / rate);
        sent++;
      }
      if (sent < total) {
        const next = start + (sent * 1000) / rate;
        setTimeout(tick, Math.max(0, Math.min(5, next - performance.now())));
      }
    };
    setTimeout(tick, 20);
  });
  agent.destroy();

  latencies.sort((a, b) => a - b);
  late.sort((a, b) => a - b);
  warm.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies.length === 0
      ? 0
      : Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]! * 10) / 10;
  return {
    rps: Math.round((measured / Math.max(1, end - measuredFrom)) * 1000),
    measuredFromEpochMs: Math.round(performance.timeOrigin + measuredFrom),
    p50: pct(50),
    p99: pct(99),
    max: pct(100),
    errors,
    non2xx,
    requests: measured,
    statusCodes,
    clientLate: {
      p99: Math.round((late[Math.floor(0.99 * late.length)] ?? 0) * 10) / 10,
      max: Math.round((late[late.length - 1] ?? 0) * 10) / 10,
    },
    warmup: {
      requests: warm.length,
      p99: Math.round((warm[Math.floor(0.99 * warm.length)] ?? 0) * 10) / 10,
      max: Math.round((warm[warm.length - 1] ?? 0) * 10) / 10,
    },
    timeline: [...bySecond.entries()].map(([second, values]) => {
      const sorted = (values ?? []).sort((a, b) => a - b);
      const at = (p: number) =>
        Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;
      return { second, requests: sorted.length, p99: at(0.99), max: at(1) };
    }),
  };
}
