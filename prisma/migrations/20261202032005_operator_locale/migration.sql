-- AlterTable
ALTER TABLE "Operator" ADD COLUMN "locale" TEXT;
