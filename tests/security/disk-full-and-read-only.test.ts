/**
 * Finding 2 (high): one disk-full error hung the process. The app runs as its production entry in a
 * child process with its SQLite file on a real, small file system (a tmpfs of a few MB mounted by
 * the test; this needs root, which CI has). The disk is filled, then freed, then made read-only:
 * - a write that cannot be stored answers 503 `unavailable` with Retry-After, never hangs, and
 *   reads keep answering;
 * - `/readyz` says 503 while writes fail and 200 again once space returns, by itself;
 * - the same message sent again after recovery is stored once;
 * - a read-only file gives 503s and at most one log line per minute per place, with no stack trace;
 * - SIGTERM ends the process within 10 s.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { migrate } from "../../app/db/migrate.server";
import { createDb } from "../../app/db.server";
import { installShop, API_SECRET, proxyFetch, ensureBuild } from "../integration/support/proxy-server";
import { startAppProcess, type AppProcess } from "../integration/support/app-process";

const SHOP = "disk-full.myshopify.com";

function tryMount(dir: string): string | undefined {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=6m", "tmpfs", dir], { stdio: "pipe" });
    return undefined;
  } catch (error) {
    return (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
  }
}

const mountPoint = mkdtempSync(path.join(tmpdir(), "tandem-small-fs-"));
const mountError = tryMount(mountPoint);
if (mountError)
  console.warn(`disk-full tests skipped: cannot mount a small tmpfs here (${mountError}); they need root, as in CI`);

/** Fills the file system: writes until ENOSPC. Returns the filler's path. */
function fillDisk(): string {
  const filler = path.join(mountPoint, "filler");
  const fd = openSync(filler, "w");
  const chunk = Buffer.alloc(64 * 1024, 7);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  }
  // Fill the last partial block too.
  try {
    for (;;) writeSync(fd, Buffer.alloc(512, 7));
  } catch {
    // full
  }
  closeSync(fd);
  return filler;
}

