/**
 * The panel DOM: built once, updated from state. Every piece of text goes in with textContent; hrefs
 * and image sources pass safeUrl (http/https only). Nothing here talks to the network.
 */
import { h, ICON, initial, svg } from "./dom";
import { createMessagesView } from "./messages";
import { createForms } from "./forms";
import { HUMAN_STATES, initialState, type State } from "./state";
import type { LoaderContext, Message, ProductCard, PublicTicket } from "./types";

import type { Problem } from "./transport";

export type { Problem };

type Contact = { name?: string; email?: string; phone?: string };

export interface Handlers {
  send(text: string): void;
  /** The shopper typed in the message box (`active`: it holds text). */
  typing(active: boolean): void;
  retry(message: Message): void;
  escalate(): void;
  endChat(): void;
  minimise(): void;
  retryConnection(): void;
  prechat(details: Contact): void;
  /** What the shopper already told us (the pre-chat form): the contact form starts with it. */
  contactDefaults(): Contact;
  contact(details: { email: string; name?: string; phone?: string; message?: string }): Promise<Problem | null>;
  rate(score: number, comment: string): Promise<void>;
  newChat(): void;
  addToCart(card: ProductCard): Promise<boolean>;
  openLookup(prefill?: { number?: string; email?: string }): void;
  closeLookup(): void;
  lookup(number: string, email: string): Promise<{ ticket: PublicTicket } | Problem>;
}

