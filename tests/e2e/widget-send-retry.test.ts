/**
 * A send that the server refuses with 503 (and a connection cut on the way) is retried by the widget
 * by itself with the same clientMessageId until it is accepted, and exactly one message row exists.
 * The faults are real: an HTTP proxy between the browser and the app forwards every request, except
 * the first three message sends: a 503 with Retry-After, a connection cut, and one that the app
 * stored but whose answer the proxy replaced with a 503 (an answer lost on the way back), so that a
 * retry must not duplicate it.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BROWSER_TIME_ZONE, SHOP, SHOTS, W, openPanel, send } from "./widget-harness";
import { widgetServerPerFile } from "./support/widget-suite";

const s = widgetServerPerFile();

type Fault = "stored-then-503" | "cut" | "503";

/** Forwards to `target`; the first message sends get `faults` in order, the rest go through. */
function faultyProxy(target: string, faults: Fault[]) {
  const log: { fault: Fault | "forwarded"; status?: number }[] = [];
  const forward = (req: IncomingMessage, body: Buffer, onAnswer: (res: IncomingMessage, body: Buffer) => void) => {
    const url = new URL(req.url ?? "/", target);
    const upstream = httpRequest(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => onAnswer(res, Buffer.concat(chunks)));
    });
    upstream.end(body);
  };
  const server: Server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const isSend = req.method === "POST" && /\/apps\/tandem\/conversations\/[^/]+\/messages/.test(req.url ?? "");
      const fault = isSend ? faults.shift() : undefined;
      const unavailable = () => {
        res.writeHead(503, { "Content-Type": "application/json", "Retry-After": "1" });
        res.end(JSON.stringify({ error: { code: "unavailable", message: "try again shortly" } }));
      };
      if (fault === "cut") {
        log.push({ fault });
        req.socket.destroy();
      } else if (fault === "503") {
        log.push({ fault });
        unavailable();
      } else if (fault === "stored-then-503") {
        forward(req, body, (upstream) => {
          log.push({ fault, status: upstream.statusCode });
          unavailable();
        });
      } else {
        forward(req, body, (upstream, answer) => {
          if (isSend) log.push({ fault: "forwarded", status: upstream.statusCode });
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          res.end(answer);
        });
      }
    });
  });
  return {
    log,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () => {
          const address = server.address();
          resolve(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
        }),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("sending through an unreliable connection", () => {
  let proxy: ReturnType<typeof faultyProxy>;
  let base: string;

  beforeAll(async () => {
    proxy = faultyProxy(s.base, ["503", "cut", "stored-then-503"]);
    base = await proxy.listen();
  });
  afterAll(async () => {
    await proxy?.close();
  });

  test("the widget retries a refused send by itself, says so, and the message is stored exactly once", async () => {
    const context = await s.browser.newContext({ baseURL: base, timezoneId: BROWSER_TIME_ZONE });
    const page = await context.newPage();
    await page.goto("/demo");
    await openPanel(page);
    const text = `Do you ship the Drift board to Milan? ${Date.now()}`;
    await send(page, text);

    // Honest while it retries: the message says it was not sent and when it tries again.
    const failure = page.locator("#tandem-chat .fail", { hasText: "Not sent." });
    await failure.filter({ hasText: /Trying again in \d+ s/ }).waitFor({ timeout: 10_000 });
    await page.locator(W.banner, { hasText: "Connection lost" }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, "widget-send-retrying.png") });

    // Accepted in the end, without the shopper doing anything.
    await page.locator("#tandem-chat .fail").waitFor({ state: "detached", timeout: 30_000 });
    await page.locator(W.lastAi).waitFor({ timeout: 20_000 });
    await expect(page.locator(W.banner).isHidden()).resolves.toBe(true);

    // Every fault was met in turn: two refused tries (nothing stored), then one the app stored
    // whose answer was lost; after it either the retry (answered 200, the same message) or a poll
    // that brought the stored copy.
    expect(proxy.log.slice(0, 3)).toEqual([
      { fault: "503" },
      { fault: "cut" },
      { fault: "stored-then-503", status: 201 },
    ]);
    for (const later of proxy.log.slice(3)) expect(later).toEqual({ fault: "forwarded", status: 200 });

    // Exactly one row for the message, shown once.
    const rows = await s.db.message.findMany({ where: { shop: SHOP, text } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.clientMessageId).toBeTruthy();
    await expect(page.locator('#tandem-chat .m[data-role="shopper"]', { hasText: text }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "widget-send-retried.png") });
    await context.close();
  });
});
