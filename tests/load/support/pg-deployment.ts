/**
 * A PostgreSQL deployment for fault and soak runs, as production runs it: a database of its own on
 * the server of TEST_DATABASE_URL, `web` processes (server/index.ts, TANDEM_WORKER=off) on fixed
 * ports behind a tiny round-robin front, and `workers` job processes (server/worker.ts). Each process
 * can be killed with SIGKILL and restarted on its port; PostgreSQL itself can be stopped and started.
 */
import { execFileSync } from "node:child_process";
import { createServer, request, type Server } from "node:http";
import pg from "pg";
import { migrate } from "../../../app/db/migrate.server";
import { freePort, startAppProcess, type AppProcess } from "../../integration/support/app-process";

export interface Member {
  name: string;
  port: number;
  /** The running process, undefined while it is down. */
  proc: AppProcess | undefined;
  kind: "web" | "worker";
  starts: number;
}

export interface DeploymentOptions {
  base: string;
  secret: string;
  web: number;
  workers: number;
  env?: Record<string, string>;
  /** More environment for one member (by name: web1, web2…, worker1…). */
  envOf?: (member: string) => Record<string, string>;
  /** Extra node flags for every process (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Every output line of every process (JSON logs). */
  onLine?: (member: string, line: string) => void;
}

/** A member that ended by itself (not killed or stopped by the deployment). */
export interface UnexpectedExit {
  member: string;
  code: number | null;
  signal: string | null;
  /** The end of what it wrote to stderr. */
  stderr: string;
  /** Its last log lines (stdout). */
  lastLines: string[];
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs `sql` on the server's maintenance database. */
async function adminQuery(base: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function createFaultDatabase(
  base: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  await adminQuery(base, `CREATE DATABASE "${name}"`);
  const url = withDatabase(base, name);
  await migrate(url);
  return { url, drop: () => adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Stops PostgreSQL (fast: open connections are cut, as in a crash or failover) or starts it. */
export function postgresql(action: "stop" | "start" | "restart"): void {
  const args = ["--skip-systemctl-redirect", "15", "main", action];
  if (action !== "start") args.push("-m", "fast");
  execFileSync("pg_ctlcluster", args, { stdio: "ignore", timeout: 60_000 });
}

export class Deployment {
  readonly members: Member[] = [];
  front: Server | undefined;
  frontUrl = "";
  private next = 0;
  /** Requests the front could not forward (the backend was down): answered 502. */
  frontErrors = 0;
  /** Members that ended by themselves: a fault run reports each as a problem. */
  readonly unexpectedExits: UnexpectedExit[] = [];

  constructor(
    readonly databaseUrl: string,
    private readonly options: DeploymentOptions,
  ) {
    // Processes of a run that ends early (an error, a timeout's SIGTERM) do not outlive it.
    process.once("exit", () => {
      for (const m of this.members) m.proc?.child.kill("SIGKILL");
    });
    process.once("SIGTERM", () => process.exit(143));
  }

  get web(): Member[] {
    return this.members.filter((m) => m.kind === "web");
  }

  url(member: Member): string {
    return `http://127.0.0.1:${member.port}`;
  }

  async start(): Promise<void> {
    for (let i = 0; i < this.options.web; i++)
      this.members.push({ name: `web${i + 1}`, port: await freePort(), proc: undefined, kind: "web", starts: 0 });
    for (let i = 0; i < this.options.workers; i++)
      this.members.push({ name: `worker${i + 1}`, port: await freePort(), proc: undefined, kind: "worker", starts: 0 });
    await Promise.all(this.members.map((m) => this.up(m)));
    await this.startFront();
  }

  /** Starts a member that is down (web: until /healthz answers; worker: until it logs "worker started"). */
  async up(member: Member): Promise<void> {
    if (member.proc) return;
    let partial = "";
    const lastLines: string[] = [];
    let workerStarted: (() => void) | undefined;
    const started = new Promise<void>((resolve) => (workerStarted = resolve));
    member.proc = await startAppProcess({
      databaseUrl: this.databaseUrl,
      apiSecret: this.options.secret,
      port: member.port,
      startTimeoutMs: 180_000,
      nodeArgs: this.options.nodeArgs,
      script: member.kind === "worker" ? "server/worker.ts" : undefined,
      until: member.kind === "worker" ? "spawned" : "healthy",
      // A worker has no HTTP port: it is up once it logs "worker started" (an info line).
      env: {
        TANDEM_WORKER: "off",
        ...this.options.env,
        ...this.options.envOf?.(member.name),
        ...(member.kind === "worker" ? { LOG_LEVEL: "info" } : {}),
      },
      onOutput: (chunk, stream) => {
        if (stream !== "stdout") return;
        const lines = (partial + chunk).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) {
          lastLines.push(line);
          if (lastLines.length > 10) lastLines.shift();
          if (line.includes('"worker started"')) workerStarted?.();
          this.options.onLine?.(member.name, line);
        }
      },
    });
    const proc = member.proc;
    proc.child.once("exit", (code, signal) => {
      if (member.proc !== proc) return; // killed or stopped by the deployment
      member.proc = undefined;
      const exit = { member: member.name, code, signal, stderr: proc.stderrTail().slice(-1500), lastLines };
      this.unexpectedExits.push(exit);
      process.stderr.write(
        `${member.name} exited by itself (${code ?? signal}):\n${exit.stderr}\n${lastLines.join("\n").slice(-3000)}\n`,
      );
    });
    if (member.kind === "worker") await started;
    member.starts++;
  }

  /** kill -9. */
  async kill(member: Member): Promise<void> {
    const proc = member.proc;
    member.proc = undefined;
    await proc?.kill();
  }

  async stop(): Promise<void> {
    const procs = this.members.map((m) => m.proc);
    for (const m of this.members) m.proc = undefined;
    await Promise.all(procs.map(async (p) => p?.stop()));
    await new Promise<void>((resolve) => {
      this.front?.closeAllConnections();
      this.front?.close(() => resolve());
    });
  }

  /** Round robin over the web processes, each request to the next one; 502 when it is down. */
  private async startFront(): Promise<void> {
    this.front = createServer((req, res) => {
      const web = this.web;
      const target = web[this.next++ % web.length]!;
      const forward = request(
        { host: "127.0.0.1", port: target.port, method: req.method, path: req.url, headers: req.headers },
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        },
      );
      forward.on("error", () => {
        this.frontErrors++;
        if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "bad_gateway", message: "backend down" } }));
      });
      req.pipe(forward);
    });
    // Idle sockets stay open longer than a client keeps them (as a load balancer's 60 s idle timeout
    // and the app's own HTTP_KEEP_ALIVE_TIMEOUT_MS do). With Node's default of 5 s, a client on a loaded
    // machine could reuse a socket the front had just closed and get ECONNRESET (seen in the soak).
    this.front.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => this.front!.listen(0, "127.0.0.1", resolve));
    const address = this.front.address();
    this.frontUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  }
}
