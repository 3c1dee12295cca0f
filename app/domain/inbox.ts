/** Inbox views and conversation states shared by the inbox repository and the inbox page. Pure. */
export const INBOX_VIEWS = ["queue", "mine", "open", "ai", "closed"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
export const CONVERSATION_STATES = ["ai", "queued", "assigned", "waiting_shopper", "closed"] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

/** The conversation states each inbox view shows. */
export const VIEW_STATES: Record<InboxView, ConversationState[]> = {
  queue: ["queued"],
  mine: ["assigned", "waiting_shopper"],
  open: ["queued", "assigned", "waiting_shopper"],
  ai: ["ai"],
  closed: ["closed"],
};

/** The name the inbox shows for a conversation's shopper. */
export function conversationDisplayName(c: {
  contactName: string | null;
  contactEmail: string | null;
  customerId: string | null;
  id: string;
}): string {
  if (c.contactName) return c.contactName;
  if (c.contactEmail) return c.contactEmail;
  if (c.customerId) return `Customer ${c.customerId.replace(/^gid:\/\/shopify\/Customer\//, "")}`;
  return `Visitor ${c.id.slice(-6)}`;
}

/** Closed conversations are counted up to this many ("10,000+"): exact counts of history cost a scan. */
export const CLOSED_COUNT_CAP = 10_000;

/**
 * Conversations a text search hands to the inbox query, in the view's order (Prisma binds each id,
 * and SQLite allows 999 parameters; see app/repositories/inbox-search.server.ts).
 */
export const SEARCH_MATCH_CAP = 200;

export function parseTags(tags: string): string[] {
  return tags
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}
