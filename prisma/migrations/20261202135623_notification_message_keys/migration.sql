-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "bodyKey" TEXT;
ALTER TABLE "Notification" ADD COLUMN "titleKey" TEXT;
ALTER TABLE "Notification" ADD COLUMN "vars" TEXT;
