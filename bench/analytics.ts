/**
 * Analytics benchmark: every panel of the analytics page (app/routes/app.analytics/analytics.server.ts
 * loadPanel, each with its previous-period comparison) against one shop with 100,000 conversations
 * (400,000 messages) and 100,000 tickets on SQLite, for the last 7, 30 and 90 days (90 days covers
 * every row); then the CSV exports streamed end to end with the process's heap sampled, to show
 * memory stays flat whatever the row count.
 *
 *   npx tsx bench/analytics.ts          # seeds tmp/bench-analytics-100000.sqlite once, then measures
 *
 * Prints p50/p95 per panel and range and writes tmp/bench/analytics.json. Budget: p95 ≤ 300 ms per panel.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { createDb, setDb } from "../app/db.server";
import { parseRange } from "../app/domain/analytics/range";
import { exportCsv, EXPORT_KINDS } from "../app/domain/exports/csv.server";
import { loadPanel, PANELS } from "../app/routes/app.analytics/analytics.server";

const COUNT = Number(process.env.BENCH_ANALYTICS_COUNT ?? 100_000);
const FILE = process.env.BENCH_ANALYTICS_DB ?? `tmp/bench-analytics-${COUNT}.sqlite`;
const URL_ = `file:./${FILE}`;
const SHOP = "tandem-demo.myshopify.com";
const TZ = "Europe/Rome";
const ITERATIONS = Number(process.env.BENCH_ANALYTICS_ITERATIONS ?? 30);
const BUDGET_P95_MS = 300;

if (!existsSync(FILE)) {
  execFileSync(
    "npx",
    ["tsx", "scripts/seed-volume.ts", "--count", String(COUNT), "--tickets", String(COUNT), "--shop", SHOP],
    { stdio: "inherit", env: { ...process.env, DATABASE_URL: URL_ } },
  );
}

const client = createDb(URL_);
setDb(client);
await client.shop.updateMany({ where: { shop: SHOP }, data: { timezone: TZ } });

// What the volume seed does not write: ratings, SLA breaches, AI usage and presence intervals.
if ((await client.presenceInterval.count({ where: { shop: SHOP } })) === 0) {
  await client.$executeRawUnsafe(
    `UPDATE "Conversation" SET "rating" = (rowid % 5) + 1 WHERE "shop" = ? AND "state" = 'closed' AND rowid % 4 = 0`,
    SHOP,
  );
  await client.$executeRawUnsafe(
    `INSERT INTO "DomainEvent" ("id", "shop", "type", "ticketId", "data", "createdAt")
     SELECT 'evt_bench_' || "id", "shop", 'sla.breached', "id",
       json_object('target', 'first_response', 'ticketId', "id", 'dueAt', "firstResponseDueAt"), "firstResponseDueAt"
     FROM "Ticket" WHERE "shop" = ? AND "firstResponseDueAt" IS NOT NULL AND rowid % 9 = 0`,
    SHOP,
  );
  const newest = await client.conversation.findFirstOrThrow({ where: { shop: SHOP }, orderBy: { createdAt: "desc" } });
  const operators = await client.operator.findMany({ where: { shop: SHOP } });
  const usage = [];
  const intervals = [];
  for (let d = 0; d < 120; d++) {
    const day = new Date(newest.createdAt.getTime() - d * 86_400_000);
    usage.push({
      shop: SHOP,
      day: day.toISOString().slice(0, 10),
      costMicros: 20_000 + d * 13,
      tokensIn: 9000,
      tokensOut: 3000,
      requests: 40,
    });
    for (const o of operators)
      for (const h of [9, 14])
        intervals.push({
          shop: SHOP,
          operatorId: o.id,
          startedAt: new Date(day.getTime() - h * 3_600_000),
          endedAt: new Date(day.getTime() - h * 3_600_000 + 3 * 3_600_000),
        });
  }
  await client.aiUsageDaily.createMany({ data: usage });
  await client.presenceInterval.createMany({ data: intervals });
}

const conversations = await client.conversation.count({ where: { shop: SHOP } });
const newest = await client.conversation.findFirstOrThrow({ where: { shop: SHOP }, orderBy: { createdAt: "desc" } });
const now = new Date(newest.createdAt.getTime() + 5 * 60_000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

console.log(
  `analytics panels, ${conversations} conversations in one shop (SQLite), ${ITERATIONS} runs each, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
const panelRuns = [];
for (const days of ["7", "30", "90"]) {
  const parsed = parseRange(new URLSearchParams({ range: days }), now, TZ);
  if (!parsed.ok) throw new Error("range refused");
  for (const panel of PANELS) {
    for (let i = 0; i < 3; i++) await loadPanel(SHOP, panel, parsed.range, TZ);
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const t = performance.now();
      await loadPanel(SHOP, panel, parsed.range, TZ);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const r = {
      panel,
      days: Number(days),
      p50: +percentile(times, 50).toFixed(1),
      p95: +percentile(times, 95).toFixed(1),
    };
    panelRuns.push(r);
    console.log(
      `${`last ${days} days, ${panel}`.padEnd(36)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms`,
    );
  }
}

// Exports: the whole seeded period, streamed and counted, heap sampled every 20 ms.
const all = parseRange(
  new URLSearchParams({
    range: "custom",
    from: new Date(now.getTime() - 700 * 86_400_000).toISOString().slice(0, 10),
    to: now.toISOString().slice(0, 10),
  }),
  now,
  TZ,
);
if (!all.ok) throw new Error("range refused");
const exportRuns = [];
for (const kind of EXPORT_KINDS) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const t = performance.now();
  const reader = (await exportCsv(SHOP, { id: "bench" }, kind, all.range)).getReader();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) lines++;
  }
  clearInterval(timer);
  const r = {
    kind,
    rows: lines - 1,
    megabytes: +(bytes / 1e6).toFixed(1),
    seconds: +((performance.now() - t) / 1000).toFixed(2),
    heapGrowthMb: +((peak - heapBefore) / 1e6).toFixed(1),
  };
  exportRuns.push(r);
  console.log(
    `export ${kind.padEnd(14)} ${String(r.rows).padStart(7)} rows, ${r.megabytes} MB in ${r.seconds} s, peak heap +${r.heapGrowthMb} MB`,
  );
}

const worstP95 = Math.max(...panelRuns.map((r) => r.p95));
const result = {
  benchmark: "analytics-panels",
  database: "sqlite",
  conversations,
  iterations: ITERATIONS,
  budgetP95Ms: BUDGET_P95_MS,
  worstP95Ms: worstP95,
  pass: worstP95 <= BUDGET_P95_MS,
  panels: panelRuns,
  exports: exportRuns,
  loadAverage: loadavg(),
  node: process.version,
  measuredAt: new Date().toISOString(),
};
mkdirSync("tmp/bench", { recursive: true });
writeFileSync("tmp/bench/analytics.json", JSON.stringify(result, null, 2));
console.log(
  `worst panel p95 ${worstP95.toFixed(1)} ms (budget ${BUDGET_P95_MS} ms): ${result.pass ? "PASS" : "FAIL"} → tmp/bench/analytics.json`,
);
await client.$disconnect();
