/**
 * `npm run bench`: the widget API under load on this machine, in one run.
 *
 *   1. baseline   — a bare node:http server answering the same 204 bytes as a "nothing new" poll, to
 *                   the same signed poll requests (so the client's work is the same in both)
 *   2. poll-idle  — "nothing new" polls over 10,000 open conversations: max throughput (autocannon;
 *                   three rounds alternating with the baseline's, the best of each), then a steady
 *                   2,000 polls/s for p50/p99 (bench/open-loop.ts, ADR 076)
 *   3. poll-new   — polls that return one new message (prepared-statement read)
 *   4. ingest     — shopper messages at a steady 500/s after a warm-up (each enqueues its AI reply job)
 *   5. inbox      — shopper message → visible in the operator inbox query, p50/p95
 *   6. memory     — peak RSS (VmHWM) of the app process with 10,000 open conversations
 *
 * The app runs as its own process (server/index.ts, SQLite, inline worker); the load runs here. With
 * BENCH_DATABASE_URL=postgresql://… the same run goes against PostgreSQL: a fresh database on that
 * server (created and dropped by the run), two web processes and one worker process
 * (bench/targets.ts), the load spread over both web processes; it adds 7. visibility — a change on
 * one web process seen by a poll on the other.
 * Results are printed and written to bench/results/<date>.json and bench/results/latest.json.
 * Options: BENCH_SECONDS (default 10), BENCH_CONVERSATIONS (default 10000), BENCH_ONLY (comma list
 * of sections to run: poll, ingest, inbox; default all — the baseline and memory always run),
 * BENCH_INGEST_RATE (default 500), BENCH_WORKER=inline|process|off (who runs the AI reply jobs: the
 * web process, a separate `server/worker.ts` process on the same database, or nobody),
 * BENCH_NODE_ARGS (extra node flags for the app process, e.g. "--cpu-prof"), BENCH_LOOP_PROBE (a file:
 * the app process appends one line a second with its event-loop delay, GC pauses and heap —
 * bench/loop-probe.mjs).
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { signAppProxyQuery } from "../app/lib/app-proxy.server";
import { createDb } from "../app/db.server";
import { listInbox } from "../app/repositories/inbox.server";
import { freePort } from "../tests/integration/support/app-process";
import { openLoop, type OpenLoopFigures, type OpenLoopRequest } from "./open-loop";
import { measureReplyLatency, type ReplyLatency } from "./reply-latency";
import { SHOP, convId, seed, token } from "./seed";
import { createBenchDatabase, startPostgresTarget, startSqliteTarget, type Target } from "./targets";
import { measureVisibility, type Visibility } from "./visibility";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const ONLY = new Set((process.env.BENCH_ONLY ?? "poll,ingest,inbox").split(",").map((s) => s.trim()));
const INGEST_RATE = Number(process.env.BENCH_INGEST_RATE ?? 500);
/** inline: the web process runs jobs; process: `server/worker.ts` runs them beside it; off: no jobs. */
const WORKER_MODE = (process.env.BENCH_WORKER ?? "inline") as "inline" | "process" | "off";
if (!["inline", "process", "off"].includes(WORKER_MODE)) throw new Error("BENCH_WORKER: inline | process | off");
const WORKER = WORKER_MODE !== "off";
const SECRET = "bench-secret";
const DIR = path.resolve("tmp/bench");
/** PostgreSQL: the server to create the run's database on (its own database is never touched). */
const PG_BASE = process.env.BENCH_DATABASE_URL;
if (PG_BASE && !/^postgres(ql)?:\/\//.test(PG_BASE)) throw new Error("BENCH_DATABASE_URL: a postgresql:// URL");
/** Idle polls as a share of the bare node:http baseline (ADR 076 budgets; PostgreSQL: two processes). */
const POLL_SHARE_GOAL = PG_BASE ? 0.5 : 0.7;
/** The widget's shortest poll interval (widget/src/transport.ts `pollDelay` while a reply is awaited). */
const POLL_INTERVAL_MS = 1000;

/** A widget API path signed as Shopify's App Proxy forwards it (the demo proxy's signer). */
function sign(pathname: string, query: Record<string, string>): string {
  const params = signAppProxyQuery(new URLSearchParams(query), {
    shop: SHOP,
    loggedInCustomerId: "",
    pathPrefix: "/apps/tandem",
    secret: SECRET,
  });
  return `${pathname}?${params.toString()}`;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
  statusCodes: Record<string, number>;
}

async function cannonOne(options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ duration: SECONDS, ...options });
  const statusCodes = Object.fromEntries(
    Object.entries(
      (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {},
    ).map(([k, v]) => [k, v.count]),
  );
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
    statusCodes,
  };
}

