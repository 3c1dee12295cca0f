/**
 * Finding: stalled bodies and idle sockets were still open after 400 s (Node's defaults: 300 s for a
 * request, checked every 30 s). The server now cuts a client that sends its headers slowly, one that
 * sends half a body and stalls, and an idle keep-alive socket within the configured limits
 * (HTTP_HEADERS_TIMEOUT_MS, HTTP_BODY_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS;
 * short values here, the defaults are in docs/operations.md). Real sockets (node:net), real server.
 */
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKinds } from "../helpers/db";
import {
  installShop,
  proxyFetch,
  signedProxyUrl,
  startTestApp,
  type RunningApp,
} from "../integration/support/proxy-server";

const LIMITS = { headers: 1000, body: 1500, request: 3000, keepAlive: 1000 };
/** Node checks header/request deadlines every ≤ 1 s interval, closes keep-alive after its 1 s buffer; plus scheduling slack. */
const SLACK = 1500;

interface Outcome {
  /** ms from connect to close */
  closedAfter: number;
  received: string;
}

/** Opens a raw socket to the app, runs `talk`, and resolves when the server closes it. */
function converse(app: RunningApp, talk: (socket: Socket) => void, giveUpMs = 15_000): Promise<Outcome> {
  const { port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), "127.0.0.1");
    let received = "";
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server left the socket open for ${giveUpMs} ms; received ${JSON.stringify(received)}`));
    }, giveUpMs);
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => (received += d));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(giveUp);
      resolve({ closedAfter: Date.now() - started, received });
    });
    socket.on("connect", () => talk(socket));
  });
}

/** Writes `bytes` one at a time, `everyMs` apart, until the socket closes. */
function trickle(socket: Socket, bytes: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || socket.writableEnded) return clearInterval(timer);
    socket.write(bytes[i % bytes.length]!);
    i += 1;
  }, everyMs);
}

describe.each(databaseKinds)("slow clients are cut on %s", (kind) => {
  const shop = `slow-clients-${kind}.myshopify.com`;
  let app: RunningApp;
  let conversation: { id: string; token: string };

  beforeAll(async () => {
    process.env.HTTP_HEADERS_TIMEOUT_MS = String(LIMITS.headers);
    process.env.HTTP_BODY_TIMEOUT_MS = String(LIMITS.body);
    process.env.HTTP_REQUEST_TIMEOUT_MS = String(LIMITS.request);
    process.env.HTTP_KEEP_ALIVE_TIMEOUT_MS = String(LIMITS.keepAlive);
    app = await startTestApp(kind, { worker: false });
    await installShop(app.database.db, shop);
    const res = await proxyFetch(app.url, shop, "/conversations", { body: {} });
    const body = (await res.json()) as { conversation: { id: string }; visitorToken: string };
    conversation = { id: body.conversation.id, token: body.visitorToken };
  });
  afterAll(async () => {
    await app?.close();
    for (const key of Object.keys(process.env))
      if (key.startsWith("HTTP_") && key.endsWith("_MS")) delete process.env[key];
  });

  async function signedTarget(path: string): Promise<string> {
    const url = await signedProxyUrl(app.url, shop, path);
    return `${url.pathname}${url.search}`;
  }

  test("a client that sends its headers one byte at a time is answered 408 and closed within the headers timeout", async () => {
    const outcome = await converse(app, (socket) => {
      socket.write("GET /healthz HTTP/1.1\r\nHost: tandem.test\r\n");
      trickle(socket, "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 100);
    });
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.closedAfter).toBeLessThan(LIMITS.headers + SLACK);
  });

  test("a socket that connects and sends nothing is closed within the headers timeout", async () => {
    const outcome = await converse(app, () => undefined);
    expect(outcome.closedAfter).toBeLessThan(LIMITS.headers + SLACK);
  });

  test("half a shopper message body and a stall are answered 408 within the body timeout, and nothing is stored", async () => {
    const target = await signedTarget(`/conversations/${conversation.id}/messages`);
    const body = JSON.stringify({ token: conversation.token, clientMessageId: "stalled-1", text: "Hello there" });
    const outcome = await converse(app, (socket) => {
      socket.write(
        `POST ${target} HTTP/1.1\r\nHost: tandem.test\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${body.length}\r\nX-Forwarded-For: 203.0.113.50\r\n\r\n${body.slice(0, 20)}`,
      );
    });
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.received).toContain('"code":"invalid_request"');
    expect(outcome.closedAfter).toBeLessThan(LIMITS.body + SLACK);
    expect(await app.database.db.message.count({ where: { conversationId: conversation.id, role: "shopper" } })).toBe(
      0,
    );
  });

  test("a widget body through the Remix routes that trickles slower than the body timeout is answered 408", async () => {
    const target = await signedTarget(`/conversations/${conversation.id}/rating`);
    const body = JSON.stringify({ token: conversation.token, score: 5, comment: "a".repeat(200) });
    const outcome = await converse(app, (socket) => {
      socket.write(
        `POST ${target} HTTP/1.1\r\nHost: tandem.test\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${body.length}\r\n\r\n`,
      );
      trickle(socket, body, 100);
    });
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408 /);
    // the app's answer (Node's own 408 for an overdue request has no body)
    expect(outcome.received).toContain('"code":"invalid_request"');
    expect(outcome.closedAfter).toBeLessThan(LIMITS.body + SLACK);
    const row = await app.database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(row.rating).toBeNull();
  });

  test("half a webhook body and a stall are cut within the request timeout", async () => {
    const outcome = await converse(app, (socket) => {
      socket.write(
        "POST /webhooks/app/uninstalled HTTP/1.1\r\nHost: tandem.test\r\nContent-Type: application/json\r\n" +
          `Content-Length: 500\r\nX-Shopify-Topic: app/uninstalled\r\nX-Shopify-Shop-Domain: ${shop}\r\n\r\n{"id":`,
      );
    });
    expect(outcome.closedAfter).toBeLessThan(LIMITS.request + SLACK);
  });

  test("an idle keep-alive socket is closed within the keep-alive timeout", async () => {
    let answeredAt = 0;
    const started = Date.now();
    const outcome = await converse(app, (socket) => {
      socket.on("data", () => (answeredAt ||= Date.now() - started));
      socket.write("GET /healthz HTTP/1.1\r\nHost: tandem.test\r\nConnection: keep-alive\r\n\r\n");
    });
    expect(outcome.received).toMatch(/^HTTP\/1\.1 200 /);
    expect(outcome.received.toLowerCase()).toContain("connection: keep-alive");
    expect(outcome.closedAfter - answeredAt).toBeLessThan(LIMITS.keepAlive + SLACK);
  });

  test("after the slow clients, ordinary requests are answered", async () => {
    const res = await proxyFetch(app.url, shop, `/conversations/${conversation.id}/messages`, {
      body: { token: conversation.token, clientMessageId: "after-1", text: "Still there?" },
    });
    expect(res.status).toBe(201);
  });
});
