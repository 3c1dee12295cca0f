/**
 * Do the AI replies keep up with steady load? One production process (`server/index.ts`, SQLite,
 * inline worker) and the crash test's shoppers (12 of them over 1,500 conversations of a store with
 * the demo FAQ, each pausing `--pause-ms` between sends, default 30: about 300 messages/s) for
 * `--seconds` (default 10); once a second it prints the messages accepted and the reply backlog (reply
 * jobs pending or running). A backlog that stays flat means replies keep up; one that climbs every
 * second means they do not, whatever the kills of the crash test do (ADR 239).
 *
 *   npx tsx bench/steady-replies.ts [--pause-ms 30] [--seconds 10]
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { migrate } from "../app/db/migrate.server";
import { createDb } from "../app/db.server";
import { REPLY_JOB } from "../app/domain/conversations/commands.server";
import { startAppProcess } from "../tests/integration/support/app-process";
import { SECRET, Shoppers, seedStore } from "../tests/load/crash/common";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  args.includes(name) ? Math.max(0, Number(args[args.indexOf(name) + 1]) || 0) : fallback;
const pauseMs = option("--pause-ms", 30);
const seconds = Math.max(1, option("--seconds", 10));
const CONVERSATIONS = 1500;

const dir = path.resolve("tmp/bench-steady");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const dbUrl = `file:${path.join(dir, "steady.sqlite")}`;
await migrate(dbUrl);
const db = createDb(dbUrl);
await seedStore(db, CONVERSATIONS);
const app = await startAppProcess({ databaseUrl: dbUrl, apiSecret: SECRET, env: { LOG_LEVEL: "silent" } });
const shoppers = new Shoppers(CONVERSATIONS);
const stop = { stop: false };
const load = shoppers.load(() => app.url, stop, 12, pauseMs);
const backlogs: number[] = [];
console.log(`steady load: 12 shoppers, ${pauseMs} ms between sends, ${seconds} s`);
for (let s = 1; s <= seconds; s++) {
  await new Promise((r) => setTimeout(r, 1000));
  const backlog = await db.job.count({ where: { type: REPLY_JOB, status: { in: ["pending", "running"] } } });
  backlogs.push(backlog);
  console.log(`${String(s).padStart(3)} s  accepted ${String(shoppers.accepted.size).padStart(6)}  backlog ${backlog}`);
}
stop.stop = true;
await load;
await app.stop();
await db.$disconnect();
const half = backlogs.slice(Math.floor(backlogs.length / 2));
console.log(
  JSON.stringify({
    pauseMs,
    seconds,
    acceptedPerSecond: Math.round(shoppers.accepted.size / seconds),
    backlogLastHalf: { min: Math.min(...half), max: Math.max(...half) },
    backlogEnd: backlogs.at(-1),
  }),
);
