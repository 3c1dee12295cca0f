-- CreateIndex
CREATE INDEX "DomainEvent_shop_seq_idx" ON "DomainEvent"("shop", "seq");
