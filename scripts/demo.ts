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

if (process.env.NODE_ENV === "production") {
  console.error(
    "Demo mode refuses to start with NODE_ENV=production: it signs requests with a public demo secret.\n" +
      "Unset NODE_ENV (or use development) to run the demo; use `npm start` for production.",
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
    console.error(error.message);
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
console.log(
  `demo: database ${config.DATABASE_URL} (${migration.applied.length} migrations applied), ` +
    `seeded ${seeded.shop} (new: ${seeded.created.conversations} conversations, ${seeded.created.knowledge} knowledge entries, ` +
    `${seeded.created.operators} operators, ${seeded.created.tickets} tickets)`,
);

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) {
    console.error(`demo: \`${command} ${args.join(" ")}\` failed`);
    process.exit(result.status ?? 1);
  }
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
  console.log(builtAt === 0 ? "demo: building the admin (first run)…" : "demo: sources changed, rebuilding the admin…");
  run(path.join("node_modules", ".bin", "remix"), ["vite:build"]);
}

const { startAppServer } = await import("../server/app-server");
const app = await startAppServer({ port: config.PORT });
const base = app.url.replace("127.0.0.1", "localhost");
console.log(
  [
    "",
    `Tandem demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `  storefront  ${base}/demo`,
    `  admin       ${base}/demo/admin   (second operator: ${base}/demo/admin?operator=90002)`,
    `  health      ${base}/healthz`,
    config.OPENAI_API_KEY
      ? "  assistant   OpenAI-compatible provider (OPENAI_API_KEY)"
      : "  assistant   built-in responder (no OPENAI_API_KEY)",
    "",
  ].join("\n"),
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
