/**
 * One module graph per process (ADR 210): the production entry (`server/index.ts`, as `npm start`
 * runs it) loads every app module once. The process records every ES module it loads (a loader hook,
 * tests/fixtures/module-loads); the server build's source map lists the modules bundled into it.
 * An app module both bundled and loaded from source, or loaded from source twice, is a second copy
 * with its own state (database client, version map, job wake-ups).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSqliteDatabase, type TestDatabase } from "../helpers/db";
import { startAppProcess, type AppProcess } from "./support/app-process";
import { API_SECRET, ensureBuild, installShop, proxyFetch } from "./support/proxy-server";

const APP = path.resolve("app");
const BUILD = path.resolve("build/server/index.js");
const SHOP = "one-graph.myshopify.com";

/** The app modules Remix alone loads, which the server build bundles. */
/** What the build may bundle: the route modules and the React components only they render (.tsx). */
const isRouteModule = (file: string) =>
  file.startsWith(path.join(APP, "routes") + path.sep) ||
  file === path.join(APP, "root.tsx") ||
  file === path.join(APP, "entry.server.tsx") ||
  file.endsWith(".tsx");

/** App modules (not generated code) bundled into the server build, from its source map. */
function bundledAppModules(): string[] {
  const map = JSON.parse(readFileSync(`${BUILD}.map`, "utf8")) as { sources: string[] };
  return map.sources
    .map((source) => path.resolve(path.dirname(BUILD), source))
    .filter((file) => file.startsWith(APP + path.sep));
}

describe("one module graph per process", () => {
  let t: TestDatabase;
  let app: AppProcess;
  let dir: string;
  let loads: string[];

  beforeAll(async () => {
    ensureBuild();
    t = await createSqliteDatabase();
    await installShop(t.db, SHOP);
    dir = mkdtempSync(path.join(os.tmpdir(), "tandem-module-loads-"));
    const record = path.join(dir, "loads.txt");
    app = await startAppProcess({
      databaseUrl: t.url,
      apiSecret: API_SECRET,
      nodeArgs: ["--import", path.resolve("tests/fixtures/module-loads/record.mjs")],
      env: { RECORD_MODULE_LOADS: record },
    });
    // A Remix route that reads the database and the queue, and the widget API.
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    const created = await proxyFetch(app.url, SHOP, "/conversations", { body: { locale: "en" } });
    expect(created.status).toBe(201);
    await app.stop();
    loads = readFileSync(record, "utf8").split("\n").filter(Boolean);
  });
  afterAll(async () => {
    await app?.stop();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("the server build bundles only the route modules and the components they render", () => {
    const bundled = bundledAppModules();
    expect(bundled.length).toBeGreaterThan(10);
    expect(bundled.filter((file) => !isRouteModule(file))).toEqual([]);
  });

  test("the process loads the build once and each app module from its source once", () => {
    const files = loads.map((url) => fileURLToPath(url.split("?")[0]!));
    expect(files.filter((file) => file === BUILD)).toHaveLength(1);
    const fromSource = files.filter((file) => file.startsWith(APP + path.sep));
    // The routes reached the server's modules: the database, the queue, the version map.
    for (const shared of ["db.server.ts", "jobs/queue.server.ts", "domain/versions.server.ts", "env.server.ts"]) {
      expect(fromSource).toContain(path.join(APP, shared));
    }
    const twice = fromSource.filter((file, i) => fromSource.indexOf(file) !== i);
    expect(twice).toEqual([]);
    const bundled = new Set(bundledAppModules());
    expect(fromSource.filter((file) => bundled.has(file))).toEqual([]);
  });
});
