-- AlterTable
ALTER TABLE "Operator" ADD COLUMN "deactivatedAt" DATETIME;

-- CreateTable
CREATE TABLE "PresenceInterval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "PresenceInterval_shop_operatorId_endedAt_idx" ON "PresenceInterval"("shop", "operatorId", "endedAt");

-- CreateIndex
CREATE INDEX "PresenceInterval_shop_startedAt_idx" ON "PresenceInterval"("shop", "startedAt");

-- CreateIndex
CREATE INDEX "Ticket_shop_firstResponseDueAt_idx" ON "Ticket"("shop", "firstResponseDueAt");

-- CreateIndex
CREATE INDEX "Ticket_shop_resolutionDueAt_idx" ON "Ticket"("shop", "resolutionDueAt");

-- CreateIndex
CREATE INDEX "Ticket_shop_assigneeId_resolvedAt_idx" ON "Ticket"("shop", "assigneeId", "resolvedAt");
