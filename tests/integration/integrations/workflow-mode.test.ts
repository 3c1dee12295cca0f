/**
 * The workflow mode end to end on the real server: a shopper message is posted, signed, to a local
 * receiver that runs the shipped n8n workflow (tests/integration/integrations/n8n-harness.ts), whose
 * HTTP Request node calls back POST /hooks/workflow; the widget's next poll shows the reply. Also:
 * the callback's signature, tolerance, replay protection and field errors; the handoff branch; and
 * the fallback when the workflow is down or silent (built-in answer with a person offered, the
 * circuit in /readyz). SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Webhook } from "standardwebhooks";
import { saveWorkflowSettings } from "../../../app/integrations/workflow/settings.server";
import { resetCircuitBreakers } from "../../../app/ai/circuit-breaker.server";
import { signedHeaders } from "../../../app/integrations/signing.server";
import type { WorkflowRequest } from "../../../app/integrations/workflow/contract";
import { databaseKinds } from "../../helpers/db";
import { installShop, proxyFetch, startTestApp, type RunningApp } from "../support/proxy-server";
import { startReceiver, type Receiver } from "./receiver";
import { runN8nWorkflow, type SentRequest } from "./n8n-harness";

const SHOP = "flow-shop.myshopify.com";

interface PollMessage {
  id: string;
  role: string;
  text: string;
  quickReplies?: string[];
}

describe.each(databaseKinds)("workflow mode on %s", (kind) => {
  let app: RunningApp;
  let receiver: Receiver;
  let secret: string;
  const callbacks: { request: SentRequest; status: number; at: number }[] = [];
  let mode: "n8n" | "silent" | "down" = "n8n";

  beforeAll(async () => {
    process.env.TANDEM_ALLOW_PRIVATE_URLS = "127.0.0.1";
    app = await startTestApp(kind);
    await resetCircuitBreakers();
    receiver = await startReceiver();
    receiver.onRequest = (r) => {
      if (mode !== "n8n") return;
      // The Webhook node answers at once ("Respond: Immediately"); the workflow runs after.
      setTimeout(() => {
        void (async () => {
          for (const request of await runN8nWorkflow(secret, { headers: r.headers, body: r.body })) {
            const url = new URL(request.url);
            const response = await fetch(`${app.url}${url.pathname}`, {
              method: request.method,
              headers: request.headers,
              body: request.body,
            });
            callbacks.push({ request, status: response.status, at: Date.now() });
          }
        })();
      }, 50);
    };
    await installShop(app.database.db, SHOP, { businessHours: "{}" });
    ({ secret } = (await saveWorkflowSettings(SHOP, {
      enabled: true,
      url: `${receiver.url}/webhook/tandem`,
      timeoutSeconds: 3,
    })) as {
      secret: string;
    });
  });

  afterAll(async () => {
    await receiver?.close();
    await app?.close();
    delete process.env.TANDEM_ALLOW_PRIVATE_URLS;
  });

  let visitors = 0;
  async function startChat(): Promise<{ id: string; token: string }> {
    // One address per chat: the per-address limit on new chats is not what this suite tests.
    const ip = `198.51.100.${++visitors}`;
    const res = await proxyFetch(app.url, SHOP, "/conversations", { body: { locale: "en" }, ip });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { conversation: { id: string }; visitorToken: string };
    return { id: body.conversation.id, token: body.visitorToken };
  }

  async function say(chat: { id: string; token: string }, text: string): Promise<void> {
    const res = await proxyFetch(app.url, SHOP, `/conversations/${chat.id}/messages`, {
      body: { token: chat.token, clientMessageId: `c-${Math.random()}`, text },
    });
    expect(res.status).toBe(201);
  }

  async function poll(chat: {
    id: string;
    token: string;
  }): Promise<{ messages: PollMessage[]; conversation: { state: string; offline?: boolean } }> {
    const res = await proxyFetch(app.url, SHOP, `/conversations/${chat.id}/poll`, {
      query: { token: chat.token, after: "0" },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { messages: PollMessage[]; conversation: { state: string; offline?: boolean } };
  }

  async function until<T>(fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error("timed out waiting");
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  test("a shopper message goes to the workflow signed, and its callback's reply reaches the widget within one poll", async () => {
    mode = "n8n";
    const chat = await startChat();
    const before = receiver.requests.length;
    await say(chat, "Where is my parcel?");
    const request = await until(async () => receiver.requests[before]);
    // Signed with the shop's secret; the library verifies it.
    const sent = new Webhook(secret).verify(request.body, request.headers) as WorkflowRequest;
    expect(sent).toMatchObject({
      type: "message.created",
      shop: SHOP,
      callbackUrl: "https://tandem.test/hooks/workflow",
      conversation: { id: chat.id, locale: "en" },
      message: { text: "Where is my parcel?" },
    });
    expect(request.headers["webhook-id"]).toBe(`wfm_${sent.message.id}`);

    const callback = await until(async () => callbacks.find((c) => c.request.body.includes(chat.id)));
    expect(callback.status).toBe(202);
    // The widget polls every ~1.5 s: the next poll after the callback already has the reply.
    await new Promise((r) => setTimeout(r, 1000));
    const { messages } = await poll(chat);
    const reply = messages.find((m) => m.role === "ai");
    expect(reply).toMatchObject({
      text: 'Thanks! Our workflow received: "Where is my parcel?"',
      quickReplies: ["Track my order", "Talk to a person"],
    });

    // The same callback again (n8n retrying): accepted once, nothing added.
    const again = await fetch(`${app.url}/hooks/workflow`, {
      method: "POST",
      headers: callback.request.headers,
      body: callback.request.body,
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ ok: true, duplicate: true });
    expect((await poll(chat)).messages.filter((m) => m.role === "ai")).toHaveLength(1);
  });

  test("the handoff branch hands the chat to the team", async () => {
    mode = "n8n";
    const chat = await startChat();
    await say(chat, "I would like a refund for my jacket");
    const state = await until(async () => {
      const p = await poll(chat);
      return p.conversation.offline || p.conversation.state === "queued" ? p : undefined;
    });
    expect(state.conversation.offline || state.conversation.state === "queued").toBe(true);
    const events = await app.database.db.conversationEvent.findMany({ where: { conversationId: chat.id } });
    expect(events.map((e) => e.data).join(" ")).toContain("workflow:refund_request");
  });

  test("the callback refuses a bad signature, an old timestamp and a bad body, and names the fields", async () => {
    const chat = await startChat();
    const body = JSON.stringify({ conversationId: chat.id, action: "tag", tags: ["vip"] });
    const post = (headers: Record<string, string>, b = body) =>
      fetch(`${app.url}/hooks/workflow`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: b,
      });
    const other = `whsec_${Buffer.alloc(32, 3).toString("base64")}`;
    expect((await post(signedHeaders(other, "msg_1", body))).status).toBe(401);
    expect((await post(signedHeaders(secret, "msg_2", body, new Date(Date.now() - 6 * 60_000)))).status).toBe(401);
    expect((await post({})).status).toBe(401);
    const unknown = JSON.stringify({ conversationId: "nope", action: "close" });
    expect((await post(signedHeaders(secret, "msg_3", unknown), unknown)).status).toBe(401);
    const bad = JSON.stringify({ conversationId: chat.id, action: "reply", quickReplies: "yes" });
    const refused = await post(signedHeaders(secret, "msg_4", bad), bad);
    expect(refused.status).toBe(422);
    expect(
      ((await refused.json()) as { error: { fieldErrors: Record<string, string> } }).error.fieldErrors,
    ).toHaveProperty("quickReplies");
    const tagged = await post(signedHeaders(secret, "msg_5", body));
    expect(tagged.status).toBe(200);
    expect(await tagged.json()).toMatchObject({ ok: true, tags: ["vip"] });
    const row = await app.database.db.conversation.findUniqueOrThrow({ where: { id: chat.id } });
    expect(row.tags).toBe("vip");
    // A reply with nothing waiting for it is a conflict, not a silent drop.
    const reply = JSON.stringify({ conversationId: chat.id, action: "reply", text: "hello" });
    expect((await post(signedHeaders(secret, "msg_6", reply), reply)).status).toBe(409);
  });

  test("when the workflow is down or never calls back, the built-in responder answers and offers a person; the circuit opens in /readyz", async () => {
    mode = "down";
    receiver.always(500);
    const chat = await startChat();
    await say(chat, "Do you ship to Canada?");
    const first = await until(async () => (await poll(chat)).messages.find((m) => m.role === "ai"));
    expect(first.quickReplies).toContain("Talk to a person");
    receiver.always(null);

    mode = "silent";
    const quiet = await startChat();
    const started = Date.now();
    await say(quiet, "Can I pay with PayPal?");
    const answer = await until(async () => (await poll(quiet)).messages.find((m) => m.role === "ai"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
    expect(answer.quickReplies).toContain("Talk to a person");

    mode = "down";
    receiver.always(500);
    const third = await startChat();
    await say(third, "Hello?");
    await until(async () => (await poll(third)).messages.find((m) => m.role === "ai"));
    const ready = (await (await fetch(`${app.url}/readyz`)).json()) as { workflow: { open: number } };
    expect(ready.workflow.open).toBeGreaterThanOrEqual(1);
    // With the circuit open the workflow is not called at all, and the shopper still gets an answer.
    const calls = receiver.requests.length;
    const fourth = await startChat();
    await say(fourth, "Anyone there?");
    await until(async () => (await poll(fourth)).messages.find((m) => m.role === "ai"));
    expect(receiver.requests.length).toBe(calls);
    receiver.always(null);
  });
});
