/**
 * The process's one PostgreSQL LISTEN connection (ADR 132). Subscribers name a channel and get
 * its payloads; the connection LISTENs on every subscribed channel, and one reconnect loop (backoff
 * 250 ms doubling to 5 s) restores it after an error or a lost server. After each (re)connection
 * every subscriber's `onConnect` runs: notifications sent while disconnected are lost, so a
 * subscriber drops what it cached (the version map) or looks again (the worker).
 */
import pg from "pg";
import { logger } from "../logger.server";

export interface Subscription {
  channel: string;
  onNotify(payload: string): void;
  /** After the LISTEN is (re)established. */
  onConnect?(): void;
  /** The connection was lost (before a reconnect). */
  onLost?(): void;
}

interface Listener {
  url: string;
  subs: Set<Subscription>;
  client?: pg.Client;
  listening: Set<string>;
  stopped: boolean;
  delay: number;
  timer?: NodeJS.Timeout;
}

let current: Listener | undefined;

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

async function listenAll(l: Listener, c: pg.Client): Promise<void> {
  for (const channel of new Set([...l.subs].map((s) => s.channel))) {
    if (l.listening.has(channel)) continue;
    await c.query(`LISTEN ${channel}`);
    l.listening.add(channel);
  }
}

function connect(l: Listener): void {
  if (l.stopped) return;
  const c = new pg.Client({ connectionString: l.url });
  l.client = c;
  l.listening = new Set();
  let gone = false;
  const lost = () => {
    if (gone || l.client !== c) return;
    gone = true;
    l.client = undefined;
    for (const s of l.subs) s.onLost?.();
    void c.end().catch(() => undefined);
    if (l.stopped) return;
    l.timer = setTimeout(() => connect(l), l.delay);
    l.timer.unref();
    l.delay = Math.min(l.delay * 2, 5_000);
  };
  c.on("error", (error) => {
    logger.warn({ err: error.message }, "listen connection error");
    lost();
  });
  c.on("end", lost);
  c.on("notification", (msg) => {
    for (const s of l.subs) if (s.channel === msg.channel) s.onNotify(msg.payload ?? "");
  });
  c.connect()
    .then(() => listenAll(l, c))
    .then(() => {
      l.delay = 250;
      for (const s of l.subs) s.onConnect?.();
    })
    .catch((error: unknown) => {
      logger.warn({ err: (error as Error).message }, "listen connection could not connect");
      lost();
    });
}

/** Subscribes to a channel on `url`'s one connection (started on first use). Returns unsubscribe. */
export function subscribe(url: string, sub: Subscription): () => void {
  if (!CHANNEL.test(sub.channel)) throw new Error(`bad channel name ${sub.channel}`);
  if (!current || current.url !== url || current.stopped) {
    current = { url, subs: new Set(), listening: new Set(), stopped: false, delay: 250 };
    current.subs.add(sub);
    connect(current);
  } else {
    current.subs.add(sub);
    const c = current.client;
    const l = current;
    if (c && !l.listening.has(sub.channel))
      void c
        .query(`LISTEN ${sub.channel}`)
        .then(() => {
          l.listening.add(sub.channel);
          sub.onConnect?.();
        })
        .catch(() => undefined);
  }
  const l = current;
  return () => {
    l.subs.delete(sub);
    if (l.subs.size === 0) void stopListening(l);
  };
}

async function stopListening(l: Listener | undefined = current): Promise<void> {
  if (!l) return;
  l.stopped = true;
  clearTimeout(l.timer);
  const c = l.client;
  l.client = undefined;
  if (current === l) current = undefined;
  await c?.end().catch(() => undefined);
}

/** Closes the connection (shutdown, tests). */
export async function stopAllListening(): Promise<void> {
  await stopListening();
}
