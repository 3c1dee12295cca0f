import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createDb, type Db } from "~/db.server";
import { enqueue } from "~/jobs/queue.server";
import { claimJobs } from "~/jobs/leases.server";
import { queueHealth } from "~/jobs/maintenance.server";
import { registerJobHandler, scheduleRecurring, unregisterJobHandler, type JobHandler } from "~/jobs/registry.server";
import { startWorker, type Worker } from "~/jobs/worker.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

async function waitFor<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(databaseKinds)("the job queue on %s", (kind) => {
  let t: TestDatabase;
  const workers: Worker[] = [];
  const types = new Set<string>();
  const extraClients: Db[] = [];

  const handle = (type: string, handler: JobHandler, options?: Parameters<typeof registerJobHandler>[2]) => {
    types.add(type);
    registerJobHandler(type, handler, options);
  };
  const worker = (options: Partial<Parameters<typeof startWorker>[0]> = {}) => {
    const w = startWorker({ name: `w${workers.length}`, db: t.db, listenUrl: t.url, pollMs: 50, ...options });
    workers.push(w);
    return w;
  };
  const client = () => {
    const c = createDb(t.url);
    extraClients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    for (const type of types) unregisterJobHandler(type);
    types.clear();
    await t.db.job.deleteMany();
  });
  afterAll(async () => {
    await Promise.all(extraClients.map((c) => c.$disconnect()));
    await t.close();
  });

  test("a job enqueued in a transaction that rolls back never exists and never runs", async () => {
    let runs = 0;
    handle("test.rollback", async () => {
      runs++;
    });
    worker({ db: client() });
    await expect(
      t.db.$transaction(async (tx) => {
        await enqueue(tx, "test.rollback", { n: 1 });
        throw new Error("domain write failed");
      }),
    ).rejects.toThrow("domain write failed");
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.db.job.count()).toBe(0);
    expect(runs).toBe(0);
  });

  test("a job enqueued in a committed transaction wakes an idle worker at once", async () => {
    const started: number[] = [];
    handle("test.wake", async () => {
      started.push(Date.now());
    });
    // Polling every 30 s: only the wake-up signal can explain a fast start.
    worker({ pollMs: 30_000, db: client() });
    await new Promise((r) => setTimeout(r, 100));
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = started.length;
      const committed = await t.db.$transaction(async (tx) => {
        await enqueue(tx, "test.wake", { i });
        return Date.now();
      });
      await waitFor(async () => started.length > before, 5_000);
      latencies.push((started[before] ?? 0) - committed);
    }
    console.info(`[jobs ${kind}] wake-on-enqueue latency ms: ${latencies.join(", ")}`);
    expect(Math.max(...latencies)).toBeLessThan(250);
  });

  test("a failing job is retried with growing, jittered delays and then dead-lettered", async () => {
    const attempts: number[] = [];
    handle(
      "test.fail",
      async () => {
        attempts.push(Date.now());
        throw new Error("upstream unavailable");
      },
      { backoff: { baseMs: 40, maxMs: 2_000 } },
    );
    worker({ pollMs: 10 });
    const { id } = await enqueue(t.db, "test.fail", {}, { maxAttempts: 4 });
    const dead = await waitFor(async () => {
      const job = await t.db.job.findUnique({ where: { id } });
      return job?.status === "dead" ? job : null;
    });
    expect(dead.attempts).toBe(4);
    expect(dead.lastError).toContain("upstream unavailable");
    expect(dead.lockedBy).toBeNull();
    expect(attempts).toHaveLength(4);
    const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] ?? 0));
    // attempt n waits between half and all of 40·2^(n-1) ms
    expect(gaps[0]).toBeGreaterThanOrEqual(20);
    expect(gaps[1]).toBeGreaterThanOrEqual(40);
    expect(gaps[2]).toBeGreaterThanOrEqual(80);
    await new Promise((r) => setTimeout(r, 200));
    expect(attempts).toHaveLength(4);
  });

  test("a claimed job whose lease expires is claimed again by another worker", async () => {
    handle("test.lease", async () => undefined);
    const { id } = await enqueue(t.db, "test.lease", {});
    const [claimed] = await claimJobs({ worker: "crashed", limit: 1, leaseMs: 300, types: ["test.lease"] }, t.db);
    expect(claimed?.id).toBe(id);
    // While the lease holds nobody else gets the job.
    expect(await claimJobs({ worker: "other", limit: 1, leaseMs: 300, types: ["test.lease"] }, t.db)).toEqual([]);
    worker({ pollMs: 20, name: "rescuer" });
    const done = await waitFor(async () => {
      const job = await t.db.job.findUnique({ where: { id } });
      return job?.status === "done" ? job : null;
    });
    expect(done.attempts).toBe(2);
    expect(done.completedAt!.getTime() - claimed!.lockedUntil!.getTime()).toBeGreaterThanOrEqual(0);
  });

  test("a worker process killed with SIGKILL mid-job leaves the job to another worker after its lease", async () => {
    const { id } = await enqueue(t.db, "test.hang", {});
    const child: ChildProcess = fork(path.resolve("tests/integration/fixtures/job-worker-process.ts"), [], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, DATABASE_URL: t.url, LEASE_MS: "1000", LOG_LEVEL: "silent" },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    const started = await new Promise<{ started: string; pid: number }>((resolve, reject) => {
      child.on("message", (m: { started?: string; pid?: number }) => {
        if (m.started) resolve(m as { started: string; pid: number });
      });
      child.on("exit", (code) => reject(new Error(`worker process exited early (${code})`)));
      setTimeout(() => reject(new Error("worker process did not start the job")), 30_000);
    });
    expect(started.started).toBe(id);
    child.removeAllListeners("exit");
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    const killedAt = Date.now();
    const running = await t.db.job.findUnique({ where: { id } });
    expect(running?.status).toBe("running");
    expect(running?.lockedBy).toBe(`child-${started.pid}`);

    let reran = 0;
    handle("test.hang", async () => {
      reran++;
    });
    worker({ pollMs: 50, name: "survivor" });
    const done = await waitFor(async () => {
      const job = await t.db.job.findUnique({ where: { id } });
      return job?.status === "done" ? job : null;
    });
    expect(reran).toBe(1);
    expect(done.attempts).toBe(2);
    // not before the dead worker's lease (1 s, renewed every ~333 ms) ran out
    expect(done.completedAt!.getTime()).toBeGreaterThanOrEqual(running!.lockedUntil!.getTime());
    expect(Date.now() - killedAt).toBeLessThan(5_000);
  });

  test("four workers on one database run 800 jobs, each exactly once and never two at a time", async () => {
    const runs = new Map<string, number>();
    const active = new Set<string>();
    let overlaps = 0;
    handle("test.count", async (job) => {
      if (active.has(job.id)) overlaps++;
      active.add(job.id);
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      active.delete(job.id);
    });
    const total = 800;
    for (let i = 0; i < total; i += 100) {
      await t.db.$transaction(async (tx) => {
        for (let j = i; j < i + 100; j++) await enqueue(tx, "test.count", { j });
      });
    }
    const started = Date.now();
    // PostgreSQL: four clients, as four processes would have. SQLite: one process has one connection
    // (db()), whose group commit the workers share; a second SQLite connection in the same process
    // would wait for the first one's write lock synchronously, on the thread that holds it (separate
    // processes on one SQLite file: sqlite-separate-worker.test.ts).
    for (let i = 0; i < 4; i++)
      worker({ name: `pool-${i}`, db: kind === "sqlite" ? t.db : client(), concurrency: 8, pollMs: 20 });
    await waitFor(async () => (await t.db.job.count({ where: { status: "done" } })) === total, 60_000);
    const ms = Date.now() - started;
    console.info(`[jobs ${kind}] 4 workers × 8 ran ${total} jobs in ${ms} ms (${Math.round((total / ms) * 1000)}/s)`);
    expect(runs.size).toBe(total);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(overlaps).toBe(0);
    const claimedBy = await t.db.job.groupBy({ by: ["attempts"], _count: true });
    expect(claimedBy).toEqual([{ attempts: 1, _count: total }]);
  });

  test("a dedupe key makes a second enqueue a no-op, even inside the same transaction", async () => {
    const results = await t.db.$transaction(async (tx) => [
      await enqueue(tx, "test.dedupe", { a: 1 }, { dedupeKey: "order-1" }),
      await enqueue(tx, "test.dedupe", { a: 2 }, { dedupeKey: "order-1" }),
    ]);
    expect(results[0]!.created).toBe(true);
    expect(results[1]).toEqual({ id: results[0]!.id, created: false });
    expect(await t.db.job.count({ where: { type: "test.dedupe" } })).toBe(1);
  });

  test("a recurring job runs once per slot with two workers scheduling it", async () => {
    const ranAt: number[] = [];
    handle("test.tick", async () => {
      ranAt.push(Date.now());
    });
    scheduleRecurring("test.tick", 200);
    worker({ name: "a", pollMs: 1_000 });
    worker({ name: "b", pollMs: 1_000, db: client() });
    await new Promise((r) => setTimeout(r, 1_100));
    // 1.1 s covers 5 or 6 slot boundaries; a slot run twice would push the count past 6.
    expect(ranAt.length).toBeGreaterThanOrEqual(4);
    expect(ranAt.length).toBeLessThanOrEqual(6);
    const slots = await t.db.job.findMany({ where: { type: "test.tick" }, select: { dedupeKey: true } });
    expect(new Set(slots.map((s) => s.dedupeKey)).size).toBe(slots.length);
  });

  test("queue health reports the age of the oldest due job", async () => {
    await enqueue(t.db, "test.lag", {}, { runAt: new Date(Date.now() - 90_000) });
    await enqueue(t.db, "test.lag", {}, { runAt: new Date(Date.now() + 90_000) });
    const health = await queueHealth(t.db);
    expect(health.due).toBe(1);
    expect(health.lagSeconds).toBeGreaterThanOrEqual(89);
    expect(health.lagSeconds).toBeLessThan(120);
  });
});
