-- The webhooks migration (20261201235102) rebuilt the Shop table from a schema that did not yet
-- have the SMTP columns of 20261201234833, so on SQLite it dropped them. They come back here, empty
-- as they were created. PostgreSQL altered the table in place and needs nothing (an empty migration).
ALTER TABLE "Shop" ADD COLUMN "smtpHost" TEXT;
ALTER TABLE "Shop" ADD COLUMN "smtpPort" INTEGER;
ALTER TABLE "Shop" ADD COLUMN "smtpTls" TEXT NOT NULL DEFAULT 'starttls';
ALTER TABLE "Shop" ADD COLUMN "smtpUser" TEXT;
ALTER TABLE "Shop" ADD COLUMN "smtpPasswordEnc" TEXT;
ALTER TABLE "Shop" ADD COLUMN "smtpFromName" TEXT;
ALTER TABLE "Shop" ADD COLUMN "smtpFromAddress" TEXT;
ALTER TABLE "Shop" ADD COLUMN "smtpReplyTo" TEXT;
