-- Inbox full-text search (hand-written: a Prisma schema cannot declare an FTS5 table or triggers,
-- so `npm run db:migration`, which diffs schema against schema, never sees or drops them).
-- See docs/decisions/180-inbox-search-on-the-databases-full-text-indexes.md.
--
-- One document per conversation, keyed by the conversation's rowid: the contact's name and email
-- and the text of every message. A search then reads conversation rowids straight from the index
-- (no lookup per matching message). contentless_delete: the index keeps no copy of the text and a
-- document is replaced by rowid. The triggers rebuild a conversation's document on every insert,
-- update of the text (a growing AI reply, a redaction) and delete of one of its messages, and on a
-- change of the contact, whichever code path writes. After a VACUUM (which may renumber rowids)
-- run the two statements at the end of this file again.
CREATE VIRTUAL TABLE "ConversationSearch" USING fts5(
    "body",
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER "Message_search_insert" AFTER INSERT ON "Message" BEGIN
    DELETE FROM "ConversationSearch" WHERE rowid = (SELECT rowid FROM "Conversation" WHERE "id" = new."conversationId");
    INSERT INTO "ConversationSearch"(rowid, "body")
        SELECT c.rowid, coalesce(c."contactName", '') || ' ' || coalesce(c."contactEmail", '') || ' ' ||
            coalesce((SELECT group_concat(m."text", ' ') FROM "Message" m WHERE m."conversationId" = c."id"), '')
        FROM "Conversation" c WHERE c."id" = new."conversationId";
END;

CREATE TRIGGER "Message_search_update" AFTER UPDATE OF "text" ON "Message" BEGIN
    DELETE FROM "ConversationSearch" WHERE rowid = (SELECT rowid FROM "Conversation" WHERE "id" = new."conversationId");
    INSERT INTO "ConversationSearch"(rowid, "body")
        SELECT c.rowid, coalesce(c."contactName", '') || ' ' || coalesce(c."contactEmail", '') || ' ' ||
            coalesce((SELECT group_concat(m."text", ' ') FROM "Message" m WHERE m."conversationId" = c."id"), '')
        FROM "Conversation" c WHERE c."id" = new."conversationId";
END;

CREATE TRIGGER "Message_search_delete" AFTER DELETE ON "Message" BEGIN
    DELETE FROM "ConversationSearch" WHERE rowid = (SELECT rowid FROM "Conversation" WHERE "id" = old."conversationId");
    INSERT INTO "ConversationSearch"(rowid, "body")
        SELECT c.rowid, coalesce(c."contactName", '') || ' ' || coalesce(c."contactEmail", '') || ' ' ||
            coalesce((SELECT group_concat(m."text", ' ') FROM "Message" m WHERE m."conversationId" = c."id"), '')
        FROM "Conversation" c WHERE c."id" = old."conversationId";
END;

CREATE TRIGGER "Conversation_search_insert" AFTER INSERT ON "Conversation" BEGIN
    INSERT INTO "ConversationSearch"(rowid, "body")
        VALUES (new.rowid, coalesce(new."contactName", '') || ' ' || coalesce(new."contactEmail", ''));
END;

CREATE TRIGGER "Conversation_search_contact" AFTER UPDATE OF "contactName", "contactEmail" ON "Conversation" BEGIN
    DELETE FROM "ConversationSearch" WHERE rowid = new.rowid;
    INSERT INTO "ConversationSearch"(rowid, "body")
        SELECT new.rowid, coalesce(new."contactName", '') || ' ' || coalesce(new."contactEmail", '') || ' ' ||
            coalesce((SELECT group_concat(m."text", ' ') FROM "Message" m WHERE m."conversationId" = new."id"), '');
END;

CREATE TRIGGER "Conversation_search_delete" AFTER DELETE ON "Conversation" BEGIN
    DELETE FROM "ConversationSearch" WHERE rowid = old.rowid;
END;

-- The conversations written before this migration.
DELETE FROM "ConversationSearch";
INSERT INTO "ConversationSearch"(rowid, "body")
    SELECT c.rowid, coalesce(c."contactName", '') || ' ' || coalesce(c."contactEmail", '') || ' ' ||
        coalesce((SELECT group_concat(m."text", ' ') FROM "Message" m WHERE m."conversationId" = c."id"), '')
    FROM "Conversation" c;
