/** A shopper's side of the widget API for the security tests: signed calls against a running app. */
import { expect } from "vitest";
import { proxyFetch } from "../../integration/support/proxy-server";

export interface Chat {
  appUrl: string;
  shop: string;
  id: string;
  token: string;
  ip: string;
  customerId?: string;
}

export interface WidgetMessage {
  id: string;
  role: string;
  text: string;
  status: string;
  quickReplies?: string[];
}

export async function startChat(appUrl: string, shop: string, who: { ip: string; customerId?: string }): Promise<Chat> {
  const res = await proxyFetch(appUrl, shop, "/conversations", { body: { locale: "en" }, ...who });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { conversation: { id: string }; visitorToken: string };
  return { appUrl, shop, id: body.conversation.id, token: body.visitorToken, ...who };
}

let sent = 0;

/** Sends a shopper message (a new clientMessageId unless one is given); returns the response. */
export function send(chat: Chat, text: string, clientMessageId = `m-${++sent}-${Date.now()}`): Promise<Response> {
  return proxyFetch(chat.appUrl, chat.shop, `/conversations/${chat.id}/messages`, {
    body: { token: chat.token, clientMessageId, text },
    ip: chat.ip,
    customerId: chat.customerId,
  });
}

/** Every message of the conversation, as the widget sees it. */
export async function messages(chat: Chat): Promise<WidgetMessage[]> {
  const res = await proxyFetch(chat.appUrl, chat.shop, `/conversations/${chat.id}/poll`, {
    query: { token: chat.token, after: "0" },
    ip: chat.ip,
    customerId: chat.customerId,
  });
  if (res.status === 204) return [];
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: WidgetMessage[] }).messages;
}

/** Sends a message and waits for the assistant's final reply to it. */
export async function ask(chat: Chat, text: string, timeoutMs = 20_000): Promise<WidgetMessage> {
  const before = (await messages(chat)).filter((m) => m.role === "ai").length;
  const res = await send(chat, text);
  expect(res.status).toBe(201);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const replies = (await messages(chat)).filter((m) => m.role === "ai" && m.status !== "streaming");
    if (replies.length > before) return replies.at(-1)!;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the assistant did not reply");
}
