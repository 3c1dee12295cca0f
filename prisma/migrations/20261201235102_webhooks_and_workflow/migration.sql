-- CreateTable
CREATE TABLE "WorkflowAnswer" (
    "messageId" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
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
    "workflowTimeoutMs" INTEGER NOT NULL DEFAULT 10000,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Shop" ("aiApiKeyEnc", "aiBaseUrl", "aiDailyTokenCap", "aiMaxTokens", "aiMode", "aiModel", "aiPersona", "aiRules", "aiTemperature", "brandName", "businessHours", "createdAt", "greeting", "handoffEnabled", "holidays", "inactivityAwayMinutes", "inactivityCloseMinutes", "installedAt", "name", "notifyEmail", "retentionDays", "routingMode", "scopes", "shop", "slaTargets", "smtpUrlEnc", "ticketSequence", "timezone", "uninstalledAt", "updatedAt", "workflowSecretEnc", "workflowUrl") SELECT "aiApiKeyEnc", "aiBaseUrl", "aiDailyTokenCap", "aiMaxTokens", "aiMode", "aiModel", "aiPersona", "aiRules", "aiTemperature", "brandName", "businessHours", "createdAt", "greeting", "handoffEnabled", "holidays", "inactivityAwayMinutes", "inactivityCloseMinutes", "installedAt", "name", "notifyEmail", "retentionDays", "routingMode", "scopes", "shop", "slaTargets", "smtpUrlEnc", "ticketSequence", "timezone", "uninstalledAt", "updatedAt", "workflowSecretEnc", "workflowUrl" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
CREATE TABLE "new_WebhookEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secretEnc" TEXT NOT NULL,
    "secretHint" TEXT NOT NULL DEFAULT '',
    "events" TEXT NOT NULL DEFAULT '*',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "failingSince" DATETIME,
    "disabledReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_WebhookEndpoint" ("createdAt", "enabled", "events", "id", "secretEnc", "shop", "updatedAt", "url") SELECT "createdAt", "enabled", "events", "id", "secretEnc", "shop", "updatedAt", "url" FROM "WebhookEndpoint";
DROP TABLE "WebhookEndpoint";
ALTER TABLE "new_WebhookEndpoint" RENAME TO "WebhookEndpoint";
CREATE INDEX "WebhookEndpoint_shop_idx" ON "WebhookEndpoint"("shop");
CREATE TABLE "new_WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "eventSeq" INTEGER NOT NULL DEFAULT 0,
    "orderKey" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "responseExcerpt" TEXT,
    "durationMs" INTEGER,
    "lockedUntil" DATETIME,
    "lastAttemptAt" DATETIME,
    "nextAttemptAt" DATETIME,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_WebhookDelivery" ("attempts", "createdAt", "deliveredAt", "endpointId", "eventId", "eventType", "id", "lastError", "lastStatusCode", "nextAttemptAt", "payload", "shop", "status", "updatedAt") SELECT "attempts", "createdAt", "deliveredAt", "endpointId", "eventId", "eventType", "id", "lastError", "lastStatusCode", "nextAttemptAt", "payload", "shop", "status", "updatedAt" FROM "WebhookDelivery";
DROP TABLE "WebhookDelivery";
ALTER TABLE "new_WebhookDelivery" RENAME TO "WebhookDelivery";
CREATE INDEX "WebhookDelivery_shop_createdAt_idx" ON "WebhookDelivery"("shop", "createdAt");
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt");
CREATE UNIQUE INDEX "WebhookDelivery_endpointId_eventId_key" ON "WebhookDelivery"("endpointId", "eventId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "WorkflowAnswer_shop_conversationId_idx" ON "WorkflowAnswer"("shop", "conversationId");
