-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "shopperTypingAt" TIMESTAMP(3);
