-- AlterTable
ALTER TABLE "KnowledgeEntry" ADD COLUMN     "phrasings" TEXT NOT NULL DEFAULT '';
