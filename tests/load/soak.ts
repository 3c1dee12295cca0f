/**
 * `npm run soak [-- --minutes 60]`: mixed traffic for a long time on PostgreSQL with two web
 * processes (inline workers) behind a round-robin front: shoppers polling as the widget does, shoppers
 * sending, operators taking chats over, replying and handing back, and AI replies streamed by a local
 * OpenAI-compatible server. Each minute it records every process's memory (RSS), the p99 of polls and
 * sends, the job lag from /readyz and every unexpected answer. Fails (exit 1) when a process's memory
 * grows more than 10% after the warm-up (median of the last 5 minutes against the median of the 5
 * minutes after a 10-minute warm-up: support/memory-criterion.ts) or any error is left unexplained.
 * Needs TEST_DATABASE_URL.
 */
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { createDb } from "../../app/db.server";
import { DESKTOP_UA } from "../e2e/support/browser";
import { FakeOpenAI } from "../mocks/openai-server";
import { SECRET, SHOP, convId, seedStore, sign, sleep, token } from "./crash/common";
import { Deployment, createFaultDatabase } from "./support/pg-deployment";
import { judgeMemory, memoryWindows, type MemoryVerdict } from "./support/memory-criterion";

const args = process.argv.slice(2);
const minutes = Number(args.includes("--minutes") ? args[args.indexOf("--minutes") + 1] : 60) || 60;
const { warmupMinutes: WARMUP_MINUTES, windowMinutes: WINDOW_MINUTES } = memoryWindows(minutes);
const POLLERS = 60;
const CONVERSATIONS = 400;
const OPERATOR_CONVERSATIONS = 20;
const API_KEY = "load-test-key";
const STAFF = "70001";

interface Minute {
  minute: number;
  polls: number[];
  sends: number[];
  errors: Record<string, number>;
  rssMb: Record<string, number>;
  jobLagSeconds: Record<string, number | null>;
  operatorActions: number;
}

const p99 = (xs: number[]) => {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]! * 10) / 10;
};
const rssMb = (pid: number | undefined) => {
  if (!pid) return 0;
  const line = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return line ? Math.round(Number(line[1]) / 1024) : 0;
};

