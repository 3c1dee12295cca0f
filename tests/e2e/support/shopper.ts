/** The shopper in the browser tests: the widget API through the demo's local App Proxy (signed like Shopify). */
import { expect } from "vitest";

export class Shopper {
  id = "";
  constructor(private readonly base: string) {}
  token = "";
  cursor = 0;
  async call(pathname: string, body?: unknown, query: Record<string, string> = {}) {
    const url = new URL(`${this.base}/apps/tandem${pathname}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const res = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Record<string, unknown>) };
  }
  async start() {
    const { status, body } = await this.call("/conversations", {
      locale: "en",
      pageUrl: "https://tandem-demo.myshopify.com/products/summit-all-mountain-snowboard",
    });
    expect(status).toBe(201);
    this.id = (body!.conversation as { id: string }).id;
    this.token = body!.visitorToken as string;
    this.cursor = body!.cursor as number;
  }
  async say(text: string) {
    const { status } = await this.call(`/conversations/${this.id}/messages`, {
      token: this.token,
      clientMessageId: `m-${Date.now()}-${Math.random()}`,
      text,
    });
    expect(status).toBe(201);
  }
  /** Polls like the widget until a message matches, returning it. */
  async waitFor(match: (m: { role: string; text: string; author?: { name: string } }) => boolean, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    const seen: { role: string; text: string; author?: { name: string } }[] = [];
    while (Date.now() < deadline) {
      const { status, body } = await this.call(`/conversations/${this.id}/poll`, undefined, {
        token: this.token,
        after: String(this.cursor),
      });
      if (status === 200 && body) {
        this.cursor = body.cursor as number;
        for (const m of body.messages as { role: string; text: string; status: string; author?: { name: string } }[]) {
          if (m.status === "final") seen.push(m);
        }
        const hit = seen.find(match);
        if (hit) return hit;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(
      `the shopper's poll did not return the expected message; saw ${JSON.stringify(seen.map((m) => m.role))}`,
    );
  }
}
