/**
 * The emails' words, per locale (en, it, fr, de, es), each as a text part and an HTML part. Pure.
 * Every piece of merchant or shopper text (store name, subject, reply, names) is escaped in the
 * HTML part; the layout is the only markup. Staff emails are written in the shop's admin language
 * (English today); shopper emails in the requester's locale, English when it is not one of the five.
 */
import { EMAIL_STRINGS, type EmailStrings } from "./strings";

export const EMAIL_LOCALES = ["en", "it", "fr", "de", "es"] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];

export type EmailKind =
  "ticket_created" | "ticket_reply" | "staff_queued_chat" | "staff_ticket_created" | "staff_ticket_replied" | "test";

export interface EmailContext {
  storeName: string;
  ticketNumber?: string;
  subject?: string;
  /** The reply, the request, or the shopper's answer. */
  body?: string;
  authorName?: string | null;
  /** Admin link for staff emails. */
  link?: string;
  /** The reply address works: "answer this email" is true. */
  replyable?: boolean;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The locale to write in: the first two letters when they are one of the five, else English. */
export function emailLocale(locale: string | null | undefined): EmailLocale {
  const base = (locale ?? "").slice(0, 2).toLowerCase();
  return (EMAIL_LOCALES as readonly string[]).includes(base) ? (base as EmailLocale) : "en";
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** `{name}` placeholders filled with plain text (the caller escapes for HTML). */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
}

/** Text as HTML paragraphs: escaped, line breaks kept, bidirectional text isolated. */
function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map(
      (p) => `<p dir="auto" style="margin:0 0 12px;white-space:pre-wrap;overflow-wrap:anywhere">${escapeHtml(p)}</p>`,
    )
    .join("");
}

function htmlLayout(lang: string, title: string, blocks: string[]): string {
  return [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    `<body style="font-family:-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;line-height:1.5;color:#202223">`,
    ...blocks,
    `</body></html>`,
  ].join("");
}

function lines(strings: EmailStrings, kind: EmailKind, values: Record<string, string>, ctx: EmailContext) {
  const t = strings[kind];
  const intro = fill(t.intro, values);
  const outro =
    kind === "ticket_created" || kind === "ticket_reply"
      ? ctx.replyable
        ? strings.replyHint
        : strings.lookupHint
      : "";
  return { subject: fill(t.subject, values), intro, outro: fill(outro, values) };
}

export function renderEmail(kind: EmailKind, localeInput: string | null | undefined, ctx: EmailContext): RenderedEmail {
  const locale = kind.startsWith("staff_") ? "en" : emailLocale(localeInput);
  const strings = EMAIL_STRINGS[locale];
  const values = {
    store: ctx.storeName,
    number: ctx.ticketNumber ?? "",
    subject: ctx.subject ?? "",
    author: ctx.authorName ?? strings.team,
  };
  const { subject, intro, outro } = lines(strings, kind, values, ctx);
  const body = ctx.body?.trim() ?? "";
  const text = [
    intro,
    body ? `\n${body}\n` : "",
    ctx.link ? `${strings.open}: ${ctx.link}` : "",
    outro,
    `-- \n${ctx.storeName}`,
  ]
    .filter(Boolean)
    .join("\n\n");
  const quote = body
    ? `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #8a8a8a">${paragraphs(body)}</blockquote>`
    : "";
  const link = ctx.link
    ? `<p><a href="${escapeHtml(ctx.link)}" style="color:#005bd3">${escapeHtml(strings.open)}</a></p>`
    : "";
  const html = htmlLayout(locale, subject, [
    paragraphs(intro),
    quote,
    link,
    outro ? paragraphs(outro) : "",
    `<p style="color:#616161">${escapeHtml(ctx.storeName)}</p>`,
  ]);
  return { subject, text, html };
}
