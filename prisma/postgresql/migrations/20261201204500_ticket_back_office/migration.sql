-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "priorityRank" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "slaDueAt" TIMESTAMP(3),
ADD COLUMN     "slaWarnAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,
    "data" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TicketEvent_shop_ticketId_createdAt_idx" ON "TicketEvent"("shop", "ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_shop_updatedAt_createdAt_idx" ON "Ticket"("shop", "updatedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_shop_createdAt_idx" ON "Ticket"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_shop_priorityRank_updatedAt_idx" ON "Ticket"("shop", "priorityRank", "updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_shop_assigneeId_updatedAt_idx" ON "Ticket"("shop", "assigneeId", "updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_shop_slaDueAt_idx" ON "Ticket"("shop", "slaDueAt");

-- CreateIndex
CREATE INDEX "Ticket_shop_slaBreachedAt_idx" ON "Ticket"("shop", "slaBreachedAt");

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill the derived columns of existing tickets (the rules of app/domain/ticket-sla.ts and
-- app/domain/ticket-status.ts; from now on app/repositories/tickets.server.ts writes them).
UPDATE "Ticket" SET "priorityRank" = CASE "priority" WHEN 'low' THEN 0 WHEN 'high' THEN 2 WHEN 'urgent' THEN 3 ELSE 1 END;
UPDATE "Ticket" SET "slaDueAt" = CASE
    WHEN "status" NOT IN ('open', 'pending') THEN NULL
    WHEN "firstRespondedAt" IS NULL AND "firstResponseDueAt" IS NOT NULL
         AND ("resolvedAt" IS NOT NULL OR "resolutionDueAt" IS NULL OR "firstResponseDueAt" <= "resolutionDueAt")
        THEN "firstResponseDueAt"
    WHEN "resolvedAt" IS NULL THEN "resolutionDueAt"
    ELSE NULL
END;
UPDATE "Ticket" SET "slaWarnAt" = "createdAt" + 0.8 * ("slaDueAt" - "createdAt") WHERE "slaDueAt" IS NOT NULL;