/**
 * Maximum throughput against one or more processes at once (the connections split between them):
 * rates and counts add up; p50 and p99 are those of the slower process.
 */
async function cannon(
  urls: string[],
  options: Omit<autocannon.Options, "url"> & { paths: string[] },
): Promise<Figures> {
  const { paths, ...rest } = options;
  const all = await Promise.all(
    urls.map((url) =>
      cannonOne({
        ...rest,
        url,
        connections: Math.ceil((rest.connections ?? 10) / urls.length),
        requests: rotating(paths),
      }),
    ),
  );
  const statusCodes: Record<string, number> = {};
  for (const f of all) for (const [k, v] of Object.entries(f.statusCodes)) statusCodes[k] = (statusCodes[k] ?? 0) + v;
  const sum = (k: "rps" | "errors" | "non2xx" | "requests") => all.reduce((n, f) => n + f[k], 0);
  return {
    rps: sum("rps"),
    p50: Math.max(...all.map((f) => f.p50)),
    p99: Math.max(...all.map((f) => f.p99)),
    errors: sum("errors"),
    non2xx: sum("non2xx"),
    requests: sum("requests"),
    statusCodes,
  };
}

/** Rounds of the baseline and of the app's nothing-new polls at full speed (alternating). */
const ROUNDS = 3;

/** The round with the highest throughput. */
function best(rounds: Figures[]): Figures {
  return rounds.reduce((a, b) => (b.rps > a.rps ? b : a));
}

