-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "requesterLocale" TEXT;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "operatorId" TEXT;

-- CreateTable
CREATE TABLE "NotificationRead" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "notificationId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "readAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "EmailDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TicketReplyToken" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "InboundEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SlaAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shop" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "scopes" TEXT,
    "routingMode" TEXT NOT NULL DEFAULT 'auto',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "businessHours" TEXT NOT NULL DEFAULT '{}',
    "holidays" TEXT NOT NULL DEFAULT '[]',
    "inactivityAwayMinutes" INTEGER NOT NULL DEFAULT 10,
    "inactivityCloseMinutes" INTEGER NOT NULL DEFAULT 30,
    "retentionDays" INTEGER NOT NULL DEFAULT 365,
    "ticketSequence" INTEGER NOT NULL DEFAULT 1000,
    "greeting" TEXT,
    "brandName" TEXT,
    "handoffEnabled" BOOLEAN NOT NULL DEFAULT true,
    "aiMode" TEXT NOT NULL DEFAULT 'builtin',
    "aiBaseUrl" TEXT,
    "aiModel" TEXT,
    "aiApiKeyEnc" TEXT,
    "aiTemperature" REAL NOT NULL DEFAULT 0.3,
    "aiMaxTokens" INTEGER NOT NULL DEFAULT 600,
    "aiPersona" TEXT,
    "aiRules" TEXT,
    "aiDailyTokenCap" INTEGER NOT NULL DEFAULT 200000,
    "slaTargets" TEXT NOT NULL DEFAULT '{}',
    "notifyEmail" TEXT,
    "smtpUrlEnc" TEXT,
    "workflowUrl" TEXT,
    "workflowSecretEnc" TEXT,
    "smtpHost" TEXT,
    "smtpPort" INTEGER,
    "smtpTls" TEXT NOT NULL DEFAULT 'starttls',
    "smtpUser" TEXT,
    "smtpPasswordEnc" TEXT,
    "smtpFromName" TEXT,
    "smtpFromAddress" TEXT,
    "smtpReplyTo" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Shop" ("aiApiKeyEnc", "aiBaseUrl", "aiDailyTokenCap", "aiMaxTokens", "aiMode", "aiModel", "aiPersona", "aiRules", "aiTemperature", "brandName", "businessHours", "createdAt", "greeting", "handoffEnabled", "holidays", "inactivityAwayMinutes", "inactivityCloseMinutes", "installedAt", "name", "notifyEmail", "retentionDays", "routingMode", "scopes", "shop", "slaTargets", "smtpUrlEnc", "ticketSequence", "timezone", "uninstalledAt", "updatedAt", "workflowSecretEnc", "workflowUrl") SELECT "aiApiKeyEnc", "aiBaseUrl", "aiDailyTokenCap", "aiMaxTokens", "aiMode", "aiModel", "aiPersona", "aiRules", "aiTemperature", "brandName", "businessHours", "createdAt", "greeting", "handoffEnabled", "holidays", "inactivityAwayMinutes", "inactivityCloseMinutes", "installedAt", "name", "notifyEmail", "retentionDays", "routingMode", "scopes", "shop", "slaTargets", "smtpUrlEnc", "ticketSequence", "timezone", "uninstalledAt", "updatedAt", "workflowSecretEnc", "workflowUrl" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
CREATE TABLE "new_Operator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "role" TEXT NOT NULL DEFAULT 'operator',
    "presence" TEXT NOT NULL DEFAULT 'offline',
    "capacity" INTEGER NOT NULL DEFAULT 5,
    "lastSeenAt" DATETIME,
    "emailNotifications" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Operator" ("capacity", "createdAt", "email", "id", "lastSeenAt", "name", "presence", "role", "shop", "staffUserId", "updatedAt") SELECT "capacity", "createdAt", "email", "id", "lastSeenAt", "name", "presence", "role", "shop", "staffUserId", "updatedAt" FROM "Operator";
DROP TABLE "Operator";
ALTER TABLE "new_Operator" RENAME TO "Operator";
CREATE INDEX "Operator_shop_presence_idx" ON "Operator"("shop", "presence");
CREATE UNIQUE INDEX "Operator_shop_staffUserId_key" ON "Operator"("shop", "staffUserId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
