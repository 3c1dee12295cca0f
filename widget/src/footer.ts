/**
 * The panel's footer: the message box (Enter sends, Shift+Enter breaks the line, the box grows with
 * its text), the actions (Talk to a person, Ticket status, End chat) and the question before ending
 * the chat (a queued shopper would lose their place).
 */
import { h, ICON, svg } from "./dom";
import type { State } from "./state";
import type { LoaderContext } from "./types";
import type { Handlers } from "./render";

export function createFooter(ctx: LoaderContext, on: Handlers) {
  const { t, config } = ctx;
  let current: State | null = null;

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
    const queued = current?.conversation?.state === "queued";
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

  /** Which actions the conversation offers now. */
  function render(state: State) {
    current = state;
    const conv = state.conversation;
    endBtn.hidden = !conv || conv.state === "closed" || config.designMode;
    if (endBtn.hidden && !confirmBox.hidden) confirming(false);
    humanBtn.hidden = !config.human || !state.handoff || (!!conv && conv.state !== "ai") || state.form === "offline";
    lookupBtn.hidden = config.designMode;
  }

  return { foot, compose, input, render };
}
