/** The panel's state: a small typed store plus the pure rules for merging what the API returns. */
import type { Conversation, Cursor, Message } from "./types";

/**
 * What the panel asks of the shopper. "offline" (the contact form while nobody is available) and
 * "ticket" (its confirmation) sit at the end of the conversation and leave the composer usable; the
 * others replace the composer.
 */
export type Form = null | "prechat" | "offline" | "ticket" | "rating" | "rated";

export interface State {
  conversation: Conversation | null;
  messages: Message[];
  cursor: Cursor | null;
  /** When the shopper last sent a message that still awaits a reply (ms since epoch). */
  awaitingSince: number | null;
  connection: "ok" | "retrying";
  form: Form;
  ticket: { number: string | number; email: string } | null;
  online: boolean | null;
  open: boolean;
  unread: number;
  /** The admin's greeting from GET /proxy/config: undefined until it answered, null when none is set. */
  greeting: string | null | undefined;
  /** The admin's "Show the Talk to a person button" (GET /proxy/config features.handoff). */
  handoff: boolean;
  /** The shop's IANA time zone (GET /proxy/config), for the dates the shopper reads. */
  timezone: string | null;
  /** The ticket lookup, shown over the conversation, with what to fill in. */
  lookup: { number?: string; email?: string } | null;
}

export const initialState = (): State => ({
  conversation: null,
  messages: [],
  cursor: null,
  awaitingSince: null,
  connection: "ok",
  form: null,
  ticket: null,
  online: null,
  open: false,
  unread: 0,
  greeting: undefined,
  handoff: true,
  timezone: null,
  lookup: null,
});

export interface Store<S> {
  get(): S;
  set(patch: Partial<S>): void;
  subscribe(fn: (state: S, previous: S) => void): () => void;
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const subscribers = new Set<(state: S, previous: S) => void>();
  return {
    get: () => state,
    set(patch) {
      const previous = state;
      state = { ...state, ...patch };
      subscribers.forEach((fn) => fn(state, previous));
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  };
}

/**
 * Upserts messages by id (a growing AI reply replaces its earlier text), keeps server order by
 * creation time, drops an optimistic local copy (sending, or waiting for its automatic retry) once the
 * server's copy of that text arrives, and keeps
 * still-local messages last.
 */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  let locals = current.filter((m) => m.local);
  for (const m of incoming) {
    if (!m || typeof m.id !== "string") continue;
    byId.set(m.id, { ...byId.get(m.id), ...m, local: undefined });
    if (m.role === "shopper") {
      // A copy that is being sent or retried by itself: an earlier try may have been stored.
      const i = locals.findIndex(
        (l) => l.text.trim() === m.text.trim() && (l.local === "sending" || l.failure?.auto === true),
      );
      if (i >= 0) {
        byId.delete(locals[i]!.id);
        locals = locals.filter((_, j) => j !== i);
      }
    }
  }
  const server = [...byId.values()].filter((m) => !m.local);
  const order = new Map(server.map((m, i) => [m.id, i]));
  server.sort((a, b) => {
    const ta = a.createdAt ? Date.parse(a.createdAt) : NaN;
    const tb = b.createdAt ? Date.parse(b.createdAt) : NaN;
    if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
    return (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
  });
  return [...server, ...locals];
}

/** A reply is still expected: the shopper spoke last (within a minute) or an AI reply is growing. */
export function isAwaiting(state: Pick<State, "messages" | "awaitingSince">, now = Date.now()): boolean {
  if (state.messages.some((m) => m.status === "streaming")) return true;
  if (state.awaitingSince === null || now - state.awaitingSince > 60_000) return false;
  const last = [...state.messages].reverse().find((m) => !m.local);
  return !last || last.role === "shopper";
}

export const HUMAN_STATES = new Set(["queued", "assigned", "waiting_shopper"]);

/**
 * The form the conversation itself asks for: the contact form while an escalation found nobody
 * (`offline`, until the details are in or a person takes the chat), the rating once it is closed.
 * A form the shopper is already in (pre-chat, a ticket confirmation) is kept.
 */
export function formFor(conversation: Conversation | null, current: Form): Form {
  if (conversation?.state === "closed") return current === "rated" ? "rated" : "rating";
  const asksContact = conversation?.offline === true && conversation.state === "ai";
  if (asksContact && current === null) return "offline";
  if (!asksContact && current === "offline") return null;
  return current;
}

/** Messages that count toward the unread badge: replies from the AI or a person, first seen now. */
export function newReplies(before: Message[], after: Message[]): Message[] {
  const seen = new Set(before.map((m) => m.id));
  return after.filter((m) => !seen.has(m.id) && (m.role === "ai" || m.role === "operator"));
}
