/**
 * The box that replaces the conversation: the pre-chat form, the ticket lookup and its answer, the
 * rating once the chat is closed, and the thanks after it.
 */
import { formatDateTime } from "./format";
import { h, textInto, ticketText } from "./dom";
import { initialState, type State } from "./state";
import type { Fields } from "./fields";
import type { LoaderContext, PublicTicket } from "./types";
import type { Handlers } from "./render";

export type BoxKind = State["form"] | "lookup";

export function createFormBox(ctx: LoaderContext, on: Handlers, formBox: HTMLElement, fields_: Fields) {
  const { t, config } = ctx;
  const base = location.href;
  const { field, validate, showProblem, valuesOf, busy } = fields_;
  let boxKind: BoxKind = null;
  let current: State = initialState();

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

  /** Renders the box for `state`; answers which box replaces the conversation (null: none). */
  function render(state: State): BoxKind {
    current = state;
    renderBox(state);
    return boxKind;
  }

  return { render };
}
