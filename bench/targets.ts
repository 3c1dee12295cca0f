/**
 * What `npm run bench` measures, started as production runs it:
 * - SQLite (default): one `server/index.ts` process on a fresh file under tmp/bench, with the inline
 *   worker (or a `server/worker.ts` process beside it, or none: BENCH_WORKER).
 * - PostgreSQL (BENCH_DATABASE_URL=postgresql://…): a fresh database of its own on that server
 *   (created for the run and dropped after it; the URL's own database is never used), two web
 *   processes (TANDEM_WORKER=off) and one `server/worker.ts` process — the deployment of the
 *   PostgreSQL fault run (tests/load/support/pg-deployment.ts). The load generator spreads the
 *   requests over both web processes (request i to web i mod 2), so no proxy sits in between.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startAppProcess } from "../tests/integration/support/app-process";
import { productionNodeFlags } from "../server/node-flags";
import { Deployment, createFaultDatabase } from "../tests/load/support/pg-deployment";

export interface Target {
  database: "sqlite" | "postgresql";
  dbUrl: string;
  /** The web processes' base URLs (one on SQLite, two on PostgreSQL). */
  urls: string[];
  /** The web processes' pids (memory), by name. */
  pids: Record<string, number>;
  stop(): Promise<void>;
}

/** Node flags of every app process after production's: BENCH_NODE_ARGS and the loop probe's preload. */
export function appNodeArgs(): string[] {
  const args = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  if (process.env.BENCH_LOOP_PROBE) args.push("--import", pathToFileURL(path.resolve("bench/loop-probe.mjs")).href);
  return args;
}

/** The loop probe's output file for one process (BENCH_LOOP_PROBE=<prefix>: <prefix>.<name>.jsonl). */
export function probeEnv(name: string): Record<string, string> {
  const prefix = process.env.BENCH_LOOP_PROBE;
  return prefix ? { BENCH_LOOP_PROBE_FILE: path.resolve(`${prefix.replace(/\.jsonl$/, "")}.${name}.jsonl`) } : {};
}

/** `base` with the maintenance database `postgres` as its path (where CREATE/DROP DATABASE run). */
export function maintenanceUrl(base: string): string {
  const u = new URL(base);
  u.pathname = "/postgres";
  return u.toString();
}

/** A fresh PostgreSQL database for one run, migrated; `drop()` removes it. */
export function createBenchDatabase(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  return createFaultDatabase(maintenanceUrl(base), "tandem_bench");
}

export async function startSqliteTarget(options: {
  dbUrl: string;
  secret: string;
  worker: "inline" | "process" | "off";
}): Promise<Target> {
  const app = await startAppProcess({
    databaseUrl: options.dbUrl,
    apiSecret: options.secret,
    nodeArgs: appNodeArgs(),
    env: { LOG_LEVEL: "silent", ...probeEnv("app"), ...(options.worker === "inline" ? {} : { TANDEM_WORKER: "off" }) },
  });
  let worker: ChildProcess | undefined;
  if (options.worker === "process") {
    worker = spawn(
      process.execPath,
      [...productionNodeFlags(), ...appNodeArgs(), "--import", "tsx", path.resolve("server/worker.ts")],
      {
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: options.dbUrl,
          SHOPIFY_API_KEY: "load-test-key",
          SHOPIFY_API_SECRET: options.secret,
          SHOPIFY_APP_URL: app.url,
          TANDEM_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
          LOG_LEVEL: "silent",
          ...probeEnv("worker"),
        },
        stdio: "ignore",
      },
    );
  }
  return {
    database: "sqlite",
    dbUrl: options.dbUrl,
    urls: [app.url],
    pids: { app: app.child.pid! },
    async stop() {
      if (worker) {
        worker.kill("SIGTERM");
        await new Promise((r) => worker!.once("exit", r));
      }
      await app.stop();
    },
  };
}

/** Two web processes and one worker on the database `dbUrl` (made by `createBenchDatabase`). */
export async function startPostgresTarget(options: { dbUrl: string; secret: string }): Promise<Target> {
  const deployment = new Deployment(options.dbUrl, {
    base: options.dbUrl,
    secret: options.secret,
    web: 2,
    workers: 1,
    nodeArgs: appNodeArgs(),
    env: { LOG_LEVEL: "silent" },
    envOf: (member) => probeEnv(member),
  });
  await deployment.start();
  return {
    database: "postgresql",
    dbUrl: options.dbUrl,
    urls: deployment.web.map((m) => deployment.url(m)),
    pids: Object.fromEntries(deployment.web.map((m) => [m.name, m.proc!.child.pid!])),
    stop: () => deployment.stop(),
  };
}
