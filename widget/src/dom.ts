/** DOM helpers of the widget: elements built with textContent only, icons, ticket numbers, prices, links. */
import { TICKET_NUMBER_IN_TEXT } from "../../app/domain/ticket-public";
import { linkify, safeUrl } from "./format";

export type Attrs = Record<string, string | boolean | undefined>;

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

export const svg = (d: string, fill = false) => {
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
export const ICON = {
  close: "M18 6 6 18M6 6l12 12",
  send: "M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z",
  person: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 0 1 14 0",
};

export const initial = (name: string) => (name.trim()[0] ?? "?").toUpperCase();

const TICKET_SPLIT = new RegExp(`(${TICKET_NUMBER_IN_TEXT.source})`);

/** A ticket number that never breaks at its hyphen. */
export const ticketNumber = (number: string) => h("span", { class: "nw" }, number);

/** Text with its ticket numbers kept on one line (the template's {number} or numbers in running text). */
export function withTicketNumbers(text: string): (Node | string)[] {
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

/** Text with http(s) links (safeUrl against `base`) and ticket numbers kept on one line. */
export function textInto(el: HTMLElement, text: string, base: string) {
  el.textContent = "";
  for (const part of linkify(text)) {
    const href = part.href ? safeUrl(part.href, base) : null;
    if (href) el.append(h("a", { href, target: "_blank", rel: "noopener noreferrer nofollow" }, part.text));
    else el.append(...withTicketNumbers(part.text));
  }
}

/** The template's text (`t(key)`) with its {number} on one line. */
export function ticketText(
  t: (key: string, vars?: Record<string, string | number>) => string,
  key: string,
  number: string,
): (Node | string)[] {
  const [before, after] = t(key, { number: "\u0001" }).split("\u0001");
  return [before ?? "", ticketNumber(number), after ?? ""];
}
