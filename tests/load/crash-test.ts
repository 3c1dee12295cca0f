/**
 * `npm run crash-test [-- --kills N]`: sends shopper messages under load, kills the server with
 * SIGKILL at random moments, restarts it, repeats. Afterwards:
 *   - every message that got a 2xx exists exactly once (and a retry of it answers 200, not a copy);
 *   - every accepted shopper message has exactly one AI reply, final.
 * Sends whose outcome was lost in a kill are retried with the same clientMessageId after the last
 * restart, as the widget does. Exit code 1 on any violation. Default 5 kills; a full run is 300.
 * The store has the demo store's FAQ; nine messages in ten are its questions (answered from it) and
 * one in ten is not (a failed answer; two in a row escalate), so both reply paths run under the kills.
 */
import { createHash, randomInt } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { migrate } from "../../app/db/migrate.server";
import { signAppProxyQuery } from "../../app/lib/app-proxy.server";
import { createDb } from "../../app/db.server";
import { demoStore } from "../../app/demo/fixture.server";
import { startAppProcess, type AppProcess } from "../integration/support/app-process";

const args = process.argv.slice(2);
const KILLS = Number(args[args.indexOf("--kills") + 1] ?? 5) || 5;
const CONVERSATIONS = 1500;
const SENDERS = 12;
const SECRET = "crash-secret";
const SHOP = "crash-store.myshopify.com";
const DIR = path.resolve("tmp/crash-test");

const FAQ = demoStore().faq;
/** Shoppers ask the store's questions nine times in ten; the rest the assistant cannot answer. */
const shopperText = (n: number) => (n % 10 === 0 ? `Crash test message ${n}` : FAQ[n % FAQ.length]!.question);

const token = (i: number) => `crash-token-${i.toString().padStart(6, "0")}-bbbbbbbbbbbb`;
const convId = (i: number) => `crashconv${i.toString().padStart(6, "0")}`;

/** A widget API path signed as Shopify's App Proxy forwards it (the demo proxy's signer). */
function sign(pathname: string): string {
  const params = signAppProxyQuery(new URLSearchParams(), {
    shop: SHOP,
    loggedInCustomerId: "",
    pathPrefix: "/apps/tandem",
    secret: SECRET,
  });
  return `${pathname}?${params.toString()}`;
}

async function seed(url: string): Promise<void> {
  await migrate(url);
  const db = createDb(url);
  await db.shop.create({ data: { shop: SHOP, name: "Crash Store" } });
  // The demo store's FAQ, so most messages are answered as in a real store.
  for (const f of FAQ) {
    await db.knowledgeEntry.create({
      data: { shop: SHOP, question: f.question, answer: f.answer, tags: f.tags.join(","), locale: f.locale },
    });
  }
  await db.session.create({
    data: { id: `offline_${SHOP}`, shop: SHOP, state: "x", isOnline: false, accessToken: "shpat_crash" },
  });
  await db.$disconnect();
  const conn = new Database(url.replace(/^file:/, ""));
  const now = new Date().toISOString().replace("Z", "+00:00");
  const ins = conn.prepare(
    `INSERT INTO "Conversation" ("id","shop","state","visitorTokenHash","version","lastActivityAt","createdAt","updatedAt") VALUES (?, ?, 'ai', ?, 1, ?, ?, ?)`,
  );
  conn.transaction(() => {
    for (let i = 0; i < CONVERSATIONS; i++)
      ins.run(convId(i), SHOP, createHash("sha256").update(token(i)).digest("hex"), now, now, now);
  })();
  conn.close();
}

interface Send {
  conv: number;
  clientMessageId: string;
  text: string;
}

const accepted = new Map<string, { send: Send; messageId: string }>(); // key conv:clientMessageId
const unknown = new Map<string, Send>();
let rateLimited = 0;
let seq = 0;

