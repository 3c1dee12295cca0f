/**
 * The panel DOM: built once, updated from state. Every piece of text goes in with textContent; hrefs
 * and image sources pass safeUrl (http/https only). Nothing here talks to the network.
 */
import { TICKET_NUMBER_INPUT } from "../../app/domain/ticket-public";
import { EMAIL, formatDateTime } from "./format";
import { h, ICON, initial, svg, textInto, ticketText } from "./dom";
import { createMessagesView } from "./messages";
import { HUMAN_STATES, initialState, type State } from "./state";
import type { LoaderContext, Message, ProductCard, PublicTicket } from "./types";


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

  const messages = createMessagesView(ctx, on, { log, list, chips, live });

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
      heading.append(...ticketText(t, "ticket_created", number));
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
    const heading = h("h4", { tabindex: "-1" }, ...ticketText(t, "ticket_label", ticket.number));
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
        textInto(bubble, r.text, base);
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
    messages.render(state);
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