async function main(): Promise<void> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const fake = new FakeOpenAI(() => ({
    text: "Thanks for asking! Orders ship within two business days and you get a tracking link by email.",
    delayMs: 40,
  }));
  fake.keepRequests = 100;
  await fake.start();
  const database = await createFaultDatabase(base, "tandem_soak");
  const db = createDb(database.url);
  await seedStore(db, CONVERSATIONS);
  await db.operator.create({ data: { shop: SHOP, staffUserId: STAFF, name: "Soak Operator", role: "admin" } });
  await db.$disconnect();

  const unexplained: string[] = [];
  const deployment = new Deployment(database.url, {
    base,
    secret: SECRET,
    web: 2,
    workers: 0,
    env: {
      TANDEM_WORKER: "inline",
      LOG_LEVEL: "warn",
      OPENAI_API_KEY: "sk-soak",
      OPENAI_BASE_URL: fake.url,
      OPENAI_MODEL: "soak-model",
      TANDEM_ALLOW_PRIVATE_URLS: "127.0.0.1",
    },
    onLine: (member, line) => {
      if (/"level":(50|60)/.test(line)) unexplained.push(`${member}: ${line.slice(0, 300)}`);
    },
  });
  await deployment.start();
  const front = () => deployment.frontUrl;
  const started = Date.now();
  const endAt = started + minutes * 60_000;
  const stats: Minute[] = [];
  const current = (): Minute => {
    const minute = Math.floor((Date.now() - started) / 60_000);
    let m = stats[minute];
    if (!m) {
      m = { minute, polls: [], sends: [], errors: {}, rssMb: {}, jobLagSeconds: {}, operatorActions: 0 };
      stats[minute] = m;
    }
    return m;
  };
  const error = (what: string) => {
    const m = current();
    m.errors[what] = (m.errors[what] ?? 0) + 1;
  };
  // A request that got no answer is named by its cause: the client's own timeout, or the socket error.
  const failure = (e: unknown): string => {
    if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) return "timeout";
    const cause = e instanceof Error ? (e.cause as { code?: string } | undefined) : undefined;
    return `network ${cause?.code ?? (e instanceof Error ? e.name : "error")}`;
  };

  // Shoppers polling as the widget does (every second while a reply is awaited, else every 3 s).
  const cursors = new Map<number, number>();
  const poller = async (i: number) => {
    const conv = OPERATOR_CONVERSATIONS + i;
    while (Date.now() < endAt) {
      const t = performance.now();
      try {
        const q = { token: token(conv), after: String(cursors.get(conv) ?? 0) };
        const res = await fetch(`${front()}${sign(`/proxy/conversations/${convId(conv)}/poll`, q)}`, {
          signal: AbortSignal.timeout(10_000),
        });
        if (res.status === 200) {
          const body = (await res.json()) as { cursor: number };
          cursors.set(conv, body.cursor);
        } else {
          await res.body?.cancel();
          if (res.status !== 204) error(`poll ${res.status}`);
        }
        current().polls.push(performance.now() - t);
      } catch (e) {
        error(`poll ${failure(e)}`);
      }
      await sleep(i % 3 === 0 ? 1000 : 3000);
    }
  };

  // Shoppers sending: one message every ~2 s to a random polled conversation.
  let sent = 0;
  const sender = async () => {
    while (Date.now() < endAt) {
      const conv = OPERATOR_CONVERSATIONS + Math.floor(Math.random() * POLLERS);
      const t = performance.now();
      try {
        const res = await fetch(`${front()}${sign(`/proxy/conversations/${convId(conv)}/messages`)}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            token: token(conv),
            clientMessageId: `soak-${sent++}`,
            text: "When will my order ship?",
          }),
          signal: AbortSignal.timeout(10_000),
        });
        await res.body?.cancel();
        if (res.status !== 201 && res.status !== 200) error(`send ${res.status}`);
        else current().sends.push(performance.now() - t);
      } catch (e) {
        error(`send ${failure(e)}`);
      }
      await sleep(2000);
    }
  };

  // An operator taking a chat over, replying and handing it back to the AI, every ~10 s.
  const operator = async () => {
    let n = 0;
    while (Date.now() < endAt) {
      const id = convId(n++ % OPERATOR_CONVERSATIONS);
      const forms: Record<string, string>[] = [
        { intent: "take_over" },
        { intent: "reply", text: `Operator reply ${n}` },
        { intent: "return_to_ai" },
      ];
      for (const form of forms) {
        try {
          const { token: jwt } = await getJwt(SHOP.replace(/\.myshopify\.com$/, ""), API_KEY, SECRET, { sub: STAFF });
          const res = await fetch(`${front()}/app/conversations/${id}.data`, {
            method: "POST",
            headers: { authorization: `Bearer ${jwt}`, "user-agent": DESKTOP_UA },
            body: new URLSearchParams(form),
            signal: AbortSignal.timeout(10_000),
          });
          await res.body?.cancel();
          if (res.status >= 300) error(`operator ${form.intent} ${res.status}`);
          else current().operatorActions++;
        } catch (e) {
          error(`operator ${form.intent} ${failure(e)}`);
        }
      }
      await sleep(10_000);
    }
  };

  // Each minute: memory of every process and the job lag each web process reports.
  const sampler = async () => {
    while (Date.now() < endAt) {
      const m = current();
      for (const member of deployment.members) {
        m.rssMb[member.name] = rssMb(member.proc?.child.pid);
        try {
          const res = await fetch(`${deployment.url(member)}/readyz`, { signal: AbortSignal.timeout(5000) });
          const body = (await res.json()) as { worker?: { lagSeconds?: number } | null };
          m.jobLagSeconds[member.name] = body.worker?.lagSeconds ?? null;
          if (res.status !== 200) error(`readyz ${res.status}`);
        } catch (e) {
          error(`readyz ${failure(e)}`);
        }
      }
      // The minute that just ended, complete.
      const last = stats[m.minute - 1];
      if (last) {
        const line = {
          minute: last.minute,
          rssMb: last.rssMb,
          pollP99: p99(last.polls),
          polls: last.polls.length,
          sendP99: p99(last.sends),
          sends: last.sends.length,
          jobLag: last.jobLagSeconds,
          errors: last.errors,
        };
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
      await sleep(60_000 - ((Date.now() - started) % 60_000) + 500);
    }
  };

  await Promise.all([...Array.from({ length: POLLERS }, (_, i) => poller(i)), sender(), operator(), sampler()]);
  await deployment.stop();
  await fake.close();
  await database.drop();

  const full = stats.filter((m) => m && m.minute < minutes);
  const memory: Record<string, MemoryVerdict> = {};
  for (const member of deployment.members) {
    const series: (number | undefined)[] = [];
    for (const m of full) series[m.minute] = m.rssMb[member.name];
    memory[member.name] = judgeMemory(series, minutes);
  }
  const errors: Record<string, number> = {};
  for (const m of full) for (const [k, v] of Object.entries(m.errors)) errors[k] = (errors[k] ?? 0) + v;
  const report = {
    minutes,
    warmupMinutes: WARMUP_MINUTES,
    memoryWindowMinutes: WINDOW_MINUTES,
    polls: full.reduce((a, m) => a + m.polls.length, 0),
    sends: full.reduce((a, m) => a + m.sends.length, 0),
    operatorActions: full.reduce((a, m) => a + m.operatorActions, 0),
    aiRequests: fake.requests.length,
    worstMinutePollP99Ms: Math.max(...full.map((m) => p99(m.polls))),
    worstMinuteSendP99Ms: Math.max(...full.map((m) => p99(m.sends))),
    maxJobLagSeconds: Math.max(0, ...full.flatMap((m) => Object.values(m.jobLagSeconds).map((v) => v ?? 0))),
    memoryGrowthAfterWarmupPercent: Object.fromEntries(Object.entries(memory).map(([k, v]) => [k, v.growthPercent])),
    memory,
    rssMbByMinute: full.map((m) => m.rssMb),
    errors,
    errorLogLines: unexplained.length,
  };
  mkdirSync("tmp/soak", { recursive: true });
  writeFileSync(
    "tmp/soak/report.json",
    JSON.stringify(
      { report, minutesDetail: full.map((m) => ({ ...m, polls: p99(m.polls), sends: p99(m.sends) })) },
      null,
      2,
    ),
  );
  console.log(`soak: ${JSON.stringify({ ...report, rssMbByMinute: undefined })}`);
  const failures = [
    ...Object.entries(memory)
      .filter(([, v]) => v.failed)
      .map(
        ([name, v]) =>
          `${name} memory grew ${v.growthPercent}% after the warm-up (median ${v.baselineMb} → ${v.finalMb} MB, ${v.slopeMbPerHour} MB/h)`,
      ),
    ...Object.entries(errors).map(([k, v]) => `${v} × ${k}`),
    ...deployment.unexpectedExits.map((e) => `${e.member} exited by itself (${e.code ?? e.signal}): ${e.stderr}`),
    ...unexplained.slice(0, 10),
  ];
  if (failures.length > 0) {
    console.error(failures.join("\n"));
    process.exit(1);
  }
  process.exit(0);
}

await main();
