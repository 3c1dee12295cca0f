/**
 * The panel DOM: built once, updated from state. Every piece of text goes in with textContent; hrefs
 * and image sources pass safeUrl (http/https only). Nothing here talks to the network.
 */
import { linkify, safeUrl } from "./format";
import { HUMAN_STATES, isAwaiting, type State } from "./state";
import type { Card, LoaderContext, Message, OrderCard, ProductCard } from "./types";

export interface Handlers {
  send(text: string): void;
  retry(message: Message): void;
  escalate(): void;
  endChat(): void;
  minimise(): void;
  retryConnection(): void;
  prechat(details: { name?: string; email?: string; phone?: string }): void;
  contact(details: { email: string; name?: string; phone?: string; message?: string }): Promise<void>;
  rate(score: number, comment: string): Promise<void>;
  newChat(): void;
  addToCart(card: ProductCard): Promise<boolean>;
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
  close: "m6 9 6 6 6-6",
  end: "M18 6 6 18M6 6l12 12",
  send: "M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z",
  person: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 0 1 14 0",
};

const initial = (name: string) => (name.trim()[0] ?? "?").toUpperCase();

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

  const title = h("h2", { id: "tc-title" }, brand);
  const status = h("p", {});
  const avatar = h("div", { class: "av", "aria-hidden": "true" }, initial(brand));
  const endBtn = h(
    "button",
    { type: "button", class: "ib", "aria-label": t("end_chat"), title: t("end_chat") },
    svg(ICON.end),
  );
  const minBtn = h(
    "button",
    { type: "button", class: "ib", "aria-label": t("minimise"), title: t("minimise") },
    svg(ICON.close),
  );
  endBtn.onclick = () => on.endChat();
  minBtn.onclick = () => on.minimise();
  const head = h("div", { class: "head" }, avatar, h("div", { class: "ht" }, title, status), endBtn, minBtn);

  const banner = h("div", { class: "bn", hidden: true });
  const list = h("div", {});
  const chips = h("div", { class: "chips" });
  const log = h("div", { class: "log", role: "region", "aria-label": t("conversation"), tabindex: "0" }, list, chips);
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
  const foot = h("div", { class: "ft" }, humanBtn, compose);
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
    input.style.height = "";
    input.style.height = `${Math.min(input.scrollHeight + 2, 120)}px`;
  });

  // ---- messages
  const nodes = new Map<string, { el: HTMLElement; sig: string }>();
  const announced = new Set<string>();
  let welcomeEl: HTMLElement | null = null;
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
      el.append(href ? h("a", { href, target: "_blank", rel: "noopener noreferrer nofollow" }, part.text) : part.text);
    }
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

  function messageEl(m: Message, showAuthor: boolean): HTMLElement {
    const cls = m.role === "shopper" ? "m me" : m.role === "system" ? "m sys" : "m";
    const el = h("div", { class: m.status === "streaming" ? `${cls} st` : cls, "data-role": m.role, "data-id": m.id });
    if (m.role === "system") {
      el.append(h("span", { dir: "auto" }, m.text));
      return el;
    }
    if (showAuthor) el.append(h("span", {}, authorOf(m)));
    const bubble = h("div", { class: "b", dir: "auto" });
    textInto(bubble, m.text);
    if (m.role !== "shopper") el.append(h("span", { class: "sr" }, `${authorOf(m)}:`));
    el.append(bubble);
    for (const card of m.cards ?? []) {
      if (card && (card as Card).type === "product") el.append(productCard(card as ProductCard));
      else if (card && (card as Card).type === "order") el.append(orderCard(card as OrderCard));
    }
    if (m.local === "failed") {
      const retry = h("button", { type: "button", class: "chip" }, t("retry"));
      retry.onclick = () => on.retry(m);
      el.append(h("div", { class: "fail" }, `${t("send_failed")} `, retry));
    }
    return el;
  }

  function renderMessages(state: State) {
    const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    const msgs = state.messages;
    const showWelcome = msgs.length === 0 || msgs[0]!.role === "shopper";
    if (showWelcome && !welcomeEl) {
      welcomeEl = messageEl(
        { id: "welcome", role: "ai", text: (config.welcome || "").trim() || t("welcome"), status: "final" },
        false,
      );
    }
    const keep = new Set<string>();
    const ordered: HTMLElement[] = [];
    if (showWelcome && welcomeEl) ordered.push(welcomeEl);
    msgs.forEach((m, i) => {
      const prev = msgs[i - 1];
      const showAuthor =
        m.role !== "shopper" &&
        m.role !== "system" &&
        (!prev || prev.role !== m.role || prev.author?.name !== m.author?.name);
      const sig = JSON.stringify([m.text, m.status, m.local, m.cards?.length, showAuthor, m.author?.name]);
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
        if (state.open && state.messages !== undefined) live.textContent = `${authorOf(m)}: ${m.text}`;
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
    if (waiting) {
      typingEl ??= h(
        "div",
        { class: "m" },
        h(
          "div",
          { class: "b dots" },
          h("span", { "aria-hidden": "true" }, "•••"),
          h("span", { class: "sr" }, t("answering")),
        ),
      );
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
  let formKind: State["form"] | undefined;

  function field(label: string, name: string, type: string, required: boolean, autocomplete?: string) {
    const id = `tc-${name}`;
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

  function validate(fields: { control: HTMLInputElement | HTMLTextAreaElement; err: HTMLElement }[]): boolean {
    let firstBad: HTMLElement | null = null;
    for (const f of fields) {
      const v = f.control.value.trim();
      let msg = "";
      if (f.control.required && !v) msg = t("required");
      else if (f.control.type === "email" && v && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) msg = t("email_invalid");
      f.err.textContent = msg;
      f.control.setAttribute("aria-invalid", String(!!msg));
      if (msg && !firstBad) firstBad = f.control;
    }
    firstBad?.focus();
    return !firstBad;
  }

  function renderForm(state: State) {
    if (state.form === formKind && state.form !== "ticket") return;
    formKind = state.form;
    formBox.textContent = "";
    formBox.hidden = !state.form;
    log.hidden = !!state.form && state.form !== "rating" && state.form !== "rated";
    if (!state.form) return;
    const form = h("form", { novalidate: true });
    const heading = h("h3", { tabindex: "-1" });
    const intro = h("p", {});
    form.append(heading, intro);
    if (state.form === "prechat" || state.form === "offline") {
      const pc = config.prechat;
      const offline = state.form === "offline";
      heading.textContent = offline ? t("offline_title") : t("prechat_title");
      intro.textContent = offline ? t("offline_text") : t("prechat_text");
      const fields = [
        field(t("name"), "name", "text", !offline && pc.name, "name"),
        field(t("email"), "email", "email", offline || pc.email, "email"),
      ];
      if (offline || pc.phone) fields.push(field(t("phone"), "phone", "tel", false, "tel"));
      if (offline) fields.push(field(t("contact_message"), "message", "textarea", false));
      fields.forEach((f) => form.append(f.row));
      const btn = h("button", { type: "submit", class: "btn" }, offline ? t("submit") : t("start_chat"));
      form.append(btn);
      form.onsubmit = async (e) => {
        e.preventDefault();
        if (!validate(fields)) return;
        const values: Record<string, string> = {};
        for (const f of fields) if (f.control.value.trim()) values[f.control.name] = f.control.value.trim();
        if (!offline) return on.prechat(values);
        btn.disabled = true;
        try {
          await on.contact(values as { email: string });
        } finally {
          btn.disabled = false;
        }
      };
    } else if (state.form === "ticket") {
      heading.textContent = t("ticket_created", { number: String(state.ticket?.number ?? "") });
      intro.textContent = state.ticket?.email ? t("ticket_hint", { email: state.ticket.email }) : "";
      const again = h("button", { type: "button", class: "sec" }, t("new_chat"));
      again.onclick = () => on.newChat();
      form.append(again);
    } else if (state.form === "rating") {
      heading.textContent = t("closed_title");
      const stars = h("fieldset", { class: "stars" }, h("legend", { class: "sr" }, t("rate_prompt")));
      const labels: HTMLElement[] = [];
      let score = 0;
      const paint = () => labels.forEach((l, i) => l.classList.toggle("on", i < score));
      for (let n = 1; n <= 5; n++) {
        const radio = h("input", { type: "radio", name: "score", value: String(n) });
        radio.onchange = () => {
          score = n;
          paint();
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
      const err = h("p", { class: "err", role: "alert" });
      const btn = h("button", { type: "submit", class: "btn" }, t("send_rating"));
      const again = h("button", { type: "button", class: "sec" }, t("new_chat"));
      again.onclick = () => on.newChat();
      form.append(stars, comment.row, err, btn, again);
      form.onsubmit = async (e) => {
        e.preventDefault();
        if (!score) {
          err.textContent = t("required");
          (labels[0]?.querySelector("input") as HTMLInputElement | null)?.focus();
          return;
        }
        btn.disabled = true;
        try {
          await on.rate(score, comment.control.value.trim());
        } finally {
          btn.disabled = false;
        }
      };
    } else if (state.form === "rated") {
      heading.textContent = t("rating_thanks");
      const again = h("button", { type: "button", class: "btn" }, t("new_chat"));
      again.onclick = () => on.newChat();
      form.append(again);
    }
    formBox.append(form);
    if (state.open) ((form.querySelector("input,textarea") as HTMLElement | null) ?? heading).focus();
  }

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

    endBtn.hidden = !conv || conv.state === "closed" || !!state.form || config.designMode;
    const hadFocus = ctx.root.activeElement;
    humanBtn.hidden = !config.human || (!!conv && conv.state !== "ai");
    foot.hidden = !!state.form;
    // A control that disappears must not take the keyboard focus with it.
    if (state.open && hadFocus && (hadFocus as HTMLElement).closest?.("[hidden]") && !state.form) input.focus();
    renderMessages(state);
    renderForm(state);
  }

  return {
    panel,
    input,
    render,
    focusInput() {
      if (!foot.hidden) input.focus();
      else (formBox.querySelector("input,textarea,button,h3") as HTMLElement | null)?.focus();
    },
  };
}

export type View = ReturnType<typeof createView>;
