/**
 * Ticket list benchmark: the data the ticket list loads (one page for a filter and sort, the status
 * counts, the operators) against a shop with 100,000 tickets on SQLite; also searches, the ticket
 * page's data and a bulk change of a page of tickets.
 *
 *   npx tsx bench/tickets.ts            # seeds tmp/bench-tickets-100000.sqlite once, then measures
 *
 * Prints p50/p95 per query shape and writes tmp/bench/tickets.json. Budget: p95 ≤ 150 ms for every
 * list shape (searches of free text are reported separately, as for the inbox).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createDb, setDb } from "../app/db.server";
import {
  loadTicketList,
  ticketListParams,
  type TicketListParams,
} from "../app/routes/app.tickets._index/tickets.server";
import { loadTicketPage } from "../app/routes/app.tickets.$number/ticket.server";
import { bulkChangeTickets } from "../app/domain/tickets.server";
import type { GraphqlClient } from "../app/integrations/shopify/client.server";

const COUNT = Number(process.env.BENCH_TICKETS_COUNT ?? 100_000);
const FILE = process.env.BENCH_TICKETS_DB ?? `tmp/bench-tickets-${COUNT}.sqlite`;
const URL_ = `file:./${FILE}`;
const SHOP = "tandem-demo.myshopify.com";
const ITERATIONS = Number(process.env.BENCH_TICKETS_ITERATIONS ?? 200);
const BUDGET_P95_MS = 150;

if (!existsSync(FILE)) {
  execFileSync("npx", ["tsx", "scripts/seed-volume.ts", "--count", "0", "--tickets", String(COUNT), "--shop", SHOP], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: URL_ },
  });
}

const client = createDb(URL_);
setDb(client);
const me = await client.operator.findFirstOrThrow({ where: { shop: SHOP, staffUserId: "90001" } });
const total = await client.ticket.count({ where: { shop: SHOP } });
const newest = await client.ticket.findFirstOrThrow({ where: { shop: SHOP }, orderBy: { createdAt: "desc" } });
// The newest ticket is minutes old: measure "now" as the seed's now.
const now = new Date(newest.createdAt.getTime() + 5 * 60_000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const params = (raw: Record<string, string>): TicketListParams => ticketListParams.parse(raw);

async function time(label: string, iterations: number, run: () => Promise<number>) {
  for (let i = 0; i < Math.min(10, iterations); i++) await run();
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    rows = await run();
    times.push(performance.now() - t);
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
    `${label.padEnd(50)} rows ${String(rows).padStart(3)}  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms`,
  );
  return r;
}

const list = (label: string, raw: Record<string, string>, iterations = ITERATIONS) =>
  time(label, iterations, async () => (await loadTicketList(SHOP, params(raw), now)).rows.length);

/** Follows the keyset cursor `pages` pages in and returns that cursor. */
async function deepCursor(raw: Record<string, string>, pages: number): Promise<string> {
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) {
    const page = await loadTicketList(SHOP, params({ ...raw, ...(cursor ? { cursor } : {}) }), now);
    cursor = page.nextCursor ?? undefined;
  }
  if (!cursor) throw new Error("the list ended early");
  return cursor;
}

const day = (offsetDays: number) => new Date(now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

console.log(`ticket list loader, ${total} tickets in one shop (SQLite), ${ITERATIONS} runs each`);
const listRuns = [
  await list("all, last updated", {}),
  await list("all, newest", { sort: "created" }),
  await list("all, priority", { sort: "priority" }),
  await list("all, SLA due soonest", { sort: "due" }),
  await list("all, page 41 (keyset)", { cursor: await deepCursor({}, 40) }),
  await list("priority, page 41 (keyset)", { sort: "priority", cursor: await deepCursor({ sort: "priority" }, 40) }),
  await list("due, page 41 (keyset)", { sort: "due", cursor: await deepCursor({ sort: "due" }, 40) }),
  await list("status open", { status: "open" }),
  await list("status pending, SLA due soonest", { status: "pending", sort: "due" }),
  await list("status closed, newest", { status: "closed", sort: "created" }),
  await list("priority urgent", { priority: "urgent" }),
  await list("assignee (one operator)", { assignee: me.id }),
  await list("unassigned, priority", { assignee: "none", sort: "priority" }),
  await list("source widget form", { source: "widget_form" }),
  await list("SLA breached", { sla: "breached" }),
  await list("SLA due soon", { sla: "due_soon" }),
  await list("SLA on time", { sla: "ok", sort: "due" }),
  await list("created in the last 7 days", { from: day(-7), to: day(0) }),
  await list("created in a month 10 months ago, last updated", { from: day(-330), to: day(-300) }),
  await list("created in a month 10 months ago, newest", { from: day(-330), to: day(-300), sort: "created" }),
  await list("open, mine, SLA due soonest", { status: "open", assignee: me.id, sort: "due" }),
  await list("search by number (T-…)", { q: `T-${newest.number - 5000}` }),
  await list("search by full email", { q: "requester4242@example.com" }),
  await list("search by bare number (1001)", { q: String(newest.number - 5000) }),
];
const searchRuns = [
  await list("search, subject word (common)", { q: "customs" }, 30),
  await list("search, reply text (common)", { q: "carrier" }, 30),
  await list("search, text that matches nothing", { q: "zeppelin" }, 10),
];

const noShopify: GraphqlClient = async () => Response.json({ data: { customer: null } });
const detail = await client.ticket.findFirstOrThrow({
  where: { shop: SHOP, customerId: null, status: "open" },
  orderBy: { createdAt: "desc" },
});
const pageRuns = [
  await time("ticket page data (one ticket)", ITERATIONS, async () => {
    const data = await loadTicketPage(SHOP, `T-${detail.number}`, noShopify, now);
    return data.comments.length;
  }),
];
const pageOfIds = (await loadTicketList(SHOP, params({ status: "open" }), now)).rows.map((r) => r.id);
let flip = false;
const bulkRuns = [
  await time(`bulk status change, ${pageOfIds.length} tickets`, 20, async () => {
    flip = !flip;
    const result = await bulkChangeTickets(
      SHOP,
      pageOfIds,
      { status: flip ? "pending" : "open" },
      {
        type: "operator",
        id: me.id,
        name: me.name,
      },
    );
    return result.changed;
  }),
];
await bulkChangeTickets(SHOP, pageOfIds, { status: "open" }, { type: "operator", id: me.id, name: me.name });

const worstP95 = Math.max(...listRuns.map((r) => r.p95));
const result = {
  benchmark: "ticket-list-loader",
  database: "sqlite",
  tickets: total,
  iterations: ITERATIONS,
  budgetP95Ms: BUDGET_P95_MS,
  worstP95Ms: worstP95,
  pass: worstP95 <= BUDGET_P95_MS,
  list: listRuns,
  search: searchRuns,
  page: pageRuns,
  bulk: bulkRuns,
  node: process.version,
  measuredAt: new Date().toISOString(),
};
mkdirSync("tmp/bench", { recursive: true });
writeFileSync("tmp/bench/tickets.json", JSON.stringify(result, null, 2));
console.log(
  `worst list p95 ${worstP95.toFixed(1)} ms (budget ${BUDGET_P95_MS} ms): ${result.pass ? "PASS" : "FAIL"} → tmp/bench/tickets.json`,
);
await client.$disconnect();