async function withDeadline<T>(what: string, ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      fn(),
      new Promise<T>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function eventually<T>(what: string, fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(Boolean(mountError))("a database on a small file system", () => {
  let app: AppProcess;
  let conversation: { id: string; token: string };
  const send = (clientMessageId: string, text = "Is the 156 cm board back in stock? ".repeat(40)) =>
    withDeadline("a send", 5_000, () =>
      proxyFetch(app.url, SHOP, `/conversations/${conversation.id}/messages`, {
        body: { token: conversation.token, clientMessageId, text },
      }),
    );
  const ready = () => withDeadline("/readyz", 5_000, () => fetch(`${app.url}/readyz`));

  const url = `file:${path.join(mountPoint, "tandem.sqlite")}`;
  const start = () =>
    startAppProcess({
      databaseUrl: url,
      apiSecret: API_SECRET,
      apiKey: "proxy-test-key",
      env: { LOG_LEVEL: "info", SHOPIFY_APP_URL: "https://tandem.test" },
      captureStdout: true,
    });

  beforeAll(async () => {
    ensureBuild();
    await migrate(url);
    const db = createDb(url);
    await installShop(db, SHOP);
    await db.$disconnect();
    app = await start();
    const res = await proxyFetch(app.url, SHOP, "/conversations", { body: { locale: "en" } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { conversation: { id: string }; visitorToken: string };
    conversation = { id: body.conversation.id, token: body.visitorToken };
  });

  afterAll(async () => {
    await app?.kill();
    try {
      execFileSync("umount", [mountPoint], { stdio: "pipe" });
    } catch {
      // not mounted
    }
    rmSync(mountPoint, { recursive: true, force: true });
  });

  test("a full disk gives 503 with Retry-After, reads still answer, and everything recovers by itself when space returns", async () => {
    expect((await send("before-full")).status).toBe(201);
    expect((await ready()).status).toBe(200);

    const filler = fillDisk();
    // Writes until one cannot be stored (the WAL may still have room for the first few).
    let failed: { id: string; res: Response } | undefined;
    for (let i = 0; i < 200 && !failed; i++) {
      const id = `while-full-${i}`;
      const res = await send(id);
      expect([201, 503]).toContain(res.status);
      if (res.status === 503) failed = { id, res };
      else await res.arrayBuffer();
    }
    expect(failed, "no write failed on a full disk").toBeDefined();
    expect(failed!.res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await failed!.res.json()).toEqual({ error: { code: "unavailable", message: expect.any(String) } });

    // Writes in a Prisma transaction (a new conversation, a request for a person) fail the same way,
    // and the connection is not left locked: reads through it still answer.
    let created = 0;
    for (let i = 0; i < 50 && created !== 503; i++) {
      const res = await withDeadline("a new conversation", 5_000, () =>
        proxyFetch(app.url, SHOP, "/conversations", { body: { locale: "en" }, ip: `198.51.100.${i + 1}` }),
      );
      created = res.status;
      expect([201, 503]).toContain(created);
      await res.arrayBuffer();
    }
    expect(created).toBe(503);
    const person = await send(`${failed!.id}-person`, "I want to talk to a person");
    expect(person.status).toBe(503);
    await person.arrayBuffer();
    const resume = await withDeadline("a resume read", 5_000, () =>
      proxyFetch(app.url, SHOP, `/conversations/${conversation.id}`, { query: { token: conversation.token } }),
    );
    expect(resume.status).toBe(200);
    await resume.arrayBuffer();

    // Nothing hangs: more writes fail fast, reads answer, liveness stays up, readiness says 503.
    const again = await send(failed!.id);
    expect(again.status).toBe(503);
    await again.arrayBuffer();
    const poll = await withDeadline("a poll", 5_000, () =>
      proxyFetch(app.url, SHOP, `/conversations/${conversation.id}/poll`, {
        query: { token: conversation.token, after: "0" },
      }),
    );
    expect(poll.status).toBe(200);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const notReady = await ready();
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ database: { writes: { ok: false, failing: "disk_full" } } });

    // Space returns: readiness and writes come back without a restart; the retried message is
    // stored once.
    rmSync(filler);
    await eventually("readiness after space returned", async () => ((await ready()).status === 200 ? true : undefined));
    const retried = await send(failed!.id);
    expect(retried.status).toBe(201);
    const duplicate = await send(failed!.id);
    expect(duplicate.status).toBe(200);
    expect((await duplicate.json()).message.id).toBe((await retried.json()).message.id);
  });

  test("SIGTERM ends the process within 10 s while writes are failing", async () => {
    const filler = fillDisk();
    try {
      let status = 0;
      for (let i = 0; i < 200 && status !== 503; i++) {
        const res = await send(`before-sigterm-${i}`);
        status = res.status;
        await res.arrayBuffer();
      }
      expect(status).toBe(503);
      const started = Date.now();
      const exited = new Promise<number | null>((resolve) => app.child.once("exit", (code) => resolve(code)));
      app.child.kill("SIGTERM");
      await withDeadline("exit after SIGTERM", 10_000, () => exited);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      rmSync(filler);
    }
  });

  test("a read-only database gives 503s and /readyz 503, with one log line per minute per place and no stack traces", async () => {
    await app.kill();
    execFileSync("mount", ["-o", "remount,ro", mountPoint]);
    try {
      app = await start();
      for (let i = 0; i < 5; i++) {
        const res = await send(`read-only-${i}`);
        expect(res.status).toBe(503);
        expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
        await res.arrayBuffer();
      }
      await eventually("readiness to report the read-only file", async () =>
        (await ready()).status === 503 ? true : undefined,
      );
      // The inline worker keeps trying to claim jobs meanwhile (every 2 s), readiness probes every 2 s.
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 1_000));
        expect((await ready()).status).toBe(503);
      }
      // (That every line is JSON is proven by the log test; here only the app's own lines count.)
      const lines = app.stdout.filter((line) => line.startsWith("{"));
      const entries = lines.map((line) => JSON.parse(line) as { msg?: string; where?: string; level?: number });
      expect(lines.filter((line) => line.includes('"stack"'))).toEqual([]);
      const failures = entries.filter((e) => e.msg?.startsWith("database cannot take writes"));
      expect(failures.length).toBeGreaterThan(0);
      // One line per place (widget API, hot path, job claim, readiness probe) in the minute.
      const places = failures.map((e) => e.where);
      expect(places.length).toBe(new Set(places).size);
      expect(entries.filter((e) => (e.level ?? 0) >= 50)).toEqual([]);
    } finally {
      await app.kill();
      execFileSync("mount", ["-o", "remount,rw", mountPoint]);
    }
  });
});
