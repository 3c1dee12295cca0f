/**
 * The admin's language in React: the /app layout provides it (from its loader) and every page and
 * component reads it with `useT()`: `const { t, locale } = useT(); t("nav.inbox")`.
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { DEFAULT_LOCALE, type Locale } from "./core";
import { translator, type Translate } from "./catalog";

interface I18n {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18n>({ locale: DEFAULT_LOCALE, t: translator(DEFAULT_LOCALE) });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The staff member's language and its translator (English outside the /app layout). */
export function useT(): I18n {
  return useContext(I18nContext);
}
