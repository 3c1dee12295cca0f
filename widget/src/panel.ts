/**
 * The chat panel (tandem-panel.js), loaded on the shopper's first interaction with the launcher.
 * Registers `window.TandemPanel.mount(ctx)`; the loader calls it once with its context.
 */
import { findContact, storefrontPath, variantNumber } from "./format";
import { createView, type Problem } from "./render";
import {
  HUMAN_STATES,
  createStore,
  formFor,
  initialState,
  isAwaiting,
  mergeMessages,
  newReplies,
  type State,
} from "./state";
import { ApiError, createApi, createPoller, pollDelay, type Snapshot } from "./transport";
import { typingReporter } from "./typing";
import type { Conversation, LoaderContext, Message, PanelApi, ProductCard } from "./types";

interface Saved {
  id: string;
  token: string;
  state?: string;
  awaiting?: boolean;
}

/** What the shopper is told about a failed call: the API's code, the field it names, when to retry. */
function problemOf(error: unknown): Problem {
  if (!(error instanceof ApiError)) return { code: "network" };
  return {
    code: error.transient ? "network" : error.code,
    ...(error.field ? { field: error.field } : {}),
    ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}),
  };
}

const uid = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export function mount(ctx: LoaderContext): PanelApi {
  const { config, storage, t } = ctx;
  const api = createApi(config.proxy || "/apps/tandem");
  const store = createStore<State>(initialState());
  let saved = storage.get<Saved>("conversation");
  let prechat: Record<string, string> | null = null;
  let resumed = !saved;
  let creating: Promise<Saved> | null = null;
  let configLoaded = false;

  // The operator sees the shopper typing (only once a conversation exists, never in the theme editor).
  const typing = typingReporter((active) => {
    if (!saved || config.designMode || store.get().conversation?.state === "closed") return;
    api.typing(saved.id, saved.token, active).catch(() => undefined);
  });

  const view = createView(ctx, {
    send: (text) => {
      typing.stopped();
      send(text);
    },
    typing: (active) => typing.changed(active),
    retry: (m) => {
      store.set({ messages: store.get().messages.map((x) => (x.id === m.id ? { ...x, local: "sending" } : x)) });
      void deliver({ ...m, local: "sending" });
    },
    escalate,
    endChat,
    minimise: () => close(),
    retryConnection: () => poller.now(),
    contactDefaults: () => prechat ?? {},
    prechat: (details) => {
      prechat = details;
      store.set({ form: null });
      view.focusInput();
    },
    contact,
    rate,
    newChat,
    addToCart,
    openLookup: (prefill) => store.set({ lookup: prefill ?? {} }),
    closeLookup: () => {
      store.set({ lookup: null });
      view.focusInput();
    },
    lookup,
  });
  const { panel } = view;

  // ---- persistence (only ever written after the shopper has interacted)
  function persist() {
    const s = store.get();
    if (!saved) return;
    saved = { ...saved, state: s.conversation?.state ?? saved.state, awaiting: isAwaiting(s) };
    storage.set("conversation", saved);
  }

  // ---- applying server data
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

  // ---- polling
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
        const s = store.get();
        apply(await api.poll(conv.id, conv.token, s.cursor));
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
    },
  });

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && saved) poller.now();
    else poller.schedule();
  });

  // ---- conversation lifecycle
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

  function send(text: string) {
    const value = text.trim().slice(0, 2000);
    if (!value) return;
    // While the contact form waits, an email or phone number typed in the chat belongs in the form:
    // it is offered there and never reaches the assistant.
    if (store.get().form === "offline") {
      const contact = findContact(value);
      if (contact.email || contact.phone) {
        view.offerContact({ ...contact, text: value });
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
    if (config.designMode) {
      store.set({
        messages: [
          ...store.get().messages,
          { ...local, local: undefined },
          { id: uid(), role: "system", text: t("preview") },
        ],
      });
      return;
    }
    store.set({ messages: [...store.get().messages, local], awaitingSince: Date.now() });
    void deliver(local);
  }

  async function deliver(local: Message, fresh = false) {
    let conv: Saved | undefined;
    try {
      conv = await ensureConversation();
      const data = await api.send(conv.id, conv.token, local.clientMessageId as string, local.text);
      const s = store.get();
      const messages = s.messages.filter((m) => m.id !== local.id);
      store.set({
        messages: data?.message ? mergeMessages(messages, [data.message]) : messages,
        awaitingSince: Date.now(),
        connection: "ok",
      });
      persist();
      poller.schedule();
    } catch (error) {
      if (!fresh && conv && error instanceof ApiError && error.status === 404) {
        // The conversation is not this shopper's any more (e.g. they signed in): a new one takes the message.
        forget(conv);
        store.set({ messages: [...store.get().messages.filter((m) => m.id !== local.id), local] });
        return deliver(local, true);
      }
      const s = store.get();
      const problem = problemOf(error);
      const failure = {
        code: problem.code,
        ...(problem.retryAfter ? { retryAt: Date.now() + problem.retryAfter * 1000 } : {}),
      };
      store.set({
        messages: s.messages.map((m) => (m.id === local.id ? { ...m, local: "failed", failure } : m)),
        awaitingSince: null,
        connection: problem.code === "network" ? "retrying" : s.connection,
      });
    }
  }

  /** Runs a call; a lost conversation resets the panel, a lost connection shows the banner. */
  async function guarded<T>(fn: () => Promise<T>): Promise<T | Problem> {
    try {
      const result = await fn();
      if (store.get().connection !== "ok") store.set({ connection: "ok" });
      return result;
    } catch (error) {
      const problem = problemOf(error);
      if (problem.code === "not_found") reset();
      else if (problem.code === "network") store.set({ connection: "retrying" });
      return problem;
    }
  }

  async function escalate() {
    if (config.designMode) return;
    await guarded(async () => {
      const conv = await ensureConversation();
      const data = await api.escalate(conv.id, conv.token);
      const conversation = data?.conversation;
      const offline = conversation?.offline ?? false;
      if (conversation) apply({ conversation });
      // Asked again after a ticket: the form comes back (the same ticket answers it).
      if (offline && store.get().form !== "offline") store.set({ form: "offline" });
      poller.now();
    });
  }

  async function contact(details: {
    email: string;
    name?: string;
    phone?: string;
    message?: string;
  }): Promise<Problem | null> {
    return guarded(async () => {
      const conv = await ensureConversation();
      const data = await api.contact(conv.id, conv.token, details);
      if (data?.ticket) store.set({ form: "ticket", ticket: { number: data.ticket.number, email: details.email } });
      poller.now();
      return null;
    });
  }

  /** A ticket lookup: its 404 means "no such ticket for that email", not a lost conversation. */
  async function lookup(number: string, email: string) {
    try {
      const data = await api.ticket(number, email);
      if (!data?.ticket) throw new ApiError(500, "bad_response");
      return data;
    } catch (error) {
      return problemOf(error);
    }
  }

  async function endChat() {
    if (!saved) return;
    const conv = saved;
    await guarded(async () => {
      const data = await api.close(conv.id, conv.token);
      apply({ conversation: data?.conversation ?? { ...(store.get().conversation as Conversation), state: "closed" } });
      store.set({ form: "rating" });
    });
  }

  async function rate(score: number, comment: string) {
    if (!saved) return;
    const conv = saved;
    await guarded(async () => {
      await api.rating(conv.id, conv.token, score, comment || undefined);
      store.set({ form: "rated" });
    });
  }

  function newChat() {
    reset();
    prechat = null;
    maybePrechat();
    view.focusInput();
  }

  async function addToCart(card: ProductCard): Promise<boolean> {
    if (card.variantId === undefined || card.variantId === null) return false;
    try {
      const res = await fetch(storefrontPath(config.root, "cart/add.js"), {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ items: [{ id: variantNumber(card.variantId), quantity: 1 }] }),
        credentials: "same-origin",
      });
      if (!res.ok) return false;
      await refreshCartCount();
      ctx.emit("cart:added", { variantId: card.variantId });
      return true;
    } catch {
      return false;
    }
  }

  /** Updates the theme's cart count where it can be found; themes can listen to tandem:cart:updated. */
  async function refreshCartCount() {
    try {
      const res = await fetch(storefrontPath(config.root, "cart.js"), {
        headers: { accept: "application/json" },
        credentials: "same-origin",
      });
      const cart = (await res.json()) as { item_count?: number };
      if (typeof cart.item_count === "number") {
        document
          .querySelectorAll<HTMLElement>(
            "[data-cart-count], .cart-count, .cart-count-bubble span[aria-hidden='true'], .cart-count-bubble > span:first-child",
          )
          .forEach((el) => (el.textContent = String(cart.item_count)));
      }
      ctx.emit("cart:updated", cart);
      document.documentElement.dispatchEvent(new CustomEvent("cart:refresh", { bubbles: true }));
    } catch {
      /* the confirmation in the card is enough */
    }
  }

  function maybePrechat() {
    const s = store.get();
    if (config.prechat.enabled && !config.customer && !saved && !prechat && !s.form && !config.designMode)
      store.set({ form: "prechat" });
  }

  // ---- open / close
  let returnFocus: HTMLElement | null = null;
  const narrow = () => window.matchMedia("(max-width: 640px)").matches;

  function open(focus = true) {
    if (!store.get().open) {
      returnFocus = focus ? ctx.launcher : null;
      store.set({ open: true, unread: 0 });
      ctx.setBadge(0);
      ctx.setExpanded(true);
      ctx.emit("open");
      if (saved) storage.set("open", true);
      maybePrechat();
      fitViewport();
      if (!configLoaded && !config.designMode) {
        configLoaded = true;
        api.config().then(
          (c) =>
            store.set({
              ...(typeof c?.online === "boolean" ? { online: c.online } : {}),
              greeting: typeof c?.greeting === "string" ? c.greeting : null,
              handoff: c?.features?.handoff !== false,
              timezone: typeof c?.timezone === "string" ? c.timezone : null,
            }),
          () => store.get().greeting === undefined && store.set({ greeting: null }),
        );
        // A slow answer must not keep the welcome away: the default shows after a moment.
        setTimeout(() => store.get().greeting === undefined && store.set({ greeting: null }), 1500);
      }
      if (saved) poller.now();
    }
    if (focus) view.focusInput();
  }

  function close() {
    if (!store.get().open) return;
    const hadFocus = ctx.root.activeElement && panel.contains(ctx.root.activeElement);
    store.set({ open: false });
    ctx.setExpanded(false);
    ctx.emit("close");
    if (saved) storage.set("open", false);
    poller.schedule();
    if (hadFocus || returnFocus) ctx.launcher.focus();
  }

  // Esc also works when focus fell back to the page (e.g. the focused control disappeared).
  document.addEventListener("keydown", (e) => {
    const active = document.activeElement;
    if (e.key === "Escape" && store.get().open && (!active || active === document.body || active.id === "tandem-chat"))
      close();
  });

  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      close();
    } else if (e.key === "Tab" && narrow()) {
      // Full-screen on small screens: keep focus inside the dialog.
      const items = [...panel.querySelectorAll<HTMLElement>("button,textarea,input,a[href],[tabindex='0']")].filter(
        (el) => !el.closest("[hidden]") && !(el as HTMLButtonElement).disabled,
      );
      const first = items[0];
      const last = items[items.length - 1];
      const active = ctx.root.activeElement;
      if (e.shiftKey && active === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && active === last) {
        e.preventDefault();
        first?.focus();
      }
    }
  });

  // iOS: keep the input above the on-screen keyboard in the full-screen panel.
  function fitViewport() {
    const vv = window.visualViewport;
    if (vv && narrow()) panel.style.setProperty("--vh", `${vv.height}px`);
    else panel.style.removeProperty("--vh");
  }
  window.visualViewport?.addEventListener("resize", fitViewport);

  store.subscribe((state, previous) => {
    panel.hidden = !state.open;
    panel.setAttribute("aria-modal", String(state.open && narrow()));
    view.render(state, previous);
    if (state.conversation?.state !== previous.conversation?.state) poller.schedule();
  });
  view.render(store.get());

  if (saved) poller.now();

  return {
    open,
    close,
    isOpen: () => store.get().open,
    send(text: string) {
      open(false);
      send(text);
    },
  };
}

(window as unknown as { TandemPanel: { mount: typeof mount } }).TandemPanel = { mount };
