-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "smtpFromAddress" TEXT,
ADD COLUMN     "smtpFromName" TEXT,
ADD COLUMN     "smtpHost" TEXT,
ADD COLUMN     "smtpPasswordEnc" TEXT,
ADD COLUMN     "smtpPort" INTEGER,
ADD COLUMN     "smtpReplyTo" TEXT,
ADD COLUMN     "smtpTls" TEXT NOT NULL DEFAULT 'starttls',
ADD COLUMN     "smtpUser" TEXT;

-- AlterTable
ALTER TABLE "Operator" ADD COLUMN     "emailNotifications" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "requesterLocale" TEXT;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "operatorId" TEXT;

-- CreateTable
CREATE TABLE "NotificationRead" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "notificationId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationRead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailDelivery" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ticketId" TEXT,
    "commentId" TEXT,
    "toAddress" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "state" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "messageId" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EmailDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketReplyToken" (
    "tokenHash" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketReplyToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "InboundEmail" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaAlert" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlaAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NotificationRead_shop_operatorId_idx" ON "NotificationRead"("shop", "operatorId");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationRead_notificationId_operatorId_key" ON "NotificationRead"("notificationId", "operatorId");

-- CreateIndex
CREATE INDEX "EmailDelivery_shop_ticketId_createdAt_idx" ON "EmailDelivery"("shop", "ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "TicketReplyToken_shop_ticketId_idx" ON "TicketReplyToken"("shop", "ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "InboundEmail_shop_messageId_key" ON "InboundEmail"("shop", "messageId");

-- CreateIndex
CREATE UNIQUE INDEX "SlaAlert_shop_subjectId_target_level_key" ON "SlaAlert"("shop", "subjectId", "target", "level");

-- CreateIndex
CREATE INDEX "Notification_shop_operatorId_createdAt_idx" ON "Notification"("shop", "operatorId", "createdAt");
