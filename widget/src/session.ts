/**
 * The conversation's lifecycle in the panel: the saved conversation (id and visitor token), what
 * the server's answers change in the store, forgetting a lost conversation, creating one on the
 * first message, and the adaptive poller. Views never call this; the panel's controller does.
 */
import {
  HUMAN_STATES,
  formFor,
  initialState,
  isAwaiting,
  mergeMessages,
  newReplies,
  type State,
  type Store,
} from "./state";
import { ApiError, createPoller, pollDelay, type Api, type Snapshot } from "./transport";
import type { LoaderContext } from "./types";

export interface Saved {
  id: string;
  token: string;
  state?: string;
  awaiting?: boolean;
}

export function createSession(ctx: LoaderContext, api: Api, store: Store<State>) {
  const { config, storage } = ctx;
  let saved = storage.get<Saved>("conversation");
  let resumed = !saved;
  let creating: Promise<Saved> | null = null;
  /** What the pre-chat form asked (sent with the new conversation). */
  let prechat: Record<string, string> | null = null;
  /** Called when the connection came back after failed polls. */
  let onRecover = () => {};

  /** Only ever written after the shopper has interacted. */
  function persist() {
    const s = store.get();
    if (!saved) return;
    saved = { ...saved, state: s.conversation?.state ?? saved.state, awaiting: isAwaiting(s) };
    storage.set("conversation", saved);
  }

  function apply(data: Partial<Snapshot> | null) {
    if (!data) return;
    const s = store.get();
    const messages = data.messages ? mergeMessages(s.messages, data.messages) : s.messages;
    const fresh = newReplies(s.messages, messages);
    const conversation = data.conversation ?? s.conversation;
    // Every way of asking for a person with nobody there ends here: the conversation says `offline`.
    const form = formFor(conversation, s.form);
    const patch: Partial<State> = { messages, conversation, connection: "ok", form };
    if (data.cursor !== undefined && data.cursor !== null) patch.cursor = data.cursor;
    if (conversation?.online !== undefined) patch.online = conversation.online;
    if (!s.open && fresh.length) {
      patch.unread = s.unread + fresh.length;
      ctx.setBadge(patch.unread);
    }
    if (fresh.length) ctx.emit("message", { count: fresh.length });
    store.set(patch);
    persist();
  }

  function reset() {
    saved = null;
    storage.remove("conversation");
    storage.remove("open");
    const { open, online, greeting, handoff, timezone } = store.get();
    store.set({ ...initialState(), open, online, greeting, handoff, timezone });
    ctx.setBadge(0);
  }

  /**
   * 404 on a conversation: it is gone, or it belongs to another sign-in (the app binds a chat to the
   * customer, or guest, who started it). Forget it, unless a newer one replaced it meanwhile; the
   * next message starts a fresh conversation.
   */
  function forget(conv: Saved) {
    if (saved?.id === conv.id) reset();
  }

  const poller = createPoller({
    async tick() {
      if (!saved || config.designMode) return;
      const conv = saved;
      try {
        if (!resumed) {
          apply(await api.resume(conv.id, conv.token));
          resumed = true;
          return;
        }
        apply(await api.poll(conv.id, conv.token, store.get().cursor));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          forget(conv);
          return;
        }
        throw error;
      }
    },
    delay() {
      const s = store.get();
      const state = s.conversation?.state ?? saved?.state;
      return pollDelay({
        conversation: !!saved && !config.designMode,
        closed: state === "closed",
        hidden: document.visibilityState === "hidden",
        open: s.open,
        awaiting: isAwaiting(s) || (!resumed && !!saved?.awaiting),
        human: !!state && HUMAN_STATES.has(state),
      });
    },
    onError(error) {
      if (error instanceof ApiError && !error.transient) return;
      store.set({ connection: "retrying" });
    },
    onRecover() {
      store.set({ connection: "ok" });
      onRecover();
    },
  });

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && saved) poller.now();
    else poller.schedule();
  });

  function ensureConversation(): Promise<Saved> {
    if (saved) return Promise.resolve(saved);
    creating ??= api
      .create({
        locale: config.locale,
        pageUrl: location.origin + location.pathname,
        ...(prechat ? { visitor: prechat } : {}),
      })
      .then((data) => {
        if (!data?.conversation || !data.visitorToken) throw new ApiError(500, "bad_response");
        saved = { id: data.conversation.id, token: data.visitorToken, state: data.conversation.state };
        resumed = true;
        storage.set("conversation", saved);
        if (store.get().open) storage.set("open", true);
        apply(data);
        return saved;
      })
      .finally(() => {
        creating = null;
      });
    return creating;
  }

  return {
    saved: () => saved,
    prechat: () => prechat,
    setPrechat(details: Record<string, string> | null) {
      prechat = details;
    },
    onRecover(fn: () => void) {
      onRecover = fn;
    },
    persist,
    apply,
    reset,
    forget,
    poller,
    ensureConversation,
  };
}

export type Session = ReturnType<typeof createSession>;
