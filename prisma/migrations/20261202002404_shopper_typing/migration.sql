-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "shopperTypingAt" DATETIME;
