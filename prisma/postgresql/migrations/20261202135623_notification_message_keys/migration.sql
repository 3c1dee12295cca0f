-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "bodyKey" TEXT,
ADD COLUMN     "titleKey" TEXT,
ADD COLUMN     "vars" TEXT;
