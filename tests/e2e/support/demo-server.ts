/**
 * Demo-mode servers for the browser tests, on a free port with their own temporary SQLite database,
 * serving the normal Remix build in build/ (`npm test` builds it once before the test steps; it is
 * built here only when missing):
 *  - startDemoServer: startAppServer in this test process, migrated and seeded with the demo store,
 *    so a test can read and change the database and register a scripted responder;
 *  - spawnDemo: `npm run demo` (scripts/demo.ts) as a child process, exactly as a merchant runs it.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Db } from "../../../app/db.server";

export const DEMO_SHOP = "tandem-demo.myshopify.com";
const SERVER_BUILD = path.resolve("build/server/index.js");

/** Builds build/ when it is missing (a stale build is used as it is: run `npx remix vite:build`). */
export function ensureServerBuild(): void {
  if (existsSync(SERVER_BUILD)) return;
  const built = spawnSync("npx", ["remix", "vite:build", "--logLevel", "warn"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (built.status !== 0 || !existsSync(SERVER_BUILD)) throw new Error("`npx remix vite:build` failed");
}

export interface DemoServer {
  base: string;
  db: Db;
  close(): Promise<void>;
}

export interface DemoServerOptions {
  /** Prefix of the temporary database's folder. */
  name: string;
  /** Builds the storefront widget from source first (scripts/build-widget.ts). */
  widget?: boolean;
  /** Runs after the demo seed, before the server starts (settings, staffing, a scripted responder). */
  prepare?: (db: Db) => Promise<void>;
}

/** startAppServer in demo mode, in this process, with the inline worker and the demo's Shopify mocks. */
export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  ensureServerBuild();
  const dir = mkdtempSync(path.join(os.tmpdir(), `tandem-${options.name}-`));
  const url = `file:${path.join(dir, `${options.name}.sqlite`)}`;
  process.env.TANDEM_DEMO = "1";
  process.env.DATABASE_URL = url;
  process.env.TANDEM_WORKER = "inline";
  process.env.OPENAI_API_KEY = "";
  delete process.env.TANDEM_SERVER_BUILD;

  const { resetEnvForTests } = await import("../../../app/env.server");
  resetEnvForTests();
  if (options.widget) {
    const { buildWidget } = await import("../../../scripts/build-widget");
    await buildWidget();
  }
  const { migrate } = await import("../../../app/db/migrate.server");
  await migrate(url);
  const { createDb, setDb } = await import("../../../app/db.server");
  const db = createDb(url);
  setDb(db);
  const { seedDemo } = await import("../../../app/demo/seed.server");
  await seedDemo(db);
  const { forgetAllVersions } = await import("../../../app/domain/versions.server");
  forgetAllVersions();
  const { resetRateLimits } = await import("../../../app/domain/conversations/rate-limits.server");
  await resetRateLimits();
  await options.prepare?.(db);
  // Shopify's Admin API answered by the demo's msw handlers. Started before the server loads the app:
  // the Shopify library keeps the fetch it finds at import time.
  const { startDemoMocks } = await import("../../../app/demo/mocks.server");
  await startDemoMocks();
  const { startAppServer } = await import("../../../server/app-server");
  const server = await startAppServer({ port: 0, host: "127.0.0.1", worker: true });

  return {
    base: server.url,
    db,
    async close() {
      await server.close();
      setDb(undefined);
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface SpawnedDemo {
  base: string;
  /** The demo's SQLite file (read it with better-sqlite3). */
  dbFile: string;
  close(): Promise<void>;
}

/**
 * `npm run demo` (tsx scripts/demo.ts) on a fresh database file in `dir`, without an AI key, waiting
 * until /healthz answers. TANDEM_DEMO_BUILD is passed through (default auto; `npm test` uses never).
 */
export async function spawnDemo(options: { name: string; dir: string; timeoutMs?: number }): Promise<SpawnedDemo> {
  mkdirSync(options.dir, { recursive: true });
  const dbFile = path.join(options.dir, `${options.name}-${randomUUID()}.sqlite`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { NODE_ENV: _ignored, ...inherited } = process.env;
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/demo.ts"], {
    env: {
      ...inherited,
      PORT: String(port),
      DATABASE_URL: `file:${dbFile}`,
      TANDEM_DEMO_BUILD: process.env.TANDEM_DEMO_BUILD ?? "auto",
      LOG_LEVEL: "warn",
      OPENAI_API_KEY: "",
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));

  const close = async () => {
    if (child.pid && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    for (const suffix of ["", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });
  };

  const timeoutMs = options.timeoutMs ?? 170_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await close();
      throw new Error(`demo exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    }
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, dbFile, close };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`demo did not become healthy in ${timeoutMs} ms:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
