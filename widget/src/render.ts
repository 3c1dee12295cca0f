/**
 * The panel DOM: built once, updated from state. Every piece of text goes in with textContent; hrefs
 * and image sources pass safeUrl (http/https only). Nothing here talks to the network.
 */
import { h, ICON, initial, svg } from "./dom";
import { createMessagesView } from "./messages";
import { createForms } from "./forms";
import { createFooter } from "./footer";
import { HUMAN_STATES, type State } from "./state";
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

  const { foot, compose, input, render: renderFooter } = createFooter(ctx, on);
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

  const messages = createMessagesView(ctx, on, { log, list, chips, live });

  const forms = createForms(ctx, on, { slot, formBox, live, input });

  function render(state: State, previous?: State) {
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
    renderFooter(state);
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
