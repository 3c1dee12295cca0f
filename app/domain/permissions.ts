/**
 * Who may do what in the admin (ADR 092): one table of actions and the roles allowed to take them,
 * read by every admin route and by the conversation commands. Roles come from the operator row
 * (app/domain/operators.server.ts): `admin` configures the app and sees customer data beyond the
 * chats; `operator` handles chats. Pure, so pages can use it to show what is allowed.
 */
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

const REFUSAL: Record<Permission, string> = {
  "inbox.work": "Only the store's staff can do this.",
  "settings.change": "Only admins can change settings.",
  "assistant.change": "Only admins can change the assistant.",
  "assistant.test": "Only admins can test the assistant's connection.",
  "playground.ask": "Only admins can use the playground.",
  "data_requests.read": "Only admins can see customer data requests.",
  "conversations.assign": "Only admins can assign chats.",
  "conversations.manage_others": "Only the operator holding the chat (or an admin) can do this.",
  "team.manage": "Only admins can change the team.",
  "data.export": "Only admins can export customer data.",
};

/** What a refused operator is told. */
export function refusal(permission: Permission): string {
  return REFUSAL[permission];
}
