/**
 * The conversation's messages in the log: one element per message, rebuilt only when it changed; the
 * welcome message; the typing line ("Typing…" while the AI answers, "Anna is typing…" while the
 * operator holding the chat types); the latest reply's quick replies; announcements for screen readers.
 */
import { h, textInto } from "./dom";
import { createCards } from "./cards";
import { isAwaiting, type State } from "./state";
import type { Card, LoaderContext, Message, OrderCard, ProductCard } from "./types";
import type { Handlers } from "./render";

export interface MessageSlots {
  log: HTMLElement;
  list: HTMLElement;
  chips: HTMLElement;
  live: HTMLElement;
}

export function createMessagesView(ctx: LoaderContext, on: Handlers, { log, list, chips, live }: MessageSlots) {
  const { t, config } = ctx;
  const base = location.href;
  const { productCard, orderCard } = createCards(ctx, (card) => on.addToCart(card));

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

  /** Why a message was not sent, in the shopper's words. */
  function failureText(m: Message): string {
    const code = m.failure?.code ?? "network";
    if (code === "network") return t("send_failed");
    if (code === "rate_limited") return t("send_rate_limited");
    if (code === "conflict") return t("send_closed");
    return t("send_refused");
  }

  function failureEl(m: Message): HTMLElement {
    // One text (the box lays its children out in a row): why, and when it is tried again by itself.
    const label = h("span", {}, `${failureText(m)} `);
    const box = h("div", { class: "fail" }, label);
    const code = m.failure?.code ?? "network";
    if (code !== "network" && code !== "rate_limited") return box;
    const retry = h("button", { type: "button", class: "chip nw" }, t("retry"));
    retry.onclick = () => on.retry(m);
    const retryAt = m.failure?.retryAt;
    const auto = m.failure?.auto === true;
    if (retryAt) {
      // Retried by itself: the text says when, and Retry sends at once. Otherwise the countdown is
      // the server's (Retry-After) and the button works again at zero.
      const tick = (first: boolean) => {
        const left = Math.ceil((retryAt - Date.now()) / 1000);
        if (auto) label.textContent = `${failureText(m)}${left > 0 ? ` ${t("send_retrying", { seconds: left })}` : ""}`;
        else {
          retry.disabled = left > 0;
          retry.textContent = left > 0 ? t("retry_in", { seconds: left }) : t("retry");
        }
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
      textInto(text, m.text, base);
      el.append(text);
      return el;
    }
    // Screen readers hear the author once, from the hidden prefix; the visible name is for the eye.
    if (showAuthor) el.append(h("span", { "aria-hidden": "true" }, authorOf(m)));
    el.append(h("span", { class: "sr" }, `${authorOf(m)}:`));
    const bubble = h("div", { class: "b", dir: "auto" });
    textInto(bubble, m.text, base);
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
      // Announced once per failure (once for all automatic retries of a message).
      const failed =
        m.local === "failed" ? `${m.id}:${m.failure?.code}:${m.failure?.auto ? "auto" : m.failure?.retryAt}` : "";
      if (failed && !announced.has(failed)) {
        announced.add(failed);
        const left = m.failure?.retryAt ? Math.ceil((m.failure.retryAt - Date.now()) / 1000) : 0;
        const when = left > 0 ? ` ${t(m.failure?.auto ? "send_retrying" : "retry_in", { seconds: left })}` : "";
        live.textContent = `${failureText(m)}${when}`;
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

  return { render: renderMessages };
}
