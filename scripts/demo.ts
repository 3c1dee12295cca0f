/**
 * `npm run demo`: Tandem on a seeded demo store with no Shopify account, no AI key and no network.
 * Migrates and seeds DATABASE_URL (default file:./data/demo.sqlite), builds the widget and the Remix
 * app when needed, then serves everything on PORT (default 3000).
 *
 * TANDEM_DEMO_BUILD=always|auto|never (default auto: build when build/ is missing or older than the sources).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { logFatalErrors, logger } from "../app/logger.server";

// Like the app, the launcher writes JSON lines only.
logFatalErrors();

if (process.env.NODE_ENV === "production") {
  logger.fatal(
    "demo mode refuses to start with NODE_ENV=production: it signs requests with a public demo secret; " +
      "unset NODE_ENV (or use development) to run the demo, and `npm start` for production",
  );
  process.exit(1);
}

process.env.TANDEM_DEMO = "1";
process.env.DATABASE_URL ||= "file:./data/demo.sqlite";

const { EnvError, env } = await import("../app/env.server");
let config;
try {
  config = env();
} catch (error) {
  if (error instanceof EnvError) {
    logger.fatal({ problems: error.problems }, "invalid environment");
    process.exit(1);
  }
  throw error;
}

const started = Date.now();
const { sqlitePath } = await import("../app/db.server");
// A fresh clone has no data/ folder (it is git-ignored).
if (config.databaseKind === "sqlite") mkdirSync(path.dirname(sqlitePath(config.DATABASE_URL)), { recursive: true });
const { migrate } = await import("../app/db/migrate.server");
const migration = await migrate(config.DATABASE_URL);
const { db } = await import("../app/db.server");
const { seedDemo } = await import("../app/demo/seed.server");
const seeded = await seedDemo(db());
logger.info(
  {
    database: config.databaseKind,
    migrationsApplied: migration.applied.length,
    shop: seeded.shop,
    created: seeded.created,
  },
  "demo: database migrated and seeded",
);

/** Runs a build step; its own (text) output is kept out of the log unless it fails. */
function run(command: string, args: string[]): void {
  const started = Date.now();
  const result = spawnSync(command, args, { encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
  const step = [path.basename(command), ...args].join(" ");
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.slice(-4000);
    logger.fatal({ step, status: result.status, output }, "demo: build step failed");
    process.exit(result.status ?? 1);
  }
  logger.info({ step, ms: Date.now() - started }, "demo: build step done");
}

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

const buildMode = process.env.TANDEM_DEMO_BUILD ?? "auto";
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

if (buildMode !== "never" && existsSync("scripts/build-widget.ts")) run(npm, ["run", "--silent", "build:widget"]);

const serverBuild = "build/server/index.js";
const builtAt = existsSync(serverBuild) ? statSync(serverBuild).mtimeMs : 0;
const sourcesAt = Math.max(...["app", "vite.config.ts", "package-lock.json"].map(newestMtime));
const stale = builtAt === 0 || sourcesAt > builtAt;
if (buildMode === "always" || (buildMode === "auto" && stale) || builtAt === 0) {
  logger.info({ firstRun: builtAt === 0 }, "demo: building the admin");
  run(path.join("node_modules", ".bin", "remix"), ["vite:build"]);
}

const { startAppServer } = await import("../server/app-server");
const app = await startAppServer({ port: config.PORT });
const base = app.url.replace("127.0.0.1", "localhost");
logger.info(
  {
    seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
    storefront: `${base}/demo`,
    admin: `${base}/demo/admin`,
    secondOperator: `${base}/demo/admin?operator=90002`,
    health: `${base}/healthz`,
    assistant: config.OPENAI_API_KEY
      ? "OpenAI-compatible provider (OPENAI_API_KEY)"
      : "built-in responder (no OPENAI_API_KEY)",
  },
  "demo ready",
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
