/**
 * The PostgreSQL fault run: two web processes (TANDEM_WORKER=off) and one job worker against a
 * database of their own on TEST_DATABASE_URL's server, behind a round-robin front; 8 shoppers send
 * through the front. At random moments one web process, the worker, or a web process and the worker
 * are killed with SIGKILL and restarted; `pgRestarts` times PostgreSQL itself is stopped and started
 * while the load goes on. While it is away: /readyz answers 503 on both web processes, a send answers
 * 503 with Retry-After, an admin page answers a readable error page. After it is back: /readyz 200 on
 * both, and a message sent through one web process is seen by a poll on the other within one poll
 * interval (LISTEN/NOTIFY reconnected by itself). At the end the common checks (each 2xx message
 * once, one final reply each) and: no job ran twice to completion.
 */
import { randomInt } from "node:crypto";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { createDb } from "../../../app/db.server";
import { DESKTOP_UA } from "../../e2e/support/browser";
import { Deployment, createFaultDatabase, postgresql, type Member } from "../support/pg-deployment";
import { SECRET, SHOP, Shoppers, convId, drainReplies, seedStore, sign, sleep, token, verify } from "./common";

const CONVERSATIONS = 600;
/** Conversations the shoppers' load does not touch: one per restart for the LISTEN/NOTIFY check. */
const PROBES = 5;
const SENDERS = 8;
/** The widget's poll interval while a reply is awaited (widget/src/transport.ts pollDelay). */
const POLL_INTERVAL_MS = 1000;
const LONGEST_DOWN_MS = 6000;

interface RestartFigures {
  downMs: number;
  readyz503: string[];
  sendDuringOutage: string;
  adminPageDuringOutage: string;
  readyAgainMs: number;
  crossInstancePollMs: number;
}

async function status(url: string, init?: RequestInit): Promise<{ status: number; body: string; retryAfter: string }> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: await res.text(), retryAfter: res.headers.get("retry-after") ?? "" };
  } catch (error) {
    return { status: 0, body: (error as Error).message, retryAfter: "" };
  }
}

