/**
 * Who may do what in the admin (ADR 092): one table of actions and the roles allowed to take them,
 * read by every admin route and by the conversation commands. Roles come from the operator row
 * (app/domain/operators.server.ts): `admin` configures the app and sees customer data beyond the
 * chats; `operator` handles chats. Pure, so pages can use it to show what is allowed.
 */
import { translator, type MessageKey } from "../lib/i18n/catalog";
import { DEFAULT_LOCALE, type Locale } from "../lib/i18n/core";
export type Role = "admin" | "operator";

export const PERMISSIONS = {
  /** Handle chats and tickets: take over, reply, notes, tags, canned responses, the inbox. */
  "inbox.work": ["admin", "operator"],
  /** Change settings (business hours, routing, retention, notifications). */
  "settings.change": ["admin"],
  /** Change the assistant: provider, base URL, API key, persona, rules, limits. */
  "assistant.change": ["admin"],
  /** Run "Test connection" (sends the stored key to the provider). */
  "assistant.test": ["admin"],
  /** Ask the assistant in the playground as any customer (their orders included). */
  "playground.ask": ["admin"],
  /** List and download customers' data exports (customers/data_request). */
  "data_requests.read": ["admin"],
  /** Give a chat to a colleague. */
  "conversations.assign": ["admin"],
  /** Close, transfer or return to the AI a chat that another operator holds. */
  "conversations.manage_others": ["admin"],
  /** Change a colleague's role or capacity, deactivate or reactivate them (the team page). */
  "team.manage": ["admin"],
  /** Download customers' data: CSV exports of conversations, messages and tickets, and transcripts. */
  "data.export": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Unknown roles are allowed nothing. */
export function can(role: string, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly string[]).includes(role);
}

const REFUSAL = {
  "inbox.work": "common.refusals.inboxWork",
  "settings.change": "common.refusals.settingsChange",
  "assistant.change": "common.refusals.assistantChange",
  "assistant.test": "common.refusals.assistantTest",
  "playground.ask": "common.refusals.playgroundAsk",
  "data_requests.read": "common.refusals.dataRequestsRead",
  "conversations.assign": "common.refusals.conversationsAssign",
  "conversations.manage_others": "common.refusals.conversationsManageOthers",
  "team.manage": "common.refusals.teamManage",
  "data.export": "common.refusals.dataExport",
} as const satisfies Record<Permission, MessageKey>;

/** What a refused operator is told, in their admin language (English by default). */
export function refusal(permission: Permission, locale: Locale = DEFAULT_LOCALE): string {
  return translator(locale)(REFUSAL[permission]);
}
