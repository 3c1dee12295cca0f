-- CreateTable
CREATE TABLE "DomainEvent" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "conversationId" TEXT,
    "ticketId" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "dispatchedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "DomainEvent_id_key" ON "DomainEvent"("id");

-- CreateIndex
CREATE INDEX "DomainEvent_dispatchedAt_seq_idx" ON "DomainEvent"("dispatchedAt", "seq");

-- CreateIndex
CREATE INDEX "DomainEvent_shop_type_createdAt_idx" ON "DomainEvent"("shop", "type", "createdAt");

-- CreateIndex
CREATE INDEX "DomainEvent_conversationId_seq_idx" ON "DomainEvent"("conversationId", "seq");

-- CreateIndex
CREATE INDEX "DomainEvent_ticketId_seq_idx" ON "DomainEvent"("ticketId", "seq");
