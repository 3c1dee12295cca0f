/**
 * Starts `server/index.ts` (the production entry: hot path, Remix build, inline worker) as a child
 * process on a free port, for tests and load tools that need real, separate processes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer } from "node:net";
import path from "node:path";
import { productionNodeFlags } from "../../../server/node-flags";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Lines the process wrote to stdout (its JSON logs), when started with `captureStdout`. */
  stdout: string[];
  /** The last 4,000 characters the process wrote to stderr. */
  stderrTail(): string;
  /** Graceful stop (SIGTERM), waiting for exit. */
  stop(): Promise<void>;
  /** kill -9. */
  kill(): Promise<void>;
}

export interface AppProcessOptions {
  databaseUrl: string;
  apiSecret: string;
  apiKey?: string;
  port?: number;
  env?: Record<string, string>;
  /** Extra node flags (e.g. --max-old-space-size). */
  nodeArgs?: string[];
  /** Keep the process's stdout lines in `stdout` (otherwise stdout is discarded). */
  captureStdout?: boolean;
  /** The script to run (default server/index.ts, the production entry). */
  script?: string;
  /** Receives everything the process writes to stdout and stderr (stdout is ignored otherwise). */
  onOutput?: (chunk: string, stream: "stdout" | "stderr") => void;
  /** How long to wait for /healthz (default 60 s). */
  startTimeoutMs?: number;
  /**
   * "healthy" (default): until /healthz answers. "listening": until the port accepts connections
   * (the widget API answers then; admin pages wait for the Remix build), for fault runs that kill
   * a process at any moment after it is up. "spawned": at once (a process without HTTP, such as
   * server/worker.ts; watch its output).
   */
  until?: "healthy" | "listening" | "spawned";
}

export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(
    process.execPath,
    // As package.json `start` runs it: the production flags, then the caller's (which win).
    [
      ...productionNodeFlags(),
      ...(options.nodeArgs ?? []),
      "--import",
      "tsx",
      path.resolve(options.script ?? "server/index.ts"),
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        TANDEM_DEMO: "0",
        PORT: String(port),
        DATABASE_URL: options.databaseUrl,
        SHOPIFY_API_KEY: options.apiKey ?? "load-test-key",
        SHOPIFY_API_SECRET: options.apiSecret,
        SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
        TANDEM_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
        LOG_LEVEL: "error",
        ...options.env,
      },
      stdio: ["ignore", options.captureStdout || options.onOutput ? "pipe" : "ignore", "pipe"],
    },
  );
  const stdout: string[] = [];
  let partial = "";
  child.stdout?.on("data", (d: Buffer) => {
    const lines = (partial + d.toString()).split("\n");
    partial = lines.pop() ?? "";
    if (options.captureStdout) stdout.push(...lines.filter((line) => line !== ""));
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
    options.onOutput?.(d.toString(), "stderr");
  });
  child.stdout?.on("data", (d: Buffer) => options.onOutput?.(d.toString(), "stdout"));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (options.until === "spawned") break;
    if (child.exitCode !== null) throw new Error(`app process exited (${child.exitCode}): ${stderr}`);
    if (options.until === "listening") {
      if (await accepts(port)) break;
    } else {
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.status < 500) break;
      } catch {
        // not listening yet
      }
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`app process did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, options.until === "listening" ? 20 : 100));
  }
  return {
    url,
    port,
    child,
    stdout,
    stderrTail: () => stderr,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
