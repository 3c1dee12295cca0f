-- Inbox full-text search (hand-written: the Prisma schema is shared with SQLite and cannot declare a
-- tsvector column or a GIN index, so `npm run db:migration`, which diffs schema against schema,
-- never sees or drops them). See docs/decisions/180-inbox-search-on-the-databases-full-text-indexes.md.
--
-- One document per conversation: the contact's name and email and the text of every message, as a
-- tsvector in "Conversation"."searchVector" with a GIN index. The 'simple' configuration (lower-case
-- words, no stemming, no stop words): the shops write in several languages, and SQLite's unicode61
-- tokenizer does the same, so both databases match alike. Triggers recompute the document on every
-- insert, update of the text (a growing AI reply, a redaction) and delete of one of its messages,
-- and on a change of the contact, whichever code path writes.
ALTER TABLE "Conversation" ADD COLUMN "searchVector" tsvector;

CREATE FUNCTION "Conversation_search_document"(conversation_id TEXT, contact_name TEXT, contact_email TEXT)
RETURNS tsvector AS $$
    SELECT to_tsvector('simple', coalesce(contact_name, '') || ' ' || coalesce(contact_email, '') || ' ' ||
        coalesce((SELECT string_agg(m."text", ' ') FROM "Message" m WHERE m."conversationId" = conversation_id), ''))
$$ LANGUAGE sql STABLE;

CREATE FUNCTION "Conversation_search_contact"() RETURNS trigger AS $$
BEGIN
    NEW."searchVector" := "Conversation_search_document"(NEW."id", NEW."contactName", NEW."contactEmail");
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Conversation_search_contact" BEFORE INSERT OR UPDATE OF "contactName", "contactEmail" ON "Conversation"
    FOR EACH ROW EXECUTE FUNCTION "Conversation_search_contact"();

CREATE FUNCTION "Message_search_refresh"() RETURNS trigger AS $$
DECLARE
    conversation_id TEXT := CASE WHEN TG_OP = 'DELETE' THEN OLD."conversationId" ELSE NEW."conversationId" END;
BEGIN
    UPDATE "Conversation" c
        SET "searchVector" = "Conversation_search_document"(c."id", c."contactName", c."contactEmail")
        WHERE c."id" = conversation_id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Message_search_refresh" AFTER INSERT OR DELETE OR UPDATE OF "text" ON "Message"
    FOR EACH ROW EXECUTE FUNCTION "Message_search_refresh"();

-- The conversations written before this migration.
UPDATE "Conversation" c SET "searchVector" = "Conversation_search_document"(c."id", c."contactName", c."contactEmail");

CREATE INDEX "Conversation_searchVector_idx" ON "Conversation" USING GIN ("searchVector");