async function send(base: string, conv: number, clientMessageId: string) {
  return status(`${base}${sign(`/proxy/conversations/${convId(conv)}/messages`)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: token(conv), clientMessageId, text: "Is the fault run over yet?" }),
  });
}

const poll = (base: string, conv: number, after: number) =>
  status(`${base}${sign(`/proxy/conversations/${convId(conv)}/poll`, { token: token(conv), after: String(after) })}`);

/** A stack trace in a page: "    at name (file:line:col)". */
const STACK = /\n\s+at .+:\d+:\d+\)?/;

export async function postgresqlFaultRun(options: { kills: number; pgRestarts: number }) {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set (the PostgreSQL server to run against)");
  const problems: string[] = [];
  const database = await createFaultDatabase(base, "tandem_fault");
  const seedDb = createDb(database.url);
  await seedStore(seedDb, CONVERSATIONS + PROBES);
  await seedDb.$disconnect();

  let doubleCompletions = 0;
  const deployment = new Deployment(database.url, {
    base,
    secret: SECRET,
    web: 2,
    workers: 1,
    env: { LOG_LEVEL: "warn" },
    onLine: (_, line) => {
      if (line.includes("job finished after its lease was lost")) doubleCompletions++;
    },
  });
  await deployment.start();
  const [web1, web2] = deployment.web as [Member, Member];
  const worker = deployment.members.find((m) => m.kind === "worker")!;
  const started = Date.now();
  const shoppers = new Shoppers(CONVERSATIONS, "fault");
  const stop = { stop: false };
  const loading = shoppers.load(() => deployment.frontUrl, stop, SENDERS);

  const restarts: RestartFigures[] = [];
  const restartAt = new Set<number>();
  while (restartAt.size < Math.min(options.pgRestarts, options.kills)) restartAt.add(randomInt(1, options.kills + 1));
  const killed = { web: 0, worker: 0, webAndWorker: 0 };

  async function restartPostgresql(n: number): Promise<void> {
    const probe = CONVERSATIONS + (n % PROBES);
    const down = Date.now();
    postgresql("stop");
    const figures: RestartFigures = {
      downMs: 0,
      readyz503: [],
      sendDuringOutage: "",
      adminPageDuringOutage: "",
      readyAgainMs: 0,
      crossInstancePollMs: -1,
    };
    try {
      for (const web of [web1, web2]) {
        let seen = 0;
        while (Date.now() - down < LONGEST_DOWN_MS - 1500) {
          seen = (await status(`${deployment.url(web)}/readyz`)).status;
          if (seen === 503) break;
          await sleep(200);
        }
        figures.readyz503.push(`${web.name} ${seen}`);
        if (seen !== 503) problems.push(`${web.name} /readyz answered ${seen} while PostgreSQL was down`);
      }
      const sent = await send(deployment.url(web1), probe, `outage-${n}`);
      figures.sendDuringOutage = `${sent.status} Retry-After ${sent.retryAfter || "none"}`;
      if (sent.status !== 503 || !(Number(sent.retryAfter) > 0))
        problems.push(`a send while PostgreSQL was down answered ${figures.sendDuringOutage}`);
      const { token: jwt } = await getJwt(SHOP.replace(/\.myshopify\.com$/, ""), "load-test-key", SECRET, { sub: "1" });
      const page = await status(`${deployment.url(web2)}/app`, {
        headers: { authorization: `Bearer ${jwt}`, "user-agent": DESKTOP_UA },
      });
      figures.adminPageDuringOutage = `${page.status}${STACK.test(page.body) ? " with a stack trace" : ""}`;
      if (page.status < 500 || STACK.test(page.body) || !/<html/i.test(page.body))
        problems.push(`an admin page while PostgreSQL was down answered ${figures.adminPageDuringOutage}`);
    } finally {
      await sleep(Math.max(0, 2000 - (Date.now() - down)));
      postgresql("start");
      figures.downMs = Date.now() - down;
    }
    // Back: ready again by itself, and a change through one instance reaches a poll on the other.
    const back = Date.now();
    for (const web of [web1, web2]) {
      while ((await status(`${deployment.url(web)}/readyz`)).status !== 200) {
        if (Date.now() - back > 60_000) {
          problems.push(`${web.name} /readyz not 200 within 60 s after PostgreSQL came back`);
          break;
        }
        await sleep(200);
      }
    }
    figures.readyAgainMs = Date.now() - back;
    const first = await poll(deployment.url(web2), probe, 0);
    const cursor = first.status === 200 ? (JSON.parse(first.body) as { cursor: number }).cursor : 0;
    await poll(deployment.url(web2), probe, cursor); // now answered from web2's memory
    const sent = await send(deployment.url(web1), probe, `after-restart-${n}`);
    if (sent.status !== 201) problems.push(`a send after the restart answered ${sent.status}`);
    const sentAt = Date.now();
    while (Date.now() - sentAt < 10_000) {
      const seen = await poll(deployment.url(web2), probe, cursor);
      if (seen.status === 200 && seen.body.includes(`"role":"shopper"`)) {
        figures.crossInstancePollMs = Date.now() - sentAt;
        break;
      }
      await sleep(100);
    }
    if (figures.crossInstancePollMs < 0 || figures.crossInstancePollMs > POLL_INTERVAL_MS)
      problems.push(`after the restart web2 saw web1's message after ${figures.crossInstancePollMs} ms`);
    restarts.push(figures);
    process.stdout.write(`PostgreSQL restart ${n}: ${JSON.stringify(figures)}\n`);
  }

  for (let k = 1; k <= options.kills; k++) {
    await sleep(randomInt(1000, 4000));
    const pick = randomInt(4);
    const victims =
      pick === 0 ? [web1] : pick === 1 ? [web2] : pick === 2 ? [worker] : [randomInt(2) ? web1 : web2, worker];
    if (victims.length === 2) killed.webAndWorker++;
    else if (victims[0] === worker) killed.worker++;
    else killed.web++;
    await Promise.all(victims.map((m) => deployment.kill(m)));
    await sleep(randomInt(200, 1500));
    await Promise.all(victims.map((m) => deployment.up(m)));
    process.stdout.write(
      `fault ${k}/${options.kills}: killed ${victims.map((m) => m.name).join("+")}, accepted ${shoppers.accepted.size}\n`,
    );
    if (restartAt.has(k)) await restartPostgresql(restarts.length);
  }
  stop.stop = true;
  await loading;

  await shoppers.retryUnknown(() => deployment.frontUrl);
  const db = createDb(database.url);
  const pending = await drainReplies(db);
  // Events are appended once per change: no event id twice (the table's key) and no gap in seq order.
  await db.$disconnect();
  await deployment.stop();
  for (const e of deployment.unexpectedExits)
    problems.push(`${e.member} exited by itself (${e.code ?? e.signal}): ${e.stderr.slice(-300)}`);
  const verdict = await verify(database.url, shoppers);
  problems.push(...verdict.problems);
  if (pending > 0) problems.push(`${pending} jobs still pending at the end`);
  if (doubleCompletions > 0) problems.push(`${doubleCompletions} jobs ran to completion after losing their lease`);
  if (restarts.length < Math.min(1, options.pgRestarts)) problems.push("PostgreSQL was not restarted");
  await database.drop();
  return {
    db: "postgresql",
    kills: options.kills,
    killed,
    postgresqlRestarts: restarts.length,
    restarts,
    seconds: Math.round((Date.now() - started) / 1000),
    acceptedMessages: shoppers.accepted.size,
    shopperRowsInDatabase: verdict.shopperRows,
    repliesWritten: verdict.aiReplies,
    retriedSends: shoppers.retried,
    answered503: shoppers.unavailable,
    answered503WithRetryAfter: shoppers.unavailableWithRetryAfter,
    frontErrors: deployment.frontErrors,
    doubleCompletions,
    problems,
  };
}
