/**
 * The SQLite crash run: one web process (hot path, Remix, inline worker) under load from 12 shoppers,
 * killed with SIGKILL at a random moment 0.3–2.5 s after it is healthy, restarted at once, `kills`
 * times (SIGINT to the run stops the kills early and goes on to the checks). After each kill the reply backlog (jobs due or
 * running) is read from the file: it must stay bounded, so the run's length grows with the number of
 * kills and nothing else. Then lost sends are retried and every reply job must finish.
 */
import { randomInt } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { migrate } from "../../../app/db/migrate.server";
import { createDb } from "../../../app/db.server";
import { startAppProcess } from "../../integration/support/app-process";
import { SECRET, Shoppers, drainReplies, seedStore, verify } from "./common";

const CONVERSATIONS = 1500;
const SENDERS = 12;
const DIR = path.resolve("tmp/crash-test");

export interface SqliteReport {
  kills: number;
  seconds: number;
  acceptedMessages: number;
  repliesWritten: number;
  retriedSends: number;
  problems: string[];
  [key: string]: unknown;
}

/**
 * Each shopper waits `pauseMs` between sends (default 30 ms: about 300 messages a second from the
 * twelve). That is load the one process can answer — on the two-core benchmark machine it accepts
 * ~1,100 messages/s with no worker and writes 400–900 built-in replies/s with no ingest — so a
 * growing backlog means the kills lose or delay work, not that the load outruns the replies.
 * `--pause-ms 0` is the flood (replies then fall behind whether or not anything is killed).
 */
export async function sqliteCrashRun(
  kills: number,
  { pauseMs = 30 }: { pauseMs?: number } = {},
): Promise<SqliteReport> {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const dbUrl = `file:${path.join(DIR, "crash.sqlite")}`;
  await migrate(dbUrl);
  const seedDb = createDb(dbUrl);
  await seedStore(seedDb, CONVERSATIONS);
  await seedDb.$disconnect();

  const shoppers = new Shoppers(CONVERSATIONS);
  const started = Date.now();
  const backlogs: number[] = [];
  // A loaded machine may take long to start the process; the run waits rather than fails.
  const start = () =>
    startAppProcess({ databaseUrl: dbUrl, apiSecret: SECRET, startTimeoutMs: 180_000, env: { LOG_LEVEL: "silent" } });
  // SIGINT ends the kills early: the run then retries, drains and verifies what it has (and says so).
  let interrupted = false;
  process.once("SIGINT", () => (interrupted = true));
  let k = 0;
  while (k < kills && !interrupted) {
    k++;
    const app = await start();
    const stop = { stop: false };
    const running = shoppers.load(() => app.url, stop, SENDERS, pauseMs);
    await new Promise((r) => setTimeout(r, randomInt(300, 2500)));
    await app.kill();
    stop.stop = true;
    await running;
    const conn = new Database(dbUrl.replace(/^file:/, ""), { readonly: true });
    const { n } = conn.prepare(`SELECT count(*) AS n FROM "Job" WHERE "status" IN ('pending', 'running')`).get() as {
      n: number;
    };
    conn.close();
    backlogs.push(n);
    if (k % 10 === 0 || k === kills)
      process.stdout.write(
        `kill ${k}/${kills}: ${Math.round((Date.now() - started) / 1000)} s, accepted ${shoppers.accepted.size}, outcome lost ${shoppers.unknown.size}, backlog ${n}\n`,
      );
  }

  // Last restart: retry every send whose answer was lost, then let the reply jobs finish.
  const app = await start();
  const drainStarted = Date.now();
  await shoppers.retryUnknown(() => app.url);
  const db = createDb(dbUrl);
  const pending = await drainReplies(db);
  const drainSeconds = Math.round((Date.now() - drainStarted) / 1000);
  await db.$disconnect();
  await app.stop();

  const verdict = await verify(dbUrl, shoppers);
  const problems = [...verdict.problems];
  if (pending > 0) problems.push(`${pending} jobs still pending after the last restart`);
  // Bounded backlog: the last tenth of the kills may not leave more behind than the first tenth did
  // by more than the jobs one process holds at a kill plus one window of load.
  const tenth = Math.max(1, Math.floor(kills / 10));
  const maxOf = (xs: number[]) => Math.max(0, ...xs);
  const early = maxOf(backlogs.slice(0, tenth));
  const late = maxOf(backlogs.slice(-tenth));
  if (kills >= 50 && late > Math.max(2 * early, early + 2000))
    problems.push(`the reply backlog grew: at most ${early} after the first ${tenth} kills, ${late} after the last`);
  return {
    db: "sqlite",
    kills: k,
    killsPlanned: kills,
    sendPauseMs: pauseMs,
    seconds: Math.round((Date.now() - started) / 1000),
    acceptedMessages: shoppers.accepted.size,
    shopperRowsInDatabase: verdict.shopperRows,
    repliesWritten: verdict.aiReplies,
    retriedSends: shoppers.retried,
    rateLimited: shoppers.rateLimited,
    backlogAfterKill: { firstTenthMax: early, lastTenthMax: late, max: maxOf(backlogs) },
    drainSeconds,
    deadJobs: verdict.deadJobs,
    problems,
  };
}
