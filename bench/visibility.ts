/**
 * A change on one web process visible to a poll on the other (PostgreSQL, two web processes): a
 * shopper message is sent through one, and the other is polled every 5 ms from the moment the send
 * was answered until it returns the message. The delay is measured from the send's answer (the
 * write committed and published) to the first poll on the other process that shows it. Samples
 * alternate the direction (web1 → web2, web2 → web1). Budget: one poll interval of the widget
 * (1 s while a reply is awaited, widget/src/transport.ts `pollDelay`).
 */
export interface Visibility {
  samples: number;
  missing: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface VisibilityOptions {
  urls: [string, string];
  samples: number;
  sendPath(s: number): string;
  pollPath(s: number, after: number): string;
  token(s: number): string;
  timeoutMs?: number;
}

async function sample(o: VisibilityOptions, s: number): Promise<number | null> {
  const [from, to] = s % 2 === 0 ? o.urls : [o.urls[1], o.urls[0]];
  const res = await fetch(`${from}${o.sendPath(s)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: o.token(s), clientMessageId: `visibility-${s}`, text: `Visibility probe ${s}` }),
  });
  if (res.status !== 201) return null;
  const { cursor } = (await res.json()) as { cursor: number };
  const answered = performance.now();
  const deadline = answered + (o.timeoutMs ?? 10_000);
  while (performance.now() < deadline) {
    const poll = await fetch(`${to}${o.pollPath(s, cursor - 1)}`);
    if (poll.status === 200) {
      const body = (await poll.json()) as { messages: { text: string }[] };
      if (body.messages.some((m) => m.text === `Visibility probe ${s}`)) return performance.now() - answered;
    } else await poll.arrayBuffer();
    await new Promise((r) => setTimeout(r, 5));
  }
  return null;
}

export async function measureVisibility(o: VisibilityOptions): Promise<Visibility> {
  const all: (number | null)[] = [];
  for (let s = 0; s < o.samples; s++) {
    all.push(await sample(o, s).catch(() => null));
    await new Promise((r) => setTimeout(r, 50));
  }
  const ms = all.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const pct = (p: number) =>
    ms.length ? Math.round(ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))]! * 10) / 10 : -1;
  return { samples: ms.length, missing: all.length - ms.length, p50Ms: pct(50), p95Ms: pct(95), maxMs: pct(100) };
}
