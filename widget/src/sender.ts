/**
 * Sending the shopper's messages: the optimistic local copy, the call, and retries. A send that
 * fails for a transient reason (no network, a timeout, a 5xx such as the 503 of a database outage)
 * is tried again by itself with the same `clientMessageId` — the server stores a message once per
 * id, so a retry whose earlier try did arrive duplicates nothing — after a backoff that honours
 * Retry-After (capped), up to AUTO_RETRIES times; then it waits for the shopper's Retry. Meanwhile
 * the message says "Not sent. Trying again in N s…" and the banner says the connection is lost.
 */
import { findContact } from "./format";
import { mergeMessages, type State, type Store } from "./state";
import { ApiError, backoffDelay, problemOf, type Api } from "./transport";
import type { Session } from "./session";
import type { Message } from "./types";

/** Automatic retries of one message before it waits for the shopper. */
export const AUTO_RETRIES = 8;
/** The longest Retry-After the panel waits for by itself (seconds). */
export const MAX_RETRY_AFTER_S = 60;

/** When the `attempt`-th automatic retry goes (ms from now): backoff with jitter, at least Retry-After. */
export function sendRetryDelay(
  attempt: number,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number {
  return backoffDelay(attempt, random, retryAfterSeconds ? Math.min(retryAfterSeconds, MAX_RETRY_AFTER_S) : undefined);
}

const uid = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export interface SenderDeps {
  api: Api;
  store: Store<State>;
  session: Session;
  designMode: boolean;
  t(key: string): string;
  /** An email or phone number typed while the contact form waits goes into the form instead. */
  offerContact(found: { email?: string; phone?: string; text: string }): void;
}

export function createSender({ api, store, session, designMode, t, offerContact }: SenderDeps) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const attempts = new Map<string, number>();

  const patchMessage = (id: string, patch: Partial<Message>) =>
    store.set({ messages: store.get().messages.map((m) => (m.id === id ? { ...m, ...patch } : m)) });

  function send(text: string) {
    const value = text.trim().slice(0, 2000);
    if (!value) return;
    if (store.get().form === "offline") {
      const contact = findContact(value);
      if (contact.email || contact.phone) {
        offerContact({ ...contact, text: value });
        return;
      }
    }
    const clientMessageId = uid();
    const local: Message = {
      id: `local-${clientMessageId}`,
      clientMessageId,
      role: "shopper",
      text: value,
      local: "sending",
    };
    if (designMode) {
      const preview: Message = { id: uid(), role: "system", text: t("preview") };
      store.set({ messages: [...store.get().messages, { ...local, local: undefined }, preview] });
      return;
    }
    store.set({ messages: [...store.get().messages, local], awaitingSince: Date.now() });
    void deliver(local);
  }

  /** Sends `local` now (the shopper's Retry, a scheduled retry, the connection coming back). */
  function retry(local: Message, byShopper = true) {
    clearTimeout(timers.get(local.id));
    timers.delete(local.id);
    const current = store.get().messages.find((m) => m.id === local.id);
    // The server's copy arrived meanwhile (an earlier try was stored): nothing to send.
    if (!current) return;
    if (byShopper) attempts.delete(local.id);
    patchMessage(local.id, { local: "sending", failure: undefined });
    void deliver({ ...current, local: "sending", failure: undefined });
  }

  async function deliver(local: Message, fresh = false) {
    let conv: Awaited<ReturnType<Session["ensureConversation"]>> | undefined;
    try {
      conv = await session.ensureConversation();
      const data = await api.send(conv.id, conv.token, local.clientMessageId as string, local.text);
      attempts.delete(local.id);
      const messages = store.get().messages.filter((m) => m.id !== local.id);
      store.set({
        messages: data?.message ? mergeMessages(messages, [data.message]) : messages,
        awaitingSince: Date.now(),
        connection: "ok",
      });
      session.persist();
      session.poller.schedule();
    } catch (error) {
      if (!fresh && conv && error instanceof ApiError && error.status === 404) {
        // The conversation is not this shopper's any more (e.g. they signed in): a new one takes the message.
        session.forget(conv);
        store.set({ messages: [...store.get().messages.filter((m) => m.id !== local.id), local] });
        return deliver(local, true);
      }
      if (!store.get().messages.some((m) => m.id === local.id)) return;
      const problem = problemOf(error);
      const attempt = (attempts.get(local.id) ?? 0) + 1;
      attempts.set(local.id, attempt);
      const auto = problem.code === "network" && attempt <= AUTO_RETRIES;
      const delay = auto ? sendRetryDelay(attempt, problem.retryAfter) : (problem.retryAfter ?? 0) * 1000;
      const failure = {
        code: problem.code,
        ...(delay ? { retryAt: Date.now() + delay } : {}),
        ...(auto ? { auto } : {}),
      };
      const s = store.get();
      store.set({
        messages: s.messages.map((m) => (m.id === local.id ? { ...m, local: "failed", failure } : m)),
        awaitingSince: null,
        connection: problem.code === "network" ? "retrying" : s.connection,
      });
      if (auto)
        timers.set(
          local.id,
          setTimeout(() => retry(local, false), delay),
        );
    }
  }

  /** The connection is back: messages waiting for their automatic retry go now. */
  function flush() {
    for (const m of store.get().messages) if (m.local === "failed" && m.failure?.auto) retry(m, false);
  }

  return { send, retry: (m: Message) => retry(m), flush };
}
