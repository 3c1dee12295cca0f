/**
 * The admin's message catalogs, one module per area of the admin (messages/*.ts, each with its `en`
 * and `it`). `it` has the shape of `en`: a key missing in Italian, or one English lacks, is a type
 * error (and tests/unit/lib/i18n.test.ts compares the keys and variables of both).
 */
import { interpolate, lookUp, pluralForm, type KeyOf, type Locale, type Shape, type Vars } from "./core";
import * as common from "./messages/common";
import * as conversation from "./messages/conversation";
import * as homeInbox from "./messages/home-inbox";
import * as canned from "./messages/canned";
import * as ticketsList from "./messages/tickets-list";
import * as ticketsPage from "./messages/tickets-page";
import * as settings from "./messages/settings";
import * as slaEmail from "./messages/sla-email";
import * as teamNotifications from "./messages/team-notifications";
import * as integrations from "./messages/integrations";
import * as analytics from "./messages/analytics";
import * as assistant from "./messages/assistant";
import * as knowledge from "./messages/knowledge";
import * as playground from "./messages/playground";
import * as domainErrors from "./messages/domain-errors";
import * as forms from "./messages/forms";

export const en = {
  common: common.en,
  conversation: conversation.en,
  ...homeInbox.en,
  canned: canned.en,
  tickets: { ...ticketsList.en, ...ticketsPage.en },
  settings: settings.en,
  ...slaEmail.en,
  ...teamNotifications.en,
  ...integrations.en,
  analytics: analytics.en,
  assistant: assistant.en,
  knowledge: knowledge.en,
  playground: playground.en,
  errors: domainErrors.en,
  ...forms.en,
};

export const it: Shape<typeof en> = {
  common: common.it,
  conversation: conversation.it,
  ...homeInbox.it,
  canned: canned.it,
  tickets: { ...ticketsList.it, ...ticketsPage.it },
  settings: settings.it,
  ...slaEmail.it,
  ...teamNotifications.it,
  ...integrations.it,
  analytics: analytics.it,
  assistant: assistant.it,
  knowledge: knowledge.it,
  playground: playground.it,
  errors: domainErrors.it,
  ...forms.it,
};

export const CATALOGS: Record<Locale, Shape<typeof en>> = { en, it };

export type MessageKey = KeyOf<typeof en>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** `t(key, vars)` in `locale`; a plural message takes its form from `vars.count`. */
export function translator(locale: Locale): Translate {
  const catalog = CATALOGS[locale];
  return (key, vars) => {
    const message = lookUp(catalog, key) ?? lookUp(en, key) ?? key;
    const text = typeof message === "string" ? message : pluralForm(message, Number(vars?.count ?? 0), locale);
    return interpolate(text, vars, locale);
  };
}
