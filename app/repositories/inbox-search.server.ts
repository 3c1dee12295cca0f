/**
 * Inbox text search on the databases' own full-text indexes: one document per conversation (the
 * contact's name and email and every message's text), SQLite FTS5 "ConversationSearch" and
 * PostgreSQL "Conversation"."searchVector" + GIN, both kept in step by triggers (see
 * prisma/migrations/20261202000000_message_search and docs/decisions/180-…).
 *
 * A search returns, in the view's order, up to SEARCH_MATCH_CAP conversations of the view's states
 * that match every word; the inbox query then applies the remaining filters and the page cursor. A
 * word that matches nothing costs one index lookup, a common word one read of its matching
 * conversations (no lookup per message), so every search stays within the inbox budget at a million
 * messages. Past the cap the page says so.
 */
import { dialectOf, textContains, type Tx } from "../db.server";
import type { Prisma } from "../generated/prisma/client";
import { SEARCH_MATCH_CAP } from "../domain/inbox";

const MAX_TERMS = 8;

/** Which conversations a search looks at, in which order (the inbox view's). */
export interface SearchScope {
  states: readonly string[];
  assigneeId?: string | undefined;
  orderBy: "queuedAt" | "lastActivityAt";
  direction: "asc" | "desc";
}

export interface TextMatches {
  conversationIds: string[];
  /** True when more conversations matched than SEARCH_MATCH_CAP: the result is the first of them. */
  capped: boolean;
}

/** The words of a search ("Switzerland?" → ["switzerland"]), as both indexes tokenize them. */
export function searchTerms(raw: string): string[] {
  const words = raw.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/**
 * Every word must appear; each matches as a prefix ("switz" finds "Switzerland") unless `exact`
 * (order numbers: "1003" must not find "10030").
 */
function ftsQuery(terms: string[], exact: boolean): string {
  return terms.map((t) => `"${t}"${exact ? "" : "*"}`).join(" ");
}

function tsQuery(terms: string[], exact: boolean): string {
  // Terms hold only letters, digits and marks, so they need no quoting in tsquery syntax.
  return terms.map((t) => (exact ? t : `${t}:*`)).join(" & ");
}

/** The conversations of `shop` in `scope` whose contact or messages contain every word of `raw`. */
export async function conversationsMatchingText(
  client: Tx,
  shop: string,
  raw: string,
  scope: SearchScope,
  options: { exact?: boolean } = {},
): Promise<TextMatches> {
  const terms = searchTerms(raw);
  if (terms.length === 0 || scope.states.length === 0) return { conversationIds: [], capped: false };
  const exact = options.exact ?? false;
  // Column and direction come from the fixed union above, never from the request.
  const order = `c."${scope.orderBy}" ${scope.direction === "asc" ? "ASC" : "DESC"}, c."id" ${scope.direction === "asc" ? "ASC" : "DESC"}`;
  const pg = dialectOf(client) === "postgresql";
  // Parameters in the order they appear in the statement.
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return pg ? `$${params.length}` : "?";
  };
  const scopeSql = () =>
    `c."shop" = ${bind(shop)} AND c."state" IN (${scope.states.map(bind).join(", ")})` +
    (scope.assigneeId ? ` AND c."assigneeId" = ${bind(scope.assigneeId)}` : "");
  const sql = pg
    ? `SELECT c."id" FROM "Conversation" c
       WHERE ${scopeSql()} AND c."searchVector" @@ to_tsquery('simple', ${bind(tsQuery(terms, exact))})
       ORDER BY ${order} LIMIT ${bind(SEARCH_MATCH_CAP + 1)}`
    : // The unary + keeps SQLite walking the view's index in order and testing each conversation
      // against the matching rowids read once from the index: a common word stops after a page
      // (instead of sorting every match), and a word that matches nothing costs one empty read.
      `SELECT c."id" FROM "Conversation" c
       WHERE ${scopeSql()}
         AND +c.rowid IN (SELECT rowid FROM "ConversationSearch" WHERE "ConversationSearch" MATCH ${bind(ftsQuery(terms, exact))})
       ORDER BY ${order} LIMIT ${bind(SEARCH_MATCH_CAP + 1)}`;
  const rows = await client.$queryRawUnsafe<{ id: string }[]>(sql, ...params);
  return {
    conversationIds: rows.slice(0, SEARCH_MATCH_CAP).map((r) => r.id),
    capped: rows.length > SEARCH_MATCH_CAP,
  };
}

const ORDER_NUMBER = /^#?(\d{3,12})$/;
const EMAILISH = /@/;
const FULL_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface SearchWhere {
  where: Prisma.ConversationWhereInput;
  capped: boolean;
}

/**
 * The inbox filter for a search box entry: an order number ("#1003", in the transcript), an email
 * (whole or part, on the conversation's contact), or words (the contact's name and email, and the
 * messages through the full-text index). Null for an empty search.
 */
export async function searchWhere(
  client: Tx,
  shop: string,
  raw: string,
  scope: SearchScope,
): Promise<SearchWhere | null> {
  const q = raw.trim().slice(0, 200);
  if (!q) return null;
  const order = ORDER_NUMBER.exec(q);
  if (order) {
    const matches = await conversationsMatchingText(client, shop, order[1] as string, scope, { exact: true });
    return { where: { id: { in: matches.conversationIds } }, capped: matches.capped };
  }
  if (FULL_EMAIL.test(q))
    return { where: { OR: [{ contactEmail: q }, { contactEmail: q.toLowerCase() }] }, capped: false };
  if (EMAILISH.test(q)) return { where: { contactEmail: textContains(client, q.toLowerCase()) }, capped: false };
  // The contact's name and email are part of each conversation's document.
  const matches = await conversationsMatchingText(client, shop, q, scope);
  return { where: { id: { in: matches.conversationIds } }, capped: matches.capped };
}
