/**
 * The forms at the end of the chat: the contact form when nobody is available and the ticket number
 * once sent, and an email or phone number typed in the chat offered to that form. The box that
 * replaces the conversation is form-box.ts; fields and validation are fields.ts.
 */
import { h, ticketText } from "./dom";
import { createFields, type Field } from "./fields";
import { createFormBox, type BoxKind } from "./form-box";
import type { State } from "./state";
import type { LoaderContext } from "./types";
import type { Handlers } from "./render";

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
  const { t } = ctx;
  const fields_ = createFields(t);
  const { field, fieldError, validate, showProblem, valuesOf, busy } = fields_;
  const box = createFormBox(ctx, on, formBox, fields_);
  let slotKind: State["form"] = null;
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
  function render(state: State): BoxKind {
    renderSlot(state);
    return box.render(state);
  }

  return { render, offerContact };
}
