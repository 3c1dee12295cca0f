-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "transferTimeoutSeconds" INTEGER NOT NULL DEFAULT 120;

-- CreateTable
CREATE TABLE "TransferRequest" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "fromOperatorId" TEXT NOT NULL,
    "holderId" TEXT,
    "toOperatorId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "pendingKey" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransferRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TransferRequest_pendingKey_key" ON "TransferRequest"("pendingKey");

-- CreateIndex
CREATE INDEX "TransferRequest_shop_toOperatorId_status_idx" ON "TransferRequest"("shop", "toOperatorId", "status");

-- CreateIndex
CREATE INDEX "TransferRequest_shop_conversationId_createdAt_idx" ON "TransferRequest"("shop", "conversationId", "createdAt");
