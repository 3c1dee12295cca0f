-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,
    "data" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'open',
    "priority" TEXT NOT NULL DEFAULT 'normal',
    "priorityRank" INTEGER NOT NULL DEFAULT 1,
    "source" TEXT NOT NULL,
    "assigneeId" TEXT,
    "requesterEmail" TEXT,
    "requesterName" TEXT,
    "requesterPhone" TEXT,
    "customerId" TEXT,
    "conversationId" TEXT,
    "transcript" TEXT,
    "firstResponseDueAt" DATETIME,
    "resolutionDueAt" DATETIME,
    "firstRespondedAt" DATETIME,
    "resolvedAt" DATETIME,
    "slaBreachedAt" DATETIME,
    "slaDueAt" DATETIME,
    "slaWarnAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Ticket" ("assigneeId", "conversationId", "createdAt", "customerId", "description", "firstRespondedAt", "firstResponseDueAt", "id", "number", "priority", "requesterEmail", "requesterName", "requesterPhone", "resolutionDueAt", "resolvedAt", "shop", "slaBreachedAt", "source", "status", "subject", "transcript", "updatedAt") SELECT "assigneeId", "conversationId", "createdAt", "customerId", "description", "firstRespondedAt", "firstResponseDueAt", "id", "number", "priority", "requesterEmail", "requesterName", "requesterPhone", "resolutionDueAt", "resolvedAt", "shop", "slaBreachedAt", "source", "status", "subject", "transcript", "updatedAt" FROM "Ticket";
DROP TABLE "Ticket";
ALTER TABLE "new_Ticket" RENAME TO "Ticket";
CREATE INDEX "Ticket_shop_status_updatedAt_idx" ON "Ticket"("shop", "status", "updatedAt");
CREATE INDEX "Ticket_shop_requesterEmail_idx" ON "Ticket"("shop", "requesterEmail");
CREATE INDEX "Ticket_shop_customerId_idx" ON "Ticket"("shop", "customerId");
CREATE INDEX "Ticket_shop_conversationId_idx" ON "Ticket"("shop", "conversationId");
CREATE INDEX "Ticket_shop_updatedAt_createdAt_idx" ON "Ticket"("shop", "updatedAt", "createdAt");
CREATE INDEX "Ticket_shop_createdAt_idx" ON "Ticket"("shop", "createdAt");
CREATE INDEX "Ticket_shop_priorityRank_updatedAt_idx" ON "Ticket"("shop", "priorityRank", "updatedAt");
CREATE INDEX "Ticket_shop_assigneeId_updatedAt_idx" ON "Ticket"("shop", "assigneeId", "updatedAt");
CREATE INDEX "Ticket_shop_slaDueAt_idx" ON "Ticket"("shop", "slaDueAt");
CREATE INDEX "Ticket_shop_slaBreachedAt_idx" ON "Ticket"("shop", "slaBreachedAt");
CREATE UNIQUE INDEX "Ticket_shop_number_key" ON "Ticket"("shop", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TicketEvent_shop_ticketId_createdAt_idx" ON "TicketEvent"("shop", "ticketId", "createdAt");

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
UPDATE "Ticket" SET "slaWarnAt" = strftime('%Y-%m-%dT%H:%M:%f+00:00',
    julianday("createdAt") + 0.8 * (julianday("slaDueAt") - julianday("createdAt")))
WHERE "slaDueAt" IS NOT NULL;