async function sendOnce(url: string, s: Send): Promise<"ok" | "lost" | "limited"> {
  try {
    const res = await fetch(`${url}${sign(`/proxy/conversations/${convId(s.conv)}/messages`)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: token(s.conv), clientMessageId: s.clientMessageId, text: s.text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status === 201 || res.status === 200) {
      const body = (await res.json()) as { message: { id: string; text: string } };
      const key = `${s.conv}:${s.clientMessageId}`;
      const prior = accepted.get(key);
      if (prior && prior.messageId !== body.message.id) throw new Error(`retry of ${key} returned a different message`);
      accepted.set(key, { send: s, messageId: body.message.id });
      unknown.delete(key);
      return "ok";
    }
    if (res.status === 429) return "limited";
    await res.body?.cancel();
    return "lost";
  } catch (error) {
    if (error instanceof Error && error.message.includes("different message")) throw error;
    return "lost";
  }
}

async function load(url: string, stopAt: { stop: boolean }): Promise<void> {
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (!stopAt.stop) {
        const n = seq++;
        const s: Send = {
          conv: randomInt(CONVERSATIONS),
          clientMessageId: `crash-${n}`,
          text: shopperText(n),
        };
        const key = `${s.conv}:${s.clientMessageId}`;
        unknown.set(key, s);
        const outcome = await sendOnce(url, s);
        if (outcome === "limited") {
          unknown.delete(key);
          rateLimited++;
        }
        if (outcome === "lost" && stopAt.stop) break;
        // Also resend an already accepted message now and then: it must come back as the same row.
        if (outcome === "ok" && n % 10 === 0) await sendOnce(url, s);
      }
    }),
  );
}

async function main(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const dbUrl = `file:${path.join(DIR, "crash.sqlite")}`;
  await seed(dbUrl);
  const started = Date.now();
  let app: AppProcess | undefined;
  for (let k = 1; k <= KILLS; k++) {
    app = await startAppProcess({ databaseUrl: dbUrl, apiSecret: SECRET, env: { LOG_LEVEL: "silent" } });
    const stopAt = { stop: false };
    const running = load(app.url, stopAt);
    await new Promise((r) => setTimeout(r, randomInt(300, 2500)));
    await app.kill();
    stopAt.stop = true;
    await running;
    process.stdout.write(`kill ${k}/${KILLS}: accepted ${accepted.size}, outcome lost ${unknown.size}\n`);
  }

  // Last restart: retry every send whose answer was lost, then let the reply jobs finish.
  app = await startAppProcess({ databaseUrl: dbUrl, apiSecret: SECRET, env: { LOG_LEVEL: "silent" } });
  let retried = 0;
  for (const s of [...unknown.values()]) {
    let outcome = await sendOnce(app.url, s);
    while (outcome === "limited") {
      await new Promise((r) => setTimeout(r, 3000));
      outcome = await sendOnce(app.url, s);
    }
    retried++;
  }
  const db = createDb(dbUrl);
  const deadline = Date.now() + 180_000;
  let pending = 1;
  while (Date.now() < deadline) {
    pending = await db.job.count({ where: { type: "conversation.reply", status: { in: ["pending", "running"] } } });
    if (pending === 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  await app.stop();

  // Verify.
  const problems: string[] = [];
  const shopperRows = await db.message.findMany({
    where: { shop: SHOP, role: "shopper" },
    select: { id: true, conversationId: true, clientMessageId: true },
  });
  const byKey = new Map<string, number>();
  for (const m of shopperRows) {
    const key = `${Number(m.conversationId.replace("crashconv", ""))}:${m.clientMessageId}`;
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  const rowIds = new Set(shopperRows.map((m) => m.id));
  for (const [key, { messageId }] of accepted) {
    const count = byKey.get(key) ?? 0;
    if (count !== 1) problems.push(`accepted message ${key} exists ${count} times`);
    if (!rowIds.has(messageId)) problems.push(`accepted message ${key} (${messageId}) is missing`);
  }
  const replies = await db.message.findMany({
    where: { shop: SHOP, role: "ai" },
    select: { replyToId: true, status: true },
  });
  const replyCount = new Map<string, number>();
  for (const r of replies) {
    if (r.status !== "final") problems.push(`reply to ${r.replyToId} is ${r.status}`);
    if (r.replyToId) replyCount.set(r.replyToId, (replyCount.get(r.replyToId) ?? 0) + 1);
  }
  for (const m of shopperRows) {
    const count = replyCount.get(m.id) ?? 0;
    if (count !== 1) problems.push(`shopper message ${m.id} has ${count} replies`);
  }
  const dead = await db.job.count({ where: { status: "dead" } });
  await db.$disconnect();

  const report = {
    kills: KILLS,
    seconds: Math.round((Date.now() - started) / 1000),
    acceptedMessages: accepted.size,
    shopperRowsInDatabase: shopperRows.length,
    aiReplies: replies.length,
    retriedAfterLostAnswer: retried,
    rateLimited,
    jobsStillPending: pending,
    deadJobs: dead,
    problems: problems.length,
  };
  console.log(`crash test: ${JSON.stringify(report)}`);
  if (problems.length > 0 || pending > 0) {
    console.error(problems.slice(0, 20).join("\n"));
    process.exit(1);
  }
}

await main();