export function createView(ctx: LoaderContext, on: Handlers) {
  const { t, config } = ctx;
  const brand = (config.brand || "").trim() || (config.shopName || "").trim() || "Chat";

  // ---- header: the × only minimises (ending the chat is an explicit action in the footer)
  const title = h("h2", { id: "tc-title" }, brand);
  const status = h("p", {});
  const avatar = h("div", { class: "av", "aria-hidden": "true" }, initial(brand));
  const minBtn = h(
    "button",
    { type: "button", class: "ib", "aria-label": t("minimise"), title: t("minimise") },
    svg(ICON.close),
  );
  minBtn.onclick = () => on.minimise();
  const head = h("div", { class: "head" }, avatar, h("div", { class: "ht" }, title, status), minBtn);

  const banner = h("div", { class: "bn", hidden: true });
  const list = h("div", {});
  /** The contact form and the ticket confirmation: the end of the conversation, not over it. */
  const slot = h("div", {});
  const chips = h("div", { class: "chips" });
  const log = h(
    "div",
    { class: "log", role: "region", "aria-label": t("conversation"), tabindex: "0" },
    list,
    slot,
    chips,
  );
  const live = h("div", { class: "sr", "aria-live": "polite" });

  const input = h("textarea", {
    id: "tc-input",
    rows: "1",
    maxlength: "2000",
    placeholder: t("placeholder"),
    autocomplete: "off",
    enterkeyhint: "send",
  });
  const sendBtn = h(
    "button",
    { type: "submit", class: "btn", "aria-label": t("send"), title: t("send") },
    svg(ICON.send, true),
  );
  const compose = h(
    "form",
    { class: "cmp" },
    h("label", { class: "sr", for: "tc-input" }, t("message_label")),
    input,
    sendBtn,
  );
  const humanBtn = h("button", { type: "button", class: "hb" }, svg(ICON.person), t("talk_to_person"));
  humanBtn.onclick = () => on.escalate();
  const lookupBtn = h("button", { type: "button", class: "hb" }, t("ticket_lookup"));
  lookupBtn.onclick = () => on.openLookup();
  const endBtn = h("button", { type: "button", class: "hb" }, t("end_chat"));
  const acts = h("div", { class: "acts" }, humanBtn, lookupBtn, endBtn);

  // ---- ending the chat asks first (a queued shopper would lose their place)
  const confirmText = h("p", { id: "tc-cf" });
  const keepBtn = h("button", { type: "button", class: "sec" }, t("keep_chatting"));
  const confirmBtn = h("button", { type: "button", class: "btn" }, t("end_chat"));
  const confirmBox = h(
    "div",
    { class: "cf", role: "group", "aria-labelledby": "tc-cf", hidden: true },
    confirmText,
    h("div", {}, keepBtn, confirmBtn),
  );
  const confirming = (on_: boolean) => {
    confirmBox.hidden = !on_;
    acts.hidden = compose.hidden = on_;
  };
  endBtn.onclick = () => {
    const queued = current.conversation?.state === "queued";
    confirmText.textContent = queued ? `${t("end_confirm")} ${t("end_confirm_queued")}` : t("end_confirm");
    confirming(true);
    keepBtn.focus();
  };
  keepBtn.onclick = () => {
    confirming(false);
    endBtn.focus();
  };
  confirmBtn.onclick = () => {
    confirming(false);
    on.endChat();
  };
  confirmBox.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    e.preventDefault();
    e.stopPropagation();
    keepBtn.click();
  });
  const foot = h("div", { class: "ft" }, confirmBox, acts, compose);
  const formBox = h("div", { class: "f", hidden: true });

  const panel = h(
    "div",
    { class: "panel", role: "dialog", "aria-labelledby": "tc-title", "aria-modal": "false", hidden: true },
    head,
    banner,
    log,
    formBox,
    foot,
    live,
  );
  ctx.root.append(panel);

  const submit = () => {
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    input.style.height = "";
    on.send(text);
  };
  compose.onsubmit = (e) => {
    e.preventDefault();
    submit();
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  input.addEventListener("input", () => {
    on.typing(input.value.trim() !== "");
    input.style.height = "";
    input.style.height = `${Math.min(input.scrollHeight + 2, 120)}px`;
  });

  const messages = createMessagesView(ctx, on, { log, list, chips, live });

  let current: State = initialState();
  const forms = createForms(ctx, on, { slot, formBox, live, input });

  function render(state: State, previous?: State) {
    current = state;
    const conv = state.conversation;
    const human = !!conv && HUMAN_STATES.has(conv.state);
    const operator = conv?.operator?.name;
    status.textContent = config.designMode
      ? t("preview")
      : conv?.state === "queued"
        ? t("queued_title")
        : operator && human
          ? t("chatting_with", { name: operator })
          : state.online === false
            ? t("offline_status")
            : t("ai_status");
    // One line beside the ×: a longer status is cut with an ellipsis and readable in full here.
    status.title = status.textContent;
    avatar.textContent = initial(operator && human ? operator : brand);

    banner.textContent = "";
    banner.className = "bn";
    if (state.connection === "retrying") {
      banner.classList.add("warn");
      const retry = h("button", { type: "button" }, t("retry_now"));
      retry.onclick = () => on.retryConnection();
      banner.append(h("span", { role: "status" }, `${t("connection_lost")} `), retry);
    } else if (conv?.state === "queued" && !state.form) {
      const q = conv.queue;
      banner.append(h("strong", {}, t("queued_title")));
      if (q?.position) banner.append(h("div", {}, t("queue_position", { position: q.position })));
      if (q?.etaSeconds)
        banner.append(h("div", {}, t("queue_eta", { minutes: Math.max(1, Math.ceil(q.etaSeconds / 60)) })));
    }
    banner.hidden = !banner.firstChild;
    if (previous && previous.conversation?.state !== conv?.state && conv?.state === "queued") {
      live.textContent = t("queued_title");
    }

    const hadFocus = ctx.root.activeElement;
    endBtn.hidden = !conv || conv.state === "closed" || config.designMode;
    if (endBtn.hidden && !confirmBox.hidden) confirming(false);
    humanBtn.hidden = !config.human || !state.handoff || (!!conv && conv.state !== "ai") || state.form === "offline";
    lookupBtn.hidden = config.designMode;
    messages.render(state);
    const boxKind = forms.render(state);
    log.hidden = boxKind === "prechat" || boxKind === "lookup";
    formBox.hidden = !boxKind;
    foot.hidden = !!boxKind;
    // A control that disappears must not take the keyboard focus with it.
    if (state.open && hadFocus && (hadFocus as HTMLElement).closest?.("[hidden]") && !boxKind) input.focus();
  }

  return {
    panel,
    input,
    render,
    focusInput() {
      if (!foot.hidden && !compose.hidden) input.focus();
      else (formBox.querySelector("input,textarea,button,h3") as HTMLElement | null)?.focus();
    },
    /**
     * An email or phone number the shopper typed in the chat while the contact form waits: it goes
     * into the form (with the whole text as the message when there is more to it than the details).
     */
    offerContact: forms.offerContact,
  };
}

export type View = ReturnType<typeof createView>;
