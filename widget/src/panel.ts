/**
 * The chat panel (tandem-panel.js), loaded on the shopper's first interaction with the launcher.
 * Registers `window.TandemPanel.mount(ctx)`; the loader calls it once with its context. This is the
 * controller: it wires the store, the conversation (session.ts), sending (sender.ts), the other
 * requests (actions.ts) and the view (render.ts), and owns opening, closing and the keyboard.
 */
import { createView } from "./render";
import { createStore, initialState, type State } from "./state";
import { createApi } from "./transport";
import { createSession } from "./session";
import { createSender } from "./sender";
import { createActions } from "./actions";
import { typingReporter } from "./typing";
import type { LoaderContext, PanelApi } from "./types";

export function mount(ctx: LoaderContext): PanelApi {
  const { config, storage, t } = ctx;
  const api = createApi(config.proxy || "/apps/tandem");
  const store = createStore<State>(initialState());
  const session = createSession(ctx, api, store);
  const actions = createActions(ctx, api, store, session);
  let configLoaded = false;

  // The operator sees the shopper typing (only once a conversation exists, never in the theme editor).
  const typing = typingReporter((active) => {
    const conv = session.saved();
    if (!conv || config.designMode || store.get().conversation?.state === "closed") return;
    api.typing(conv.id, conv.token, active).catch(() => undefined);
  });

  const view = createView(ctx, {
    send: (text) => {
      typing.stopped();
      sender.send(text);
    },
    typing: (active) => typing.changed(active),
    retry: (m) => sender.retry(m),
    escalate: actions.escalate,
    endChat: actions.endChat,
    minimise: () => close(),
    retryConnection: () => {
      session.poller.now();
      sender.flush();
    },
    contactDefaults: () => session.prechat() ?? {},
    prechat: (details) => {
      session.setPrechat(details);
      store.set({ form: null });
      view.focusInput();
    },
    contact: actions.contact,
    rate: actions.rate,
    newChat,
    addToCart: actions.addToCart,
    openLookup: (prefill) => store.set({ lookup: prefill ?? {} }),
    closeLookup: () => {
      store.set({ lookup: null });
      view.focusInput();
    },
    lookup: actions.lookup,
  });
  const { panel } = view;
  const sender = createSender({
    api,
    store,
    session,
    designMode: config.designMode,
    t,
    offerContact: view.offerContact,
  });
  // Polls work again: messages waiting for their automatic retry go at once.
  session.onRecover(() => sender.flush());

  function newChat() {
    session.reset();
    session.setPrechat(null);
    maybePrechat();
    view.focusInput();
  }

  function maybePrechat() {
    const s = store.get();
    const asks = config.prechat.enabled && !config.customer && !config.designMode;
    if (asks && !session.saved() && !session.prechat() && !s.form) store.set({ form: "prechat" });
  }

  function loadConfig() {
    if (configLoaded || config.designMode) return;
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
      if (session.saved()) storage.set("open", true);
      maybePrechat();
      fitViewport();
      loadConfig();
      if (session.saved()) session.poller.now();
    }
    if (focus) view.focusInput();
  }

  function close() {
    if (!store.get().open) return;
    const hadFocus = ctx.root.activeElement && panel.contains(ctx.root.activeElement);
    store.set({ open: false });
    ctx.setExpanded(false);
    ctx.emit("close");
    if (session.saved()) storage.set("open", false);
    session.poller.schedule();
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
    if (state.conversation?.state !== previous.conversation?.state) session.poller.schedule();
  });
  view.render(store.get());

  if (session.saved()) session.poller.now();

  return {
    open,
    close,
    isOpen: () => store.get().open,
    send(text: string) {
      open(false);
      sender.send(text);
    },
  };
}

(window as unknown as { TandemPanel: { mount: typeof mount } }).TandemPanel = { mount };
