/**
 * The admin's languages: typed message catalogs (app/lib/i18n/messages), `{name}` interpolation and
 * plurals chosen with Intl.PluralRules. Pure, so the server renders the same text as the browser.
 * The shopper-facing widget has its own five-language strings (widget/src, conversations/notices).
 */

export const LOCALES = ["en", "it"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** A message that depends on a count: Intl.PluralRules categories, `other` always present. */
export interface Plural {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** A catalog's shape: the same keys as `T`, every leaf a string or a Plural. */
export type Shape<T> = {
  [K in keyof T]: T[K] extends string ? string : T[K] extends { other: string } ? Plural : Shape<T[K]>;
};

/** Every dotted key of a catalog ("nav.home", "inbox.count"). */
export type KeyOf<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string | { other: string } ? `${P}${K}` : KeyOf<T[K], `${P}${K}.`>;
}[keyof T & string];

export type Vars = Record<string, string | number>;

/**
 * The admin language for what Shopify passes (`it`, `it-IT`, `it_IT`, `IT`): English for anything
 * the admin does not speak.
 */
export function resolveLocale(input: string | null | undefined): Locale {
  const lang = (input ?? "").trim().slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(lang) ? (lang as Locale) : DEFAULT_LOCALE;
}

/** The Intl locale of dates and numbers in each admin language (24-hour clock, day first). */
export const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", it: "it-IT" };

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function numberFormat(locale: Locale): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(INTL_LOCALE[locale])));
  return f;
}

/** A number as a person of `locale` reads it ("1,234" / "1.234"). */
export function formatNumber(value: number, locale: Locale): string {
  return numberFormat(locale).format(value);
}

/** The plural form of `message` for `count` in `locale`. */
export function pluralForm(message: Plural, count: number, locale: Locale): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(INTL_LOCALE[locale])));
  const category = rules.select(count) as keyof Plural;
  return message[category] ?? message.other;
}

/** `{name}` → vars.name; numbers are written in the locale's way. A missing variable stays visible. */
export function interpolate(template: string, vars: Vars | undefined, locale: Locale): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(value, locale) : value;
  });
}

/** The message at a dotted key, or undefined. */
export function lookUp(catalog: unknown, key: string): string | Plural | undefined {
  let node: unknown = catalog;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node === "string") return node;
  if (typeof node === "object" && node !== null && typeof (node as Plural).other === "string") return node as Plural;
  return undefined;
}

/** The `{name}` variables a message uses (every plural form together), sorted. */
export function variablesOf(message: string | Plural): string[] {
  const texts = typeof message === "string" ? [message] : Object.values(message).filter((x) => typeof x === "string");
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/\{(\w+)\}/g)) names.add(m[1]!);
  return [...names].sort();
}
