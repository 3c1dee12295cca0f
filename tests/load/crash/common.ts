/**
 * What the fault runs share: the store they seed, the signed widget calls a shopper makes, the
 * bookkeeping of every send (accepted, outcome lost, retried) and the checks at the end. Everything
 * reaches the app over HTTP, as a deployment sees it, so the runs hold for any implementation.
 */
import { randomInt } from "node:crypto";
import { hashToken } from "../../../app/domain/conversations/tokens.server";
import { signAppProxyQuery } from "../../../app/lib/app-proxy.server";
import { createDb, type Db } from "../../../app/db.server";
import { demoStore } from "../../../app/demo/fixture.server";

export const SECRET = "crash-secret";
export const SHOP = "crash-store.myshopify.com";
const FAQ = demoStore().faq;

/** Shoppers ask the store's questions nine times in ten; the rest the assistant cannot answer. */
export const shopperText = (n: number) => (n % 10 === 0 ? `Crash test message ${n}` : FAQ[n % FAQ.length]!.question);
export const token = (i: number) => `crash-token-${i.toString().padStart(6, "0")}-bbbbbbbbbbbb`;
export const convId = (i: number) => `crashconv${i.toString().padStart(6, "0")}`;
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A widget API path signed as Shopify's App Proxy forwards it (the demo proxy's signer). */
export function sign(pathname: string, query: Record<string, string> = {}): string {
  const params = signAppProxyQuery(new URLSearchParams(query), {
    shop: SHOP,
    loggedInCustomerId: "",
    pathPrefix: "/apps/tandem",
    secret: SECRET,
  });
  return `${pathname}?${params.toString()}`;
}

/** The store (demo FAQ, an offline session) and `conversations` open conversations, through Prisma. */
export async function seedStore(db: Db, conversations: number): Promise<void> {
  await db.shop.create({ data: { shop: SHOP, name: "Crash Store" } });
  for (const f of FAQ) {
    await db.knowledgeEntry.create({
      data: { shop: SHOP, question: f.question, answer: f.answer, tags: f.tags.join(","), locale: f.locale },
    });
  }
  await db.session.create({
    data: { id: `offline_${SHOP}`, shop: SHOP, state: "x", isOnline: false, accessToken: "shpat_crash" },
  });
  const now = new Date();
  for (let from = 0; from < conversations; from += 500) {
    await db.conversation.createMany({
      data: Array.from({ length: Math.min(500, conversations - from) }, (_, k) => ({
        id: convId(from + k),
        shop: SHOP,
        state: "ai",
        visitorTokenHash: hashToken(token(from + k)),
        version: 1,
        lastActivityAt: now,
      })),
    });
  }
}

interface Send {
  conv: number;
  clientMessageId: string;
  text: string;
}

export type Outcome = "ok" | "lost" | "limited" | "unavailable";

/**
 * Shoppers' sends and what became of them. A send whose answer was lost (a kill, a reset, a 5xx) is
 * kept and retried later with the same clientMessageId, as the widget does; a retry of an accepted
 * send must come back as the same message.
 */
export class Shoppers {
  readonly accepted = new Map<string, { send: Send; messageId: string }>();
  readonly unknown = new Map<string, Send>();
  rateLimited = 0;
  /** 503 answers, and how many of them carried Retry-After. */
  unavailable = 0;
  unavailableWithRetryAfter = 0;
  retried = 0;
  private seq = 0;

  constructor(
    private readonly conversations: number,
    private readonly prefix = "crash",
  ) {}

  async sendOnce(url: string, s: Send): Promise<Outcome> {
    try {
      const res = await fetch(`${url}${sign(`/proxy/conversations/${convId(s.conv)}/messages`)}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: token(s.conv), clientMessageId: s.clientMessageId, text: s.text }),
        signal: AbortSignal.timeout(10_000),
      });
      const key = `${s.conv}:${s.clientMessageId}`;
      if (res.status === 201 || res.status === 200) {
        const body = (await res.json()) as { message: { id: string } };
        const prior = this.accepted.get(key);
        if (prior && prior.messageId !== body.message.id)
          throw new Error(`retry of ${key} returned a different message`);
        this.accepted.set(key, { send: s, messageId: body.message.id });
        this.unknown.delete(key);
        return "ok";
      }
      await res.body?.cancel();
      if (res.status === 429) return "limited";
      if (res.status === 503) {
        this.unavailable++;
        if (Number(res.headers.get("retry-after")) > 0) this.unavailableWithRetryAfter++;
        return "unavailable";
      }
      return "lost";
    } catch (error) {
      if (error instanceof Error && error.message.includes("different message")) throw error;
      return "lost";
    }
  }

  /** `senders` shoppers sending through `pickUrl()` until `stop.stop`. */
  async load(pickUrl: () => string, stop: { stop: boolean }, senders: number, pauseMs = 0): Promise<void> {
    await Promise.all(
      Array.from({ length: senders }, async () => {
        while (!stop.stop) {
          const n = this.seq++;
          const s: Send = {
            conv: randomInt(this.conversations),
            clientMessageId: `${this.prefix}-${n}`,
            text: shopperText(n),
          };
          const key = `${s.conv}:${s.clientMessageId}`;
          this.unknown.set(key, s);
          const outcome = await this.sendOnce(pickUrl(), s);
          if (outcome === "limited") {
            this.unknown.delete(key);
            this.rateLimited++;
          }
          if (outcome === "lost" || outcome === "unavailable") await sleep(50);
          // Also resend an already accepted message now and then: it must come back as the same row.
          if (outcome === "ok" && n % 10 === 0) await this.sendOnce(pickUrl(), s);
          if (pauseMs > 0) await sleep(pauseMs);
        }
      }),
    );
  }

  /** Retries every send whose outcome is unknown until each is answered (the widget's retry). */
  async retryUnknown(pickUrl: () => string, deadlineMs = 180_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    for (const s of [...this.unknown.values()]) {
      let outcome = await this.sendOnce(pickUrl(), s);
      while (outcome !== "ok" && Date.now() < deadline) {
        await sleep(outcome === "limited" ? 3000 : 500);
        outcome = await this.sendOnce(pickUrl(), s);
      }
      this.retried++;
    }
  }
}

/** Waits until no reply job is pending or running; returns how many are left at the deadline. */
export async function drainReplies(db: Db, deadlineMs = 180_000): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const pending = await db.job.count({
      where: { OR: [{ status: "running" }, { status: "pending", runAt: { lte: new Date() } }] },
    });
    if (pending === 0 || Date.now() > deadline) return pending;
    await sleep(1000);
  }
}

export interface Verdict {
  problems: string[];
  shopperRows: number;
  aiReplies: number;
  deadJobs: number;
}

/** Every accepted message exists exactly once and has exactly one final AI reply; no job dead. */
export async function verify(dbUrl: string, shoppers: Shoppers): Promise<Verdict> {
  const db = createDb(dbUrl);
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
  for (const [key, { messageId }] of shoppers.accepted) {
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
  const deadJobs = await db.job.count({ where: { status: "dead" } });
  if (deadJobs > 0) problems.push(`${deadJobs} jobs dead-lettered`);
  await db.$disconnect();
  return { problems, shopperRows: shopperRows.length, aiReplies: replies.length, deadJobs };
}
