/**
 * Message → AI reply visible to the shopper's poll, measured while the ingest runs: a probe sends a
 * message on a conversation of its own and polls it (as the widget does while a reply is awaited,
 * here every 50 ms) until a final AI message arrives. One probe every `everyMs` for `seconds`.
 */
export interface ReplyLatency {
  samples: number;
  missing: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface ReplyProbeOptions {
  /** Where probe s sends its message and polls (several: probe s uses url[s % length]). */
  url: string | string[];
  seconds: number;
  everyMs?: number;
  /** Signed paths and the token of probe conversation `s`. */
  sendPath(s: number): string;
  pollPath(s: number, after: number): string;
  token(s: number): string;
  timeoutMs?: number;
}

async function probe(o: ReplyProbeOptions, s: number): Promise<number | null> {
  const urls = Array.isArray(o.url) ? o.url : [o.url];
  const url = urls[s % urls.length]!;
  const started = performance.now();
  const res = await fetch(`${url}${o.sendPath(s)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: o.token(s), clientMessageId: `reply-probe-${s}`, text: `Reply probe ${s}` }),
  });
  if (res.status !== 201) return null;
  const { cursor } = (await res.json()) as { cursor: number };
  let after = cursor;
  const deadline = started + (o.timeoutMs ?? 30_000);
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    const poll = await fetch(`${url}${o.pollPath(s, after)}`);
    if (poll.status !== 200) {
      await poll.arrayBuffer();
      continue;
    }
    const body = (await poll.json()) as { cursor: number; messages: { role: string; status: string }[] };
    if (body.messages.some((m) => m.role === "ai" && m.status === "final")) return performance.now() - started;
    after = body.cursor;
  }
  return null;
}

export async function measureReplyLatency(o: ReplyProbeOptions): Promise<ReplyLatency> {
  const every = o.everyMs ?? 250;
  const count = Math.floor((o.seconds * 1000) / every);
  const runs: Promise<number | null>[] = [];
  for (let s = 0; s < count; s++) {
    runs.push(probe(o, s).catch(() => null));
    await new Promise((r) => setTimeout(r, every));
  }
  const all = await Promise.all(runs);
  const ms = all.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const pct = (p: number) =>
    ms.length ? Math.round(ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))]! * 10) / 10 : -1;
  return { samples: ms.length, missing: all.length - ms.length, p50Ms: pct(50), p95Ms: pct(95), maxMs: pct(100) };
}
