/** Small pure helpers shared by loader and panel. */

export function interpolate(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Only http(s) URLs (absolute, or relative to the page) are ever put into href/src. */
export function safeUrl(raw: unknown, base: string): string | null {
  if (typeof raw !== "string" || raw.trim() === "") return null;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Black or white text on the merchant's accent colour, whichever has the higher WCAG contrast. */
export function onColor(hex: string): string {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim());
  if (!m) return "#fff";
  let h = m[1] as string;
  if (h.length === 3) h = h.replace(/./g, "$&$&");
  const lin = (i: number) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(0) + 0.7152 * lin(2) + 0.0722 * lin(4);
  // contrast with white = 1.05 / (l + .05); with black = (l + .05) / .05
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#fff" : "#111";
}

/** Splits text into plain and http(s)-link parts; the caller renders both with textContent. */
export function linkify(text: string): { text: string; href?: string }[] {
  const parts: { text: string; href?: string }[] = [];
  const re = /\bhttps?:\/\/[^\s<>"']+/gi;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let url = m[0];
    const trail = /[).,;:!?]+$/.exec(url);
    if (trail) url = url.slice(0, -trail[0].length);
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ text: url, href: url });
    last = m.index + url.length;
    re.lastIndex = last;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Joins routes.root_url ("/", "/it", "/demo/") with a storefront path such as "cart/add.js". */
export function storefrontPath(root: string, path: string): string {
  return `${(root || "/").replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/** "gid://shopify/ProductVariant/8001" → 8001; numeric strings → numbers; anything else as given. */
export function variantNumber(id: string | number): string | number {
  if (typeof id === "number") return id;
  const m = /(\d+)$/.exec(id);
  return m && (/^gid:\/\//.test(id) || /^\d+$/.test(id)) ? Number(m[1]) : id;
}

/** An email address (anchored: a whole field; `findContact` searches running text). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const PHONE_IN_TEXT = /\+?\d[\d ()./-]{5,38}\d/;

/**
 * Contact details typed in running text ("you can reach me at mia@example.com"). A phone number
 * starts with + or 0 or has at least 9 digits, so order numbers and prices are not taken for one.
 */
export function findContact(text: string): { email?: string; phone?: string } {
  const found: { email?: string; phone?: string } = {};
  const email = EMAIL_IN_TEXT.exec(text)?.[0];
  if (email) found.email = email;
  const phone = PHONE_IN_TEXT.exec(email ? text.replace(email, " ") : text)?.[0].trim();
  if (phone && (/^[+0]/.test(phone) || phone.replace(/\D/g, "").length >= 9)) found.phone = phone;
  return found;
}

/** A date and time as the shopper reads it, in the shop's time zone (the browser's when unknown). */
export function formatDateTime(iso: string, locale: string, timeZone?: string | null): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
  try {
    return new Intl.DateTimeFormat(locale, timeZone ? { ...options, timeZone } : options).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date);
  }
}
