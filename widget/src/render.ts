/**
 * The panel DOM: built once, updated from state. Every piece of text goes in with textContent; hrefs
 * and image sources pass safeUrl (http/https only). Nothing here talks to the network.
 */
import { TICKET_NUMBER_IN_TEXT, TICKET_NUMBER_INPUT } from "../../app/domain/ticket-public";
import { EMAIL, formatDateTime, linkify, safeUrl } from "./format";
import { HUMAN_STATES, initialState, isAwaiting, type State } from "./state";
import type { Card, LoaderContext, Message, OrderCard, ProductCard, PublicTicket } from "./types";

/** A failed call as the shopper is told about it: the API's error code, the field it names, when to retry. */
export interface Problem {
  code: string;
  field?: string;
  retryAfter?: number;
}

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

type Attrs = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | false | undefined)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === "class") node.className = String(v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children) {
    if (child === null || child === false || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

const svg = (d: string, fill = false) => {
  const wrap = document.createElement("span");
  wrap.setAttribute("aria-hidden", "true");
  wrap.style.display = "contents";
  // Static, constant markup only (never data).
  wrap.innerHTML = `<svg viewBox="0 0 24 24" focusable="false"><path ${
    fill
      ? 'fill="currentColor"'
      : 'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"'
  } d="${d}"/></svg>`;
  return wrap;
};
const ICON = {
  close: "M18 6 6 18M6 6l12 12",
  send: "M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z",
  person: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 0 1 14 0",
};

const initial = (name: string) => (name.trim()[0] ?? "?").toUpperCase();

const TICKET_SPLIT = new RegExp(`(${TICKET_NUMBER_IN_TEXT.source})`);

/** A ticket number that never breaks at its hyphen. */
const ticketNumber = (number: string) => h("span", { class: "nw" }, number);

/** Text with its ticket numbers kept on one line (the template's {number} or numbers in running text). */
function withTicketNumbers(text: string): (Node | string)[] {
  return text.split(TICKET_SPLIT).map((part, i) => (i % 2 ? ticketNumber(part) : part));
}

export function formatPrice(price: unknown, currency: string | null | undefined, locale: string): string {
  if (price === null || price === undefined || price === "") return "";
  const n = typeof price === "number" ? price : /^\d+(\.\d+)?$/.test(String(price)) ? Number(price) : NaN;
  if (Number.isNaN(n) || !currency) return String(price);
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(n);
  } catch {
    return String(price);
  }
}

export function createView(ctx: LoaderContext, on: Handlers) {
  const { t, config } = ctx;
  const brand = (config.brand || "").trim() || (config.shopName || "").trim() || "Chat";
  const base = location.href;
  let current: State = initialState();

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

  // ---- messages
  const nodes = new Map<string, { el: HTMLElement; sig: string }>();
  const announced = new Set<string>();
  let welcomeEl: HTMLElement | null = null;
  let welcomeText = "";
  let typingEl: HTMLElement | null = null;

  const authorOf = (m: Message) =>
    m.role === "ai"
      ? t("assistant")
      : m.role === "operator"
        ? m.author?.name || t("assistant")
        : m.role === "shopper"
          ? t("you")
          : "";

  function textInto(el: HTMLElement, text: string) {
    el.textContent = "";
    for (const part of linkify(text)) {
      const href = part.href ? safeUrl(part.href, base) : null;
      if (href) el.append(h("a", { href, target: "_blank", rel: "noopener noreferrer nofollow" }, part.text));
      else el.append(...withTicketNumbers(part.text));
    }
  }

  /** The template's text with its {number} on one line. */
  function ticketText(key: string, number: string): (Node | string)[] {
    const [before, after] = t(key, { number: "\u0001" }).split("\u0001");
    return [before ?? "", ticketNumber(number), after ?? ""];
  }

  function productCard(card: ProductCard): HTMLElement {
    const href = safeUrl(card.url, base);
    const img = safeUrl(card.imageUrl, base);
    const price = formatPrice(card.price, config.currency, config.locale);
    const name = href ? h("a", { href }, card.title) : h("strong", {}, card.title);
    const body = h("div", {}, name, h("p", {}, price));
    if (card.variantId !== undefined && card.variantId !== null && card.available !== false) {
      // Several variants (sizes, colours): the shopper picks one before Add to cart.
      const pick = card.variants && card.variants.length > 1 ? h("select", { "aria-label": t("choose_option") }) : null;
      if (pick) {
        pick.style.cssText = "display:block;margin:0 0 8px;padding:6px;font-size:16px;max-width:100%";
        for (const v of card.variants!) {
          const label = `${v.title} · ${formatPrice(v.price, config.currency, config.locale)}`;
          pick.append(
            h("option", { value: v.id, disabled: !v.available }, v.available ? label : `${label} · ${t("sold_out")}`),
          );
        }
        pick.value = String(card.variantId);
        body.append(pick);
      }
      const btn = h("button", { type: "button", class: "sec" }, t("add_to_cart"));
      const note = h("p", { role: "status" });
      btn.onclick = async () => {
        btn.disabled = true;
        btn.textContent = t("adding");
        const ok = await on.addToCart(pick ? { ...card, variantId: pick.value } : card);
        btn.disabled = false;
        btn.textContent = t("add_to_cart");
        note.textContent = "";
        if (ok) {
          const cart = safeUrl(`${config.root.replace(/\/+$/, "")}/cart`, base);
          note.append(`✓ ${t("added")} · `);
          if (cart) note.append(h("a", { href: cart }, t("view_cart")));
        } else note.textContent = t("add_failed");
      };
      body.append(btn, note);
    }
    return h(
      "div",
      { class: "card" },
      img ? h("img", { src: img, alt: "", loading: "lazy", width: "64", height: "64" }) : null,
      body,
    );
  }

  function orderCard(card: OrderCard): HTMLElement {
    const href = safeUrl(card.url, base);
    return h(
      "div",
      { class: "card" },
      h(
        "div",
        {},
        h("strong", {}, t("order", { name: card.name })),
        h("p", {}, card.status ?? ""),
        href ? h("a", { href, target: "_blank", rel: "noopener noreferrer" }, t("track_order")) : null,
      ),
    );
  }

  /** Why a message was not sent, in the shopper's words. */
  function failureText(m: Message): string {
    const code = m.failure?.code ?? "network";
    if (code === "network") return t("send_failed");
    if (code === "rate_limited") return t("send_rate_limited");
    if (code === "conflict") return t("send_closed");
    return t("send_refused");
  }

  function failureEl(m: Message): HTMLElement {
    const box = h("div", { class: "fail" }, `${failureText(m)} `);
    const code = m.failure?.code ?? "network";
    if (code !== "network" && code !== "rate_limited") return box;
    const retry = h("button", { type: "button", class: "chip nw" }, t("retry"));
    retry.onclick = () => on.retry(m);
    const retryAt = m.failure?.retryAt;
    if (retryAt) {
      // Counts down to the time the server gave (Retry-After); the button works again at zero.
      const tick = (first: boolean) => {
        const left = Math.ceil((retryAt - Date.now()) / 1000);
        retry.disabled = left > 0;
        retry.textContent = left > 0 ? t("retry_in", { seconds: left }) : t("retry");
        if (left > 0 && (first || retry.isConnected)) setTimeout(() => tick(false), 1000);
      };
      tick(true);
    }
    box.append(retry);
    return box;
  }

  function messageEl(m: Message, showAuthor: boolean): HTMLElement {
    const cls = m.role === "shopper" ? "m me" : m.role === "system" ? "m sys" : "m";
    const el = h("div", { class: m.status === "streaming" ? `${cls} st` : cls, "data-role": m.role, "data-id": m.id });
    if (m.role === "system") {
      const text = h("span", { dir: "auto" });
      textInto(text, m.text);
      el.append(text);
      return el;
    }
    // Screen readers hear the author once, from the hidden prefix; the visible name is for the eye.
    if (showAuthor) el.append(h("span", { "aria-hidden": "true" }, authorOf(m)));
    el.append(h("span", { class: "sr" }, `${authorOf(m)}:`));
    const bubble = h("div", { class: "b", dir: "auto" });
    textInto(bubble, m.text);
    el.append(bubble);
    for (const card of m.cards ?? []) {
      if (card && (card as Card).type === "product") el.append(productCard(card as ProductCard));
      else if (card && (card as Card).type === "order") el.append(orderCard(card as OrderCard));
    }
    if (m.local === "failed") el.append(failureEl(m));
    return el;
  }

  function renderWelcome(state: State): HTMLElement | null {
    // The theme block's welcome message, else the admin's greeting, else the default; while the
    // greeting is still being fetched, nothing (no flash of a text that is then replaced).
    const own = (config.welcome || "").trim();
    if (!own && !config.designMode && state.greeting === undefined) return null;
    const text = own || (config.designMode ? "" : (state.greeting ?? "").trim()) || t("welcome");
    if (!welcomeEl || text !== welcomeText) {
      const next = messageEl({ id: "welcome", role: "ai", text, status: "final" }, false);
      welcomeEl?.replaceWith(next);
      welcomeEl = next;
      welcomeText = text;
    }
    return welcomeEl;
  }

  function renderMessages(state: State) {
    const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    const msgs = state.messages;
    const showWelcome = msgs.length === 0 || msgs[0]!.role === "shopper";
    const keep = new Set<string>();
    const ordered: HTMLElement[] = [];
    const welcome = showWelcome ? renderWelcome(state) : null;
    if (welcome) ordered.push(welcome);
    msgs.forEach((m, i) => {
      const prev = msgs[i - 1];
      const showAuthor =
        m.role !== "shopper" &&
        m.role !== "system" &&
        (!prev || prev.role !== m.role || prev.author?.name !== m.author?.name);
      const sig = JSON.stringify([m.text, m.status, m.local, m.failure, m.cards?.length, showAuthor, m.author?.name]);
      let entry = nodes.get(m.id);
      if (!entry || entry.sig !== sig) {
        const el = messageEl(m, showAuthor);
        entry?.el.replaceWith(el);
        entry = { el, sig };
        nodes.set(m.id, entry);
      }
      keep.add(m.id);
      ordered.push(entry.el);
      if (m.role !== "shopper" && m.status !== "streaming" && !announced.has(m.id)) {
        announced.add(m.id);
        if (state.open) live.textContent = `${authorOf(m)}: ${m.text}`;
      }
      const failed = m.local === "failed" ? `${m.id}:${m.failure?.code}:${m.failure?.retryAt}` : "";
      if (failed && !announced.has(failed)) {
        announced.add(failed);
        const left = m.failure?.retryAt ? Math.ceil((m.failure.retryAt - Date.now()) / 1000) : 0;
        live.textContent = `${failureText(m)}${left > 0 ? ` ${t("retry_in", { seconds: left })}` : ""}`;
      }
    });
    for (const [id, entry] of nodes) {
      if (!keep.has(id)) {
        entry.el.remove();
        nodes.delete(id);
      }
    }
    const waiting =
      isAwaiting(state) && !msgs.some((m) => m.status === "streaming") && state.conversation?.state === "ai";
    // The person holding the chat is typing (the server's `typing`, within one poll): "Anna is typing…".
    const typist = state.conversation?.typing ? state.conversation.operator?.name : undefined;
    if (waiting || typist) {
      typingEl ??= h("div", { class: "m" }, h("div", { class: "b" }));
      const label = typist ? t("operator_typing", { name: typist }) : t("answering");
      if (typingEl.dataset.label !== label) {
        typingEl.dataset.label = label;
        const bubble = typingEl.firstElementChild as HTMLElement;
        bubble.textContent = "";
        bubble.append(
          h("span", { class: "dots", "aria-hidden": "true" }, "•••"),
          typist ? h("span", { dir: "auto" }, ` ${label}`) : h("span", { class: "sr" }, label),
        );
      }
      ordered.push(typingEl);
    }
    ordered.forEach((el, i) => {
      if (list.children[i] !== el) list.insertBefore(el, list.children[i] ?? null);
    });
    while (list.children.length > ordered.length) list.lastElementChild?.remove();

    // Quick replies of the latest reply.
    chips.textContent = "";
    const last = msgs[msgs.length - 1];
    if (last && last.role !== "shopper" && last.status !== "streaming" && last.quickReplies?.length && !state.form) {
      for (const reply of last.quickReplies.slice(0, 6)) {
        const chip = h("button", { type: "button", class: "chip" }, reply);
        chip.onclick = () => on.send(reply);
        chips.append(chip);
      }
    }
    if (nearBottom) log.scrollTop = log.scrollHeight;
  }

  // ---- forms
  type Field = { row: HTMLElement; control: HTMLInputElement | HTMLTextAreaElement; err: HTMLElement };

  function field(
    label: string,
    name: string,
    type: string,
    required: boolean,
    autocomplete?: string,
    id = `tc-${name}`,
  ): Field {
    const control =
      type === "textarea"
        ? h("textarea", { id, name, rows: "3", maxlength: "2000", required })
        : h("input", { id, name, type, required, autocomplete, maxlength: "200" });
    const err = h("span", { class: "err", id: `${id}-err` });
    control.setAttribute("aria-describedby", err.id);
    return {
      row: h("label", { for: id }, required ? label : `${label} (${t("optional")})`, control, err),
      control,
      err,
    };
  }

  const fieldError = (f: Field, msg: string) => {
    f.err.textContent = msg;
    f.control.setAttribute("aria-invalid", String(!!msg));
  };

  function validate(fields: Field[]): boolean {
    let firstBad: HTMLElement | null = null;
    for (const f of fields) {
      const v = f.control.value.trim();
      let msg = "";
      if (f.control.required && !v) msg = t("required");
      else if (f.control.type === "email" && v && !EMAIL.test(v)) msg = t("email_invalid");
      else if (f.control.name === "number" && v && !TICKET_NUMBER_INPUT.test(v)) msg = t("ticket_number_invalid");
      fieldError(f, msg);
      if (msg && !firstBad) firstBad = f.control;
    }
    firstBad?.focus();
    return !firstBad;
  }

  /** A refused form: the field the server names gets the error, anything else goes under the form. */
  function showProblem(problem: Problem, fields: Field[], formErr: HTMLElement) {
    const f = problem.field ? fields.find((x) => x.control.name === problem.field) : undefined;
    formErr.textContent = "";
    if (f) {
      fieldError(
        f,
        f.control.type === "email" ? t("email_invalid") : f.control.type === "tel" ? t("phone_invalid") : t("invalid"),
      );
      f.control.focus();
      return;
    }
    formErr.textContent =
      problem.code === "rate_limited"
        ? t("too_many_tries", { minutes: Math.max(1, Math.ceil((problem.retryAfter ?? 60) / 60)) })
        : problem.code === "not_found"
          ? t("ticket_not_found")
          : problem.code === "network"
            ? t("form_network")
            : t("form_failed");
  }

  const valuesOf = (fields: Field[]) => {
    const values: Record<string, string> = {};
    for (const f of fields) if (f.control.value.trim()) values[f.control.name] = f.control.value.trim();
    return values;
  };

  function busy(btn: HTMLButtonElement, run: () => Promise<void>) {
    btn.disabled = true;
    return run().finally(() => {
      btn.disabled = false;
    });
  }

  let slotKind: State["form"] = null;
  let boxKind: State["form"] | "lookup" = null;
  let offlineFields: Record<string, Field> = {};

  /** The contact form (nobody available) and, once sent, the ticket number: at the end of the chat. */
  function renderSlot(state: State) {
    const kind = state.form === "offline" || state.form === "ticket" ? state.form : null;
    if (kind === slotKind) return;
    slotKind = kind;
    slot.textContent = "";
    offlineFields = {};
    if (!kind) return;
    const form = h("form", { class: "f", novalidate: true, "aria-labelledby": "tc-sh" });
    const heading = h("h3", { id: "tc-sh", tabindex: "-1" });
    form.append(heading);
    if (kind === "offline") {
      heading.textContent = t("offline_title");
      const known = on.contactDefaults();
      const fields = [
        field(t("name"), "name", "text", false, "name"),
        field(t("email"), "email", "email", true, "email"),
        field(t("phone"), "phone", "tel", false, "tel"),
        field(t("contact_message"), "message", "textarea", false),
      ];
      for (const f of fields) {
        offlineFields[f.control.name] = f;
        const value = known[f.control.name as keyof Contact];
        if (value) f.control.value = value;
      }
      const formErr = h("p", { class: "err", role: "alert" });
      const btn = h("button", { type: "submit", class: "btn" }, t("submit"));
      form.append(h("p", {}, t("offline_text")), ...fields.map((f) => f.row), formErr, btn);
      form.onsubmit = (e) => {
        e.preventDefault();
        if (!validate(fields)) return;
        void busy(btn, async () => {
          const problem = await on.contact(valuesOf(fields) as { email: string });
          if (problem) showProblem(problem, fields, formErr);
        });
      };
      live.textContent = `${t("offline_title")}. ${t("offline_text")}`;
    } else {
      const number = String(state.ticket?.number ?? "");
      heading.append(...ticketText("ticket_created", number));
      const check = h("button", { type: "button", class: "sec" }, t("ticket_check"));
      check.onclick = () => on.openLookup({ number, email: state.ticket?.email });
      form.append(h("p", {}, state.ticket?.email ? t("ticket_hint", { email: state.ticket.email }) : ""), check);
      live.textContent = t("ticket_created", { number });
    }
    slot.append(form);
    // Focus follows the shopper's request, unless they are in the middle of typing a message.
    if (state.open && !input.value.trim())
      ((kind === "offline" ? form.querySelector("input") : null) ?? heading).focus();
  }

  /** The ticket lookup's answer: status, last update (shop's time zone) and the public replies. */
  function ticketResult(ticket: PublicTicket): HTMLElement {
    const heading = h("h4", { tabindex: "-1" }, ...ticketText("ticket_label", ticket.number));
    const statusKey = `ticket_status_${ticket.status}`;
    const statusText = t(statusKey) === statusKey ? ticket.status : t(statusKey);
    const updated = formatDateTime(ticket.updatedAt, config.locale, current.timezone);
    const box = h(
      "div",
      { class: "tk" },
      heading,
      h("p", {}, t("ticket_status", { status: statusText }), h("br", {}), t("ticket_updated", { date: updated })),
    );
    if (Array.isArray(ticket.replies)) {
      const replies = h("div", { role: "list", "aria-label": t("ticket_replies") });
      for (const r of ticket.replies) {
        const who = r.from === "you" ? t("you") : r.name || t("ticket_team");
        const when = formatDateTime(r.createdAt, config.locale, current.timezone);
        const bubble = h("div", { class: "b", dir: "auto" });
        textInto(bubble, r.text);
        replies.append(
          h(
            "div",
            { class: r.from === "you" ? "m me" : "m", role: "listitem" },
            h("span", {}, `${who} · ${when}`),
            bubble,
          ),
        );
      }
      box.append(ticket.replies.length ? replies : h("p", {}, t("ticket_no_replies")));
    }
    return box;
  }

  function renderBox(state: State) {
    const kind: typeof boxKind = state.lookup
      ? "lookup"
      : state.form === "prechat" || state.form === "rating" || state.form === "rated"
        ? state.form
        : null;
    if (kind === boxKind) return;
    boxKind = kind;
    formBox.textContent = "";
    if (!kind) return;
    const form = h("form", { novalidate: true });
    const heading = h("h3", { tabindex: "-1" });
    const intro = h("p", {});
    form.append(heading, intro);
    if (kind === "prechat") {
      const pc = config.prechat;
      heading.textContent = t("prechat_title");
      intro.textContent = t("prechat_text");
      const fields = [
        field(t("name"), "name", "text", pc.name, "name"),
        field(t("email"), "email", "email", pc.email, "email"),
      ];
      if (pc.phone) fields.push(field(t("phone"), "phone", "tel", false, "tel"));
      fields.forEach((f) => form.append(f.row));
      form.append(h("button", { type: "submit", class: "btn" }, t("start_chat")));
      form.onsubmit = (e) => {
        e.preventDefault();
        if (validate(fields)) on.prechat(valuesOf(fields));
      };
    } else if (kind === "lookup") {
      heading.textContent = t("ticket_lookup_title");
      intro.textContent = t("ticket_lookup_text");
      const fields = [
        field(t("ticket_number"), "number", "text", true, "off", "tc-lk-number"),
        field(t("email"), "email", "email", true, "email", "tc-lk-email"),
      ];
      if (state.lookup?.number) fields[0]!.control.value = state.lookup.number;
      if (state.lookup?.email) fields[1]!.control.value = state.lookup.email;
      const formErr = h("p", { class: "err", role: "alert" });
      const btn = h("button", { type: "submit", class: "btn" }, t("ticket_check"));
      const result = h("div", {});
      const back = h("button", { type: "button", class: "sec" }, t("back_to_chat"));
      back.onclick = () => on.closeLookup();
      form.append(...fields.map((f) => f.row), formErr, btn, result, back);
      form.onsubmit = (e) => {
        e.preventDefault();
        formErr.textContent = "";
        if (!validate(fields)) return;
        void busy(btn, async () => {
          const answer = await on.lookup(fields[0]!.control.value.trim(), fields[1]!.control.value.trim());
          result.textContent = "";
          if ("ticket" in answer) {
            result.append(ticketResult(answer.ticket));
            (result.querySelector("h4") as HTMLElement).focus();
          } else showProblem(answer, fields, formErr);
        });
      };
    } else if (kind === "rating") {
      heading.textContent = t("closed_title");
      const stars = h("fieldset", { class: "stars" }, h("legend", { class: "sr" }, t("rate_prompt")));
      const labels: HTMLElement[] = [];
      let score = 0;
      const err = h("p", { class: "err", role: "alert" });
      for (let n = 1; n <= 5; n++) {
        const radio = h("input", { type: "radio", name: "score", value: String(n), class: "sr" });
        radio.onchange = () => {
          score = n;
          labels.forEach((l, i) => l.classList.toggle("on", i < score));
          err.textContent = "";
        };
        const label = h(
          "label",
          {},
          radio,
          h("span", { "aria-hidden": "true" }, "★"),
          h("span", { class: "sr" }, t("star", { n })),
        );
        labels.push(label);
        stars.append(label);
      }
      intro.textContent = t("rate_prompt");
      const comment = field(t("comment_label").replace(/\s*\(.*\)$/, ""), "comment", "textarea", false);
      const btn = h("button", { type: "submit", class: "btn" }, t("send_rating"));
      const again = h("button", { type: "button", class: "sec" }, t("new_chat"));
      again.onclick = () => on.newChat();
      form.append(stars, comment.row, err, btn, again);
      form.onsubmit = (e) => {
        e.preventDefault();
        if (!score) {
          err.textContent = t("required");
          (labels[0]?.querySelector("input") as HTMLInputElement | null)?.focus();
          return;
        }
        void busy(btn, () => on.rate(score, comment.control.value.trim()));
      };
    } else {
      heading.textContent = t("rating_thanks");
      const again = h("button", { type: "button", class: "btn" }, t("new_chat"));
      again.onclick = () => on.newChat();
      form.append(again);
    }
    formBox.append(form);
    if (state.open) ((form.querySelector("input,textarea") as HTMLElement | null) ?? heading).focus();
  }

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
    renderMessages(state);
    renderSlot(state);
    renderBox(state);
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
    offerContact(found: { email?: string; phone?: string; text: string }) {
      const { email, phone, message } = offlineFields;
      if (!email) return;
      if (found.email) {
        email.control.value = found.email;
        fieldError(email, "");
      }
      if (found.phone && phone) {
        phone.control.value = found.phone;
        fieldError(phone, "");
      }
      const rest = found.text
        .replace(found.email ?? "\u0000", " ")
        .replace(found.phone ?? "\u0000", " ")
        .split(/\s+/)
        .filter((w) => /\p{L}|\d/u.test(w));
      // "my email is …" adds nothing; a question or a longer text is what the ticket is about.
      if (message && (rest.length >= 6 || found.text.includes("?"))) {
        const before = message.control.value.trim();
        message.control.value = before ? `${before}\n${found.text}` : found.text;
      }
      live.textContent = t("contact_prefilled");
      (found.email ? email : (phone ?? email)).control.focus();
    },
  };
}

export type View = ReturnType<typeof createView>;
