/**
 * The widget's forms: the contact form when nobody is available and the ticket number once sent (at
 * the end of the chat), and the box that replaces the conversation (pre-chat, rating, ticket lookup).
 * Fields are validated in the browser first; a field the server refuses (422) gets the error.
 */
import { TICKET_NUMBER_INPUT } from "../../app/domain/ticket-public";
import { EMAIL, formatDateTime } from "./format";
import { h, textInto, ticketText } from "./dom";
import { initialState, type State } from "./state";
import type { LoaderContext, PublicTicket } from "./types";
import type { Handlers, Problem } from "./render";

type Contact = { name?: string; email?: string; phone?: string };

export interface FormSlots {
  /** At the end of the log: the contact form and the ticket number. */
  slot: HTMLElement;
  /** Instead of the log: pre-chat, rating, ticket lookup. */
  formBox: HTMLElement;
  live: HTMLElement;
  input: HTMLTextAreaElement;
}

export function createForms(ctx: LoaderContext, on: Handlers, { slot, formBox, live, input }: FormSlots) {
  const { t, config } = ctx;
  const base = location.href;

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
  let current: State = initialState();
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

  function offerContact(found: { email?: string; phone?: string; text: string }) {
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
  }

  /** Renders the forms for `state`; answers which box replaces the conversation (null: none). */
  function render(state: State): State["form"] | "lookup" {
    current = state;
    renderSlot(state);
    renderBox(state);
    return boxKind;
  }

  return { render, offerContact };
}