/** A bare node:http server in its own process answering exactly what an idle poll answers. */
async function startBaseline(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const code = `require("node:http").createServer((req,res)=>{res.writeHead(204,{"Cache-Control":"no-store"});res.end();}).listen(${port},"127.0.0.1",()=>process.send&&process.send("up"));`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  await new Promise<void>((resolve) => child.once("message", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

/** CPU time (ms, user + system, every thread) the processes have used so far (Linux clock ticks of 10 ms). */
function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    // Fields after the command name: state is the 1st, utime the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10;
}

/** A full-speed round, with the CPU time the serving processes used per answered request (µs). */
async function measuredRound(
  pids: number[],
  run: () => Promise<Figures>,
): Promise<Figures & { cpuUsPerRequest: number }> {
  const before = cpuMs(pids);
  const figures = await run();
  const cpuUsPerRequest = Math.round(((cpuMs(pids) - before) * 1000) / Math.max(1, figures.requests));
  return { ...figures, cpuUsPerRequest };
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** The largest peak RSS of the web processes. */
function peakRss(target: Target): { peakRssMb: number; byProcess: Record<string, number> } {
  const byProcess = Object.fromEntries(Object.entries(target.pids).map(([name, pid]) => [name, peakRssMb(pid)]));
  return { peakRssMb: Math.max(...Object.values(byProcess)), byProcess };
}

/** Waits until no AI reply job is pending or running (at most `ms`). */
async function repliesDone(dbUrl: string, ms: number): Promise<{ pendingAtStart: number; waitedMs: number }> {
  const db = createDb(dbUrl);
  const started = performance.now();
  let pendingAtStart = -1;
  try {
    for (let waited = 0; waited < ms; waited += 100) {
      const pending = await db.job.count({
        where: { type: "conversation.reply", status: { in: ["pending", "running"] } },
      });
      if (pendingAtStart < 0) pendingAtStart = pending;
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await db.$disconnect();
  }
  return { pendingAtStart, waitedMs: Math.round(performance.now() - started) };
}

function rotating(paths: string[]): autocannon.Request[] {
  let i = 0;
  return [
    {
      method: "GET",
      setupRequest: (req) => {
        req.path = paths[i++ % paths.length]!;
        return req;
      },
    },
  ];
}

/** Shopper message → visible in the operator inbox query, p50/p95 over 40 probes. */
async function inboxVisibility(target: Target): Promise<{ samples: number; p50Ms: number; p95Ms: number }> {
  const db = createDb(target.dbUrl);
  const latencies: number[] = [];
  try {
    for (let s = 0; s < 40; s++) {
      const c = CONVERSATIONS - 1 - s;
      const started = performance.now();
      const sentAt = Date.now() - 1;
      const url = target.urls[s % target.urls.length]!;
      const res = await fetch(`${url}${sign(`/proxy/conversations/${convId(c)}/messages`, {})}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: token(c), clientMessageId: `probe-${s}`, text: `Inbox probe ${s}` }),
      });
      if (res.status !== 201) throw new Error(`probe send answered ${res.status}`);
      await res.arrayBuffer();
      for (;;) {
        // The operator's "With AI" inbox list: the probe's conversation at its new version.
        const { rows } = await listInbox(SHOP, { view: "ai", operatorId: "bench-operator" }, new Date(), db);
        // The probe's conversation with its activity time at or after the send.
        if (rows.some((r) => r.id === convId(c) && Date.parse(r.lastActivityAt) >= sentAt)) break;
        await new Promise((r) => setTimeout(r, 2));
      }
      latencies.push(performance.now() - started);
    }
  } finally {
    await db.$disconnect();
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]! * 10) / 10;
  return { samples: latencies.length, p50Ms: pct(50), p95Ms: pct(95) };
}

async function main(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const pgDatabase = PG_BASE ? await createBenchDatabase(PG_BASE) : undefined;
  const dbUrl = pgDatabase?.url ?? `file:${path.join(DIR, "bench.sqlite")}`;
  const database = pgDatabase ? "postgresql" : "sqlite";
  try {
    console.log(`seeding ${CONVERSATIONS} open conversations (${database})…`);
    await seed(dbUrl, CONVERSATIONS);
    await run(dbUrl, database);
  } finally {
    await pgDatabase?.drop();
  }
}

async function run(dbUrl: string, database: "sqlite" | "postgresql"): Promise<void> {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    database,
    processes:
      database === "postgresql" ? "two web processes, one worker process" : `one web process, worker ${WORKER_MODE}`,
    conversations: CONVERSATIONS,
    secondsPerRun: SECONDS,
    sections: [...ONLY],
    ingestRate: INGEST_RATE,
    worker: database === "postgresql" ? "process" : WORKER_MODE,
  };
  const processes = database === "postgresql" ? 2 : 1;

  // Signed "nothing new" poll paths over every conversation (signatures expire: made per run).
  const idlePaths = () =>
    Array.from({ length: CONVERSATIONS }, (_, i) =>
      sign(`/proxy/conversations/${convId(i)}/poll`, { token: token(i), after: "2" }),
    );

  // 1. baseline: the same requests (same signed URLs, same client work) answered with the same bytes,
  // by as many bare processes as the app has web processes, the connections split the same way.
  const baselines = await Promise.all(Array.from({ length: processes }, () => startBaseline()));
  const baseUrls = baselines.map((b) => b.url);
  await cannon(baseUrls, { connections: 50, duration: 2, paths: idlePaths() }); // warm-up
  let baselinesUp = true;
  const stopBaselines = async () => {
    if (baselinesUp) await Promise.all(baselines.map((b) => b.stop()));
    baselinesUp = false;
  };

  const target =
    database === "postgresql"
      ? await startPostgresTarget({ dbUrl, secret: SECRET })
      : await startSqliteTarget({ dbUrl, secret: SECRET, worker: WORKER_MODE });
  const urls = target.urls;
  const replies = database === "postgresql" || WORKER;
  try {
    // Warm every conversation's map entry (a cold entry is loaded once).
    await cannon(urls, { connections: 20, duration: 3, paths: idlePaths() });

    // 1–2. The baseline and the app's nothing-new polls at full speed, in alternating rounds, each
    // figure the best of its rounds: on a shared machine a neighbour's burst only ever lowers a
    // round's throughput, and alternating spreads a slow stretch over both instead of one.
    const baseRounds: (Figures & { cpuUsPerRequest: number })[] = [];
    const idleRounds: (Figures & { cpuUsPerRequest: number })[] = [];
    const basePids = baselines.map((b) => b.pid);
    const appPids = Object.values(target.pids);
    for (let round = 0; round < (ONLY.has("poll") ? ROUNDS : 1); round++) {
      baseRounds.push(await measuredRound(basePids, () => cannon(baseUrls, { connections: 50, paths: idlePaths() })));
      if (!ONLY.has("poll")) break;
      if (round === 0) console.log("nothing-new polls…");
      idleRounds.push(await measuredRound(appPids, () => cannon(urls, { connections: 50, paths: idlePaths() })));
    }
    await stopBaselines();
    results.baseline = best(baseRounds);
    results.baselineRounds = baseRounds.map((f) => f.rps);
    if (idleRounds.length > 0) {
      results.pollIdleMax = best(idleRounds);
      results.pollIdleMaxRounds = idleRounds.map((f) => f.rps);
      // What each answer cost the server, whatever the load generator (on the same cores) allowed.
      results.cpuUsPerRequest = {
        bare: baseRounds.map((f) => f.cpuUsPerRequest),
        poll: idleRounds.map((f) => f.cpuUsPerRequest),
      };
    }

    // 2. nothing-new polls at a steady rate
    if (ONLY.has("poll")) {
      const steadyPaths = idlePaths();
      // The steady rate after the saturating run: a moment for the server to settle first.
      await new Promise((r) => setTimeout(r, 2000));
      results.pollIdleAt2000 = await openLoop({
        url: urls,
        rate: 2000,
        seconds: SECONDS,
        request: (i) => ({ method: "GET", path: steadyPaths[i % steadyPaths.length]! }),
      });
      results.memory = { ...peakRss(target), measuredAfter: "poll runs" };

      // 3. polls that return one new message
      console.log("one-new-message polls…");
      const newPaths = Array.from({ length: CONVERSATIONS }, (_, i) =>
        sign(`/proxy/conversations/${convId(i)}/poll`, { token: token(i), after: "1" }),
      );
      results.pollOneNew = await cannon(urls, { connections: 50, paths: newPaths });
    }

    // 4. ingest at a fixed rate (500 messages/s)
    if (ONLY.has("ingest")) {
      console.log(`ingest at ${INGEST_RATE}/s…`);
      const ingestPaths = Array.from({ length: CONVERSATIONS }, (_, i) =>
        sign(`/proxy/conversations/${convId(i)}/messages`, {}),
      );
      const ingestRequest =
        (prefix: string, offset: number) =>
        (i: number): OpenLoopRequest => {
          const c = (i + offset) % CONVERSATIONS;
          return {
            method: "POST",
            path: ingestPaths[c]!,
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ token: token(c), clientMessageId: `${prefix}-${i}`, text: `Bench message ${i}` }),
          };
        };
      // Warm-up: the ingest path and the reply batches compiled and running (a server that has
      // been up for a while), then every reply written before the measured run starts.
      await openLoop({ url: urls, rate: 100, seconds: 3, request: ingestRequest("warm", CONVERSATIONS / 2) });
      if (replies) await repliesDone(dbUrl, 30_000);
      // Probes on conversations the ingest does not write to (it uses the first rate × seconds).
      const probeConv = (s: number) => CONVERSATIONS - 200 - s;
      const [ingestAt500, replyLatency] = await Promise.all([
        openLoop({ url: urls, rate: INGEST_RATE, seconds: SECONDS, request: ingestRequest("ingest", 0) }),
        replies
          ? measureReplyLatency({
              url: urls,
              seconds: Math.max(1, SECONDS - 1),
              sendPath: (s) => sign(`/proxy/conversations/${convId(probeConv(s))}/messages`, {}),
              pollPath: (s, after) =>
                sign(`/proxy/conversations/${convId(probeConv(s))}/poll`, {
                  token: token(probeConv(s)),
                  after: String(after),
                }),
              token: (s) => token(probeConv(s)),
            })
          : Promise.resolve(undefined),
      ]);
      results.ingestAt500 = ingestAt500;
      if (replyLatency) results.replyVisibleDuringIngest = replyLatency;
      results.memoryAfterIngest = peakRss(target);
      // How far the AI replies were behind when the last message was answered, and for how long.
      if (replies) results.repliesAfterIngest = await repliesDone(dbUrl, 60_000);
    }

    // 5. shopper message → visible in the operator inbox query
    if (ONLY.has("inbox") && replies) {
      console.log("inbox visibility…");
      await repliesDone(dbUrl, 60_000);
      results.inboxVisible = await inboxVisibility(target);
    }

    // 7. PostgreSQL: a change on one web process visible to a poll on the other
    if (database === "postgresql") {
      console.log("visibility across the web processes…");
      const conv = (s: number) => CONVERSATIONS - 300 - s;
      results.crossInstanceVisible = await measureVisibility({
        urls: [urls[0]!, urls[1]!],
        samples: 20,
        sendPath: (s) => sign(`/proxy/conversations/${convId(conv(s))}/messages`, {}),
        pollPath: (s, after) =>
          sign(`/proxy/conversations/${convId(conv(s))}/poll`, { token: token(conv(s)), after: String(after) }),
        token: (s) => token(conv(s)),
      });
    }
    results.memory ??= { ...peakRss(target), measuredAfter: "all runs" };
    results.memoryAtEnd = peakRss(target);
  } finally {
    await stopBaselines();
    await target.stop();
  }
  report(results);
}

function report(results: Record<string, unknown>): void {
  const base = results.baseline as Figures;
  const idle = results.pollIdleMax as Figures | undefined;
  const at2000 = results.pollIdleAt2000 as Figures | undefined;
  const ingest = results.ingestAt500 as Figures | undefined;
  const visible = results.crossInstanceVisible as Visibility | undefined;
  results.goals = {
    ...(idle && at2000
      ? {
          pollThroughputVsBaseline: Math.round((idle.rps / base.rps) * 1000) / 10,
          pollThroughputGoal: `≥ ${POLL_SHARE_GOAL * 100}%`,
          pollThroughputGoalMet: idle.rps >= base.rps * POLL_SHARE_GOAL,
          pollP99At2000Ms: at2000.p99,
          pollP99GoalMet: at2000.p99 <= 20 && at2000.rps >= 1900,
        }
      : {}),
    ...(ingest
      ? {
          ingestGoalMet:
            ingest.rps >= INGEST_RATE * 0.98 && ingest.p99 <= 100 && ingest.errors === 0 && ingest.non2xx === 0,
        }
      : {}),
    ...(results.replyVisibleDuringIngest
      ? { replyP95GoalMet: (results.replyVisibleDuringIngest as ReplyLatency).p95Ms <= 2000 }
      : {}),
    ...(visible ? { crossInstanceGoalMet: visible.missing === 0 && visible.maxMs <= POLL_INTERVAL_MS } : {}),
    memoryGoalMet: (results.memory as { peakRssMb: number }).peakRssMb <= 300,
  };

  const row = (name: string, f: Figures | undefined) =>
    f
      ? `${name.padEnd(34)} ${String(f.rps).padStart(7)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   errors ${f.errors}   non-2xx ${f.non2xx}`
      : `${name.padEnd(34)} (not run)`;
  console.log(`\nTandem widget API benchmark (${results.database}: ${results.processes})`);
  console.log(`machine: ${JSON.stringify(results.machine)}`);
  console.log(row("bare node:http (same 204 bytes)", base));
  console.log(row("poll, nothing new (max)", idle));
  if (results.pollIdleMaxRounds)
    console.log(
      `  rounds at full speed (req/s, the best of each above): bare ${(results.baselineRounds as number[]).join(" / ")}, ` +
        `poll ${(results.pollIdleMaxRounds as number[]).join(" / ")}`,
    );
  const cpu = results.cpuUsPerRequest as { bare: number[]; poll: number[] } | undefined;
  if (cpu)
    console.log(
      `  server CPU per answered request in those rounds (µs, every thread): bare ${cpu.bare.join(" / ")}, ` +
        `poll ${cpu.poll.join(" / ")}`,
    );
  console.log(row("poll, nothing new @2000/s", at2000));
  console.log(row("poll, one new message (max)", results.pollOneNew as Figures | undefined));
  console.log(row(`ingest @${INGEST_RATE} msg/s`, ingest));
  if (ingest) console.log(`ingest status codes: ${JSON.stringify(ingest.statusCodes)}`);
  for (const [name, f] of [
    ["poll @2000/s", at2000],
    [`ingest @${INGEST_RATE}/s`, ingest],
  ] as const) {
    const open = f as OpenLoopFigures | undefined;
    if (open?.timeline)
      console.log(
        `${name}: p99/max per measured second (ms) ${open.timeline.map((t) => `${t.p99}/${t.max}`).join("  ")}; ` +
          `warm-up second p99/max ${open.warmup.p99}/${open.warmup.max}; ` +
          `load process sent late by p99 ${open.clientLate.p99} ms, max ${open.clientLate.max} ms`,
      );
  }
  if (results.repliesAfterIngest) {
    const r = results.repliesAfterIngest as { pendingAtStart: number; waitedMs: number };
    console.log(
      `AI replies still to write when the ingest ended: ${r.pendingAtStart}; all written ${r.waitedMs} ms later`,
    );
  }
  console.log(
    `message → AI reply visible to a poll during the ingest: ${JSON.stringify(results.replyVisibleDuringIngest ?? "not run")}`,
  );
  console.log(`inbox visibility: ${JSON.stringify(results.inboxVisible ?? "not run")}`);
  if (visible) console.log(`change on one web process → visible to a poll on the other: ${JSON.stringify(visible)}`);
  console.log(
    `peak RSS during the poll runs: ${(results.memory as { peakRssMb: number }).peakRssMb} MB with ${CONVERSATIONS} open conversations` +
      (results.memoryAtEnd
        ? `; at the end of every run (ingest backlog included): ${(results.memoryAtEnd as { peakRssMb: number }).peakRssMb} MB`
        : ""),
  );
  console.log(`goals: ${JSON.stringify(results.goals)}`);

  mkdirSync("bench/results", { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const suffix = results.database === "postgresql" ? "-postgresql" : "";
  writeFileSync(`bench/results/${stamp}${suffix}.json`, JSON.stringify(results, null, 2) + "\n");
  writeFileSync(`bench/results/latest${suffix}.json`, JSON.stringify(results, null, 2) + "\n");
  console.log(`written bench/results/${stamp}${suffix}.json`);
}

await main();
