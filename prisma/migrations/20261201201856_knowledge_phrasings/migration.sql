-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_KnowledgeEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'faq',
    "externalId" TEXT,
    "question" TEXT NOT NULL,
    "phrasings" TEXT NOT NULL DEFAULT '',
    "answer" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_KnowledgeEntry" ("answer", "createdAt", "enabled", "externalId", "id", "kind", "locale", "question", "shop", "tags", "updatedAt") SELECT "answer", "createdAt", "enabled", "externalId", "id", "kind", "locale", "question", "shop", "tags", "updatedAt" FROM "KnowledgeEntry";
DROP TABLE "KnowledgeEntry";
ALTER TABLE "new_KnowledgeEntry" RENAME TO "KnowledgeEntry";
CREATE INDEX "KnowledgeEntry_shop_enabled_locale_idx" ON "KnowledgeEntry"("shop", "enabled", "locale");
CREATE UNIQUE INDEX "KnowledgeEntry_shop_kind_externalId_key" ON "KnowledgeEntry"("shop", "kind", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
