-- CreateTable
CREATE TABLE "DomainEvent" (
    "seq" SERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "conversationId" TEXT,
    "ticketId" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "dispatchedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("seq")
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
