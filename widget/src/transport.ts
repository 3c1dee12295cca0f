/**
 * Calls to the widget API (App Proxy, same origin, JSON, no cookies needed) and the adaptive poller.
 * Tokens travel in the body or the query string (the App Proxy strips cookies).
 */
import type { Api as Contract, Conversation, Cursor, Message, RuntimeConfig } from "./types";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly retryAfter?: number,
    /** The server's message, e.g. "phone: not a phone number" for a 422 (for field errors, never shown as is). */
    readonly detail?: string,
  ) {
    super(`${status} ${code}`);
  }
  /** The request field a 422 names ("phone: …" → "phone"). */
  get field(): string | undefined {
    return this.status === 422 ? /^(\w+):/.exec(this.detail ?? "")?.[1] : undefined;
  }
  /** Network failure, timeout or a server error: worth retrying, and the shopper should know. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** A failed call as the shopper is told about it: the API's error code, the field it names, when to retry. */
export interface Problem {
  code: string;
  field?: string;
  retryAfter?: number;
}

/** What the shopper is told about a failed call ("network" for anything transient). */
export function problemOf(error: unknown): Problem {
  if (!(error instanceof ApiError)) return { code: "network" };
  return {
    code: error.transient ? "network" : error.code,
    ...(error.field ? { field: error.field } : {}),
    ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}),
  };
}

export interface Snapshot {
  conversation: Conversation;
  messages: Message[];
  cursor: Cursor;
}

type Fetch = typeof fetch;
type Query = Record<string, string>;

export function createApi(base: string, fetchImpl: Fetch = (...a) => fetch(...a), timeoutMs = 15_000) {
  const prefix = `/${base.trim().replace(/^\/+|\/+$/g, "")}`;

  async function call<T>(method: string, path: string, body?: object, query?: Query): Promise<T | null> {
    const url = new URL(prefix + path, location.origin);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let res: Response;
    try {
      res = await fetchImpl(url.href, {
        method,
        headers: body
          ? { "content-type": "application/json", accept: "application/json" }
          : { accept: "application/json" },
        body: body ? JSON.stringify(body) : undefined,
        credentials: "same-origin",
        cache: "no-store",
        signal: controller.signal,
      });
    } catch {
      throw new ApiError(0, "network");
    } finally {
      clearTimeout(timer);
    }
    if (res.status === 204) return null;
    let data: unknown = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    if (!res.ok) {
      const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
      const retry = Number(res.headers.get("retry-after"));
      throw new ApiError(
        res.status,
        error?.code ?? `http_${res.status}`,
        Number.isFinite(retry) && retry > 0 ? retry : undefined,
        typeof error?.message === "string" ? error.message : undefined,
      );
    }
    return data as T;
  }

  const c = (id: string) => `/conversations/${encodeURIComponent(id)}`;
  // Requests and answers typed by the server's contract module (app/contracts/widget-api.ts).
  return {
    config: () => call<RuntimeConfig>("GET", "/config"),
    create: (body: Contract.StartRequest) =>
      call<Snapshot & Pick<Contract.StartAnswer, "visitorToken">>("POST", "/conversations", body),
    resume: (id: string, token: string) => call<Snapshot>("GET", c(id), undefined, { token }),
    send: (id: string, token: string, clientMessageId: string, text: string) =>
      call<Omit<Contract.SendAnswer, "message"> & { message: Message }>("POST", `${c(id)}/messages`, {
        token,
        clientMessageId,
        text,
      } satisfies Contract.SendRequest),
    /** null when nothing changed (204). */
    poll: (id: string, token: string, after: Cursor | null) =>
      call<Partial<Snapshot>>("GET", `${c(id)}/poll`, undefined, { token, after: String(after ?? 0) }),
    escalate: (id: string, token: string) =>
      call<Contract.ConversationAnswer>("POST", `${c(id)}/escalate`, { token } satisfies Contract.EscalateRequest),
    contact: (id: string, token: string, details: Omit<Contract.ContactRequest, "token">) =>
      call<Contract.ContactAnswer>("POST", `${c(id)}/contact`, { token, ...details } satisfies Contract.ContactRequest),
    rating: (id: string, token: string, score: number, comment?: string) =>
      call<unknown>("POST", `${c(id)}/rating`, {
        token,
        score,
        ...(comment ? { comment } : {}),
      } satisfies Contract.RatingRequest),
    close: (id: string, token: string) =>
      call<Contract.ConversationAnswer>("POST", `${c(id)}/close`, { token } satisfies Contract.CloseRequest),
    /** The shopper is typing (true) or stopped (false): the operator sees it in the conversation view. */
    typing: (id: string, token: string, typing: boolean) =>
      call<unknown>("POST", `${c(id)}/typing`, { token, typing } satisfies Contract.TypingRequest),
    ticket: (number: string, email: string) =>
      call<Contract.TicketAnswer>("GET", `/tickets/${encodeURIComponent(number)}`, undefined, { email }),
  };
}

export type Api = ReturnType<typeof createApi>;

export interface PollContext {
  conversation: boolean;
  closed: boolean;
  hidden: boolean;
  open: boolean;
  /** A reply (AI or person) is expected soon, or an AI reply is still growing. */
  awaiting: boolean;
  /** A person holds or is about to take the chat (queued, assigned, waiting_shopper). */
  human: boolean;
}

/**
 * How long until the next poll, or null for no polling: ~1 s while a reply is awaited, ~3 s while open
 * and idle, 15–30 s while minimised with a human chat (for the unread badge), none otherwise.
 */
export function pollDelay(s: PollContext, random: () => number = Math.random): number | null {
  if (!s.conversation || s.closed || s.hidden) return null;
  if (s.awaiting) return 1000;
  if (s.open) return 3000;
  if (s.human) return 15_000 + Math.round(random() * 15_000);
  return null;
}

/** Exponential backoff with jitter ("equal jitter"), capped at 30 s; honours Retry-After. */
export function backoffDelay(failures: number, random: () => number = Math.random, retryAfterSeconds?: number): number {
  const cap = Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
  const delay = Math.round(cap / 2 + random() * (cap / 2));
  return retryAfterSeconds ? Math.max(delay, retryAfterSeconds * 1000) : delay;
}

export interface Poller {
  /** Re-plan the next poll from the current state (cancels a pending timer). */
  schedule(): void;
  /** Poll now (e.g. the tab became visible). */
  now(): void;
  stop(): void;
  failures(): number;
}

export function createPoller(opts: {
  tick: () => Promise<void>;
  delay: () => number | null;
  onError: (error: unknown, failures: number) => void;
  onRecover: () => void;
}): Poller {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let failures = 0;
  let stopped = false;

  const arm = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(fire, ms);
  };
  const plan = () => {
    const d = opts.delay();
    clearTimeout(timer);
    if (d !== null) arm(d);
  };
  async function fire() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await opts.tick();
      if (failures > 0) opts.onRecover();
      failures = 0;
      running = false;
      if (again) {
        again = false;
        return fire();
      }
      plan();
    } catch (error) {
      failures++;
      running = false;
      again = false;
      opts.onError(error, failures);
      if (opts.delay() !== null || failures > 0) {
        arm(backoffDelay(failures, Math.random, error instanceof ApiError ? error.retryAfter : undefined));
      }
    }
  }
  return {
    schedule: () => {
      if (!running && failures === 0) plan();
    },
    now: () => {
      clearTimeout(timer);
      void fire();
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    failures: () => failures,
  };
}
