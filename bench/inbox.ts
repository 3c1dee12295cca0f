/**
 * Inbox loader benchmark: the data the inbox page loads (one page of a view, the tab counts, the
 * operators and tags) against a shop with 100,000 conversations on SQLite.
 *
 *   npx tsx bench/inbox.ts            # seeds tmp/bench-inbox.sqlite once, then measures
 *
 * Prints p50/p95 per view and writes tmp/bench/inbox.json. Budget: p95 ≤ 150 ms.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createDb, setDb } from "../app/db.server";
import { loadInbox, type InboxParams } from "../app/routes/app.inbox/inbox.server";

const COUNT = Number(process.env.BENCH_INBOX_COUNT ?? 100_000);
/** Messages per conversation: 10 → a million messages for the full-text search figures. */
const MESSAGES = Number(process.env.BENCH_INBOX_MESSAGES ?? 10);
const FILE = process.env.BENCH_INBOX_DB ?? `tmp/bench-inbox-${COUNT}x${MESSAGES}.sqlite`;
const URL_ = `file:./${FILE}`;
const SHOP = "tandem-demo.myshopify.com";
const ITERATIONS = Number(process.env.BENCH_INBOX_ITERATIONS ?? 200);
const BUDGET_P95_MS = 150;

if (!existsSync(FILE)) {
  execFileSync(
    "npx",
    ["tsx", "scripts/seed-volume.ts", "--count", String(COUNT), "--messages", String(MESSAGES), "--shop", SHOP],
    {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: URL_ },
    },
  );
}

const client = createDb(URL_);
setDb(client);
const me = await client.operator.findFirstOrThrow({ where: { shop: SHOP, staffUserId: "90001" } });
const total = await client.conversation.count({ where: { shop: SHOP } });
const messages = await client.message.count({ where: { shop: SHOP } });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function measure(label: string, params: InboxParams, iterations = ITERATIONS) {
  for (let i = 0; i < 10; i++) await loadInbox(SHOP, me.id, params);
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    const result = await loadInbox(SHOP, me.id, params);
    times.push(performance.now() - t);
    rows = result.page.rows.length;
  }
  times.sort((a, b) => a - b);
  const r = {
    label,
    rows,
    p50: +percentile(times, 50).toFixed(2),
    p95: +percentile(times, 95).toFixed(2),
    max: +(times.at(-1) as number).toFixed(2),
  };
  console.log(
    `${label.padEnd(34)} rows ${String(rows).padStart(3)}  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms`,
  );
  return r;
}

// A deep page of the Closed view: follow the keyset cursor 40 pages in.
let deep: string | undefined;
for (let i = 0; i < 40; i++) {
  const page = await loadInbox(SHOP, me.id, { view: "closed", cursor: deep });
  deep = page.page.nextCursor ?? undefined;
}

console.log(
  `inbox loader, ${total} conversations and ${messages} messages in one shop (SQLite), ${ITERATIONS} runs each`,
);
const loaderRuns = [
  await measure("queue", { view: "queue" }),
  await measure("mine", { view: "mine" }),
  await measure("all open", { view: "open" }),
  await measure("with AI", { view: "ai" }),
  await measure("closed", { view: "closed" }),
  await measure("closed, page 41 (keyset)", { view: "closed", cursor: deep }),
  await measure("all open, tag filter", { view: "open", tag: "vip" }),
  await measure("closed, operator filter", { view: "closed", operator: me.id }),
  await measure("closed, search by email", { view: "closed", q: "shopper4242@example.com" }),
];
// Full-text search (SQLite FTS5): the same budget as the views, for any text, matching or not.
const searchRuns = [
  await measure("closed, search by order number", { view: "closed", q: "#1003" }),
  await measure("closed, text search (common word)", { view: "closed", q: "Switzerland" }),
  await measure("all open, text search (common word)", { view: "open", q: "switzerland" }),
  await measure("closed, text search (two words)", { view: "closed", q: "helmet size" }),
  await measure("closed, text search (rare word)", { view: "closed", q: "avalanche" }),
  await measure("queue, text search (prefix)", { view: "queue", q: "snowbo" }),
  await measure("closed, text search (no match)", { view: "closed", q: "zeppelin" }),
  await measure("all open, text search (no match)", { view: "open", q: "zeppelin airship" }),
  await measure("closed, search by name", { view: "closed", q: "Volume shopper 4242" }),
];
const worstP95 = Math.max(...loaderRuns.concat(searchRuns).map((r) => r.p95));
const result = {
  benchmark: "inbox-loader",
  database: "sqlite",
  conversations: total,
  messages,
  iterations: ITERATIONS,
  budgetP95Ms: BUDGET_P95_MS,
  worstP95Ms: worstP95,
  pass: worstP95 <= BUDGET_P95_MS,
  views: loaderRuns,
  search: searchRuns,
  node: process.version,
  measuredAt: new Date().toISOString(),
};
mkdirSync("tmp/bench", { recursive: true });
writeFileSync("tmp/bench/inbox.json", JSON.stringify(result, null, 2));
console.log(
  `worst view p95 ${worstP95.toFixed(1)} ms (budget ${BUDGET_P95_MS} ms): ${result.pass ? "PASS" : "FAIL"} → tmp/bench/inbox.json`,
);
await client.$disconnect();
