/** /healthz and /readyz on the real built server (run `npx remix vite:build` first). */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setDb } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { enqueue } from "~/jobs/queue.server";
import { startAppServer, type AppServer } from "../../server/app-server";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let server: AppServer;
let t: TestDatabase;

beforeAll(async () => {
  if (!existsSync("build/server/index.js")) throw new Error("run `npx remix vite:build` before this test");
  t = await createTestDatabase("sqlite");
  Object.assign(process.env, { DATABASE_URL: t.url, TANDEM_WORKER: "off" });
  resetEnvForTests();
  setDb(t.db);
  server = await startAppServer({ port: 0, host: "127.0.0.1", worker: false });
});

afterAll(async () => {
  await server?.close();
  setDb(undefined);
  await t?.close();
});

describe("health endpoints", () => {
  test("/healthz answers 200 without touching the database", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  test("/readyz is 200 with a reachable database and no waiting jobs", async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({
      ok: true,
      database: { ok: true },
      worker: { ok: true, lagSeconds: 0 },
    });
  });

  test("/readyz is 503 when the oldest due job has waited longer than two minutes", async () => {
    await enqueue(t.db, "test.stuck", {}, { runAt: new Date(Date.now() - 5 * 60_000) });
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { ok: boolean; worker: { ok: boolean; lagSeconds: number; due: number } };
    expect(body.ok).toBe(false);
    expect(body.worker.ok).toBe(false);
    expect(body.worker.due).toBe(1);
    expect(body.worker.lagSeconds).toBeGreaterThanOrEqual(300);
    await t.db.job.deleteMany();
  });

  test("/readyz is 503 when the database cannot be reached", async () => {
    const broken = { $queryRawUnsafe: () => Promise.reject(new Error("connection refused")) };
    setDb(broken as never);
    try {
      const response = await fetch(`${server.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ ok: false, database: { ok: false } });
    } finally {
      setDb(t.db);
    }
  });
});
