/**
 * Which language an admin request is answered in. Shopify adds `locale` (the staff member's admin
 * language: `it`, `it-IT`) to the app URL it opens; in-app navigation and fetches do not carry it,
 * so the last one seen is kept on the staff member's operator row and used until Shopify sends
 * another. A language the admin does not speak (`ja`) is English, and so is no locale at all.
 */
import { db, type Tx } from "../../db.server";
import { updateOperatorLocale } from "../../repositories/operators.server";
import { resolveLocale, type Locale } from "./core";

/** The admin language for the locale the request's URL names (English for one it does not speak); null without one. */
export function localeFromUrl(request: Request): Locale | null {
  const value = new URL(request.url).searchParams.get("locale");
  return value?.trim() ? resolveLocale(value) : null;
}

/** The language of a request for `operator` (null: a request without a staff member). */
export function adminLocale(request: Request, operator: { locale?: string | null } | null): Locale {
  return localeFromUrl(request) ?? resolveLocale(operator?.locale);
}

/** Keeps the language Shopify passed on the operator's row when it changed (the /app layout). */
export async function rememberLocale(
  shop: string,
  operator: { id: string; locale?: string | null },
  request: Request,
  client: Tx = db(),
): Promise<void> {
  const fromUrl = localeFromUrl(request);
  if (!fromUrl || fromUrl === operator.locale) return;
  await updateOperatorLocale(shop, operator.id, fromUrl, client);
}
