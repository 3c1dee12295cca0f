/**
 * `GET /proxy/conversations/:id/poll?token=&after=`: the one poll.
 *
 * The visitor is checked against the in-process version map (app/domain/versions.server.ts) with the
 * one access rule (tokens.server.ts `visitorMayAccess`: the token and the signed customer the
 * conversation was created with); a cold entry is loaded from the database once. Wrong token, other
 * or no customer, unknown id, other shop → one 404. An unchanged cursor is answered 204 in the same
 * tick with no database query; a changed one reads the conversation and only the messages with a
 * version in (after, current] (poll-reader.ts) and shapes them with views.ts.
 */
import { rememberConversation, versionEntry, type VersionEntry } from "../../app/domain/versions.server";
import { conversationView, messageView } from "../../app/domain/conversations/views";
import { isShopOnline, queueInfo } from "../../app/domain/conversations/availability.server";
import { conversationNotFound } from "../../app/domain/conversations/errors";
import { hashToken, visitorMayAccess } from "../../app/domain/conversations/tokens.server";
import { readBoolean } from "../../app/db/sql.server";
import { errorReply, json, NO_CONTENT, refuse, type Reply } from "./http";
import type { PollReader } from "./poll-reader";

/** The request's visitor: its token's hash and signed customer id (null: a guest). */
interface Asker {
  tokenHash: string;
  customerId: string | null;
}

const CURSOR = /^\d{1,15}$/;
const NOT_FOUND = errorReply("not_found", "conversation not found");

/**
 * A visitor token in a query (poll, resume): absent, too short or too long is the same 404 as a
 * wrong one (no oracle); a syntactically valid one is checked against the conversation.
 */
export function queryToken(params: Map<string, string>): string {
  const token = params.get("token");
  if (!token || token.length < 16 || token.length > 200) throw conversationNotFound();
  return token;
}

export function createPoll(reader: () => PollReader) {
  const loading = new Map<string, Promise<VersionEntry | undefined>>();

  function loadEntry(id: string): Promise<VersionEntry | undefined> {
    let p = loading.get(id);
    if (!p) {
      p = reader()
        .entry(id)
        .then((row) => (row ? rememberConversation(id, row, Number(row.version)) : undefined))
        .finally(() => loading.delete(id));
      loading.set(id, p);
    }
    return p;
  }

  async function changed(id: string, shop: string, who: Asker, after: number): Promise<Reply> {
    const r = reader();
    const row = await r.conversation(id);
    if (!row || row.shop !== shop || !visitorMayAccess(row, who.tokenHash, who.customerId)) return NOT_FOUND;
    const version = Number(row.version);
    rememberConversation(id, row, version);
    if (version <= after) return NO_CONTENT;
    const rows = await r.messages(id, after, version);
    const state = row.state;
    return json({
      messages: rows.map((m) => messageView({ ...m, version: Number(m.version) })),
      conversation: conversationView({
        id: row.id,
        state,
        offline: readBoolean(row.offline),
        createdAt: row.createdAt,
        operatorName: row.operatorName,
        online: await isShopOnline(shop),
        queue: state === "queued" ? await queueInfo(shop, row.queuedAt ? new Date(row.queuedAt) : null) : null,
        operatorTypingAt: row.operatorTypingAt,
      }),
      cursor: version,
    });
  }

  function answerFor(
    id: string,
    shop: string,
    who: Asker,
    after: number,
    entry: VersionEntry | undefined,
  ): Reply | Promise<Reply> {
    if (
      !entry ||
      entry.shop !== shop ||
      entry.tokenHash === undefined ||
      entry.customerId === undefined ||
      !visitorMayAccess(
        { visitorTokenHash: entry.tokenHash, customerId: entry.customerId },
        who.tokenHash,
        who.customerId,
      )
    )
      return NOT_FOUND;
    if (entry.version <= after) return NO_CONTENT;
    return changed(id, shop, who, after);
  }

  /** The common case (entry in memory, cursor unchanged) returns without a promise. */
  return function poll(
    shop: string,
    id: string,
    params: Map<string, string>,
    customerId: string | null,
  ): Reply | Promise<Reply> {
    const token = queryToken(params);
    const afterRaw = params.get("after") ?? "0";
    if (!CURSOR.test(afterRaw)) throw refuse("invalid_request", "after: must be a non-negative integer", 422);
    const after = Number(afterRaw);
    const who: Asker = { tokenHash: hashToken(token), customerId };
    const entry = versionEntry(id);
    if (!entry || entry.tokenHash === undefined || entry.customerId === undefined) {
      return loadEntry(id).then((loaded) => answerFor(id, shop, who, after, loaded));
    }
    return answerFor(id, shop, who, after, entry);
  };
}
