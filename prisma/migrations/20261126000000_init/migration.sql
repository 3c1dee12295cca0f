-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" DATETIME,
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" DATETIME
);

-- CreateTable
CREATE TABLE "Shop" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Operator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "role" TEXT NOT NULL DEFAULT 'operator',
    "presence" TEXT NOT NULL DEFAULT 'offline',
    "capacity" INTEGER NOT NULL DEFAULT 5,
    "lastSeenAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'ai',
    "closeReason" TEXT,
    "visitorTokenHash" TEXT NOT NULL,
    "customerId" TEXT,
    "contactEmail" TEXT,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "locale" TEXT,
    "pageUrl" TEXT,
    "userAgent" TEXT,
    "assigneeId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "messageCount" INTEGER NOT NULL DEFAULT 0,
    "shopperMessageCount" INTEGER NOT NULL DEFAULT 0,
    "aiFailureStreak" INTEGER NOT NULL DEFAULT 0,
    "offline" BOOLEAN NOT NULL DEFAULT false,
    "tags" TEXT NOT NULL DEFAULT '',
    "handoffSummary" TEXT,
    "rating" INTEGER,
    "ratingComment" TEXT,
    "aiTokensIn" INTEGER NOT NULL DEFAULT 0,
    "aiTokensOut" INTEGER NOT NULL DEFAULT 0,
    "aiCostMicros" INTEGER NOT NULL DEFAULT 0,
    "operatorTypingAt" DATETIME,
    "queuedAt" DATETIME,
    "assignedAt" DATETIME,
    "firstHumanReplyAt" DATETIME,
    "lastShopperAt" DATETIME,
    "lastActivityAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Conversation_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Operator" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'final',
    "clientMessageId" TEXT,
    "replyToId" TEXT,
    "authorOperatorId" TEXT,
    "authorName" TEXT,
    "payload" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InternalNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "conversationId" TEXT,
    "ticketId" TEXT,
    "authorOperatorId" TEXT,
    "authorName" TEXT,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InternalNote_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InternalNote_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConversationEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "data" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConversationEvent_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'open',
    "priority" TEXT NOT NULL DEFAULT 'normal',
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TicketComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "authorType" TEXT NOT NULL,
    "authorOperatorId" TEXT,
    "authorName" TEXT,
    "body" TEXT NOT NULL,
    "emailedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TicketComment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KnowledgeEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'faq',
    "externalId" TEXT,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "UnansweredQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "locale" TEXT,
    "conversationId" TEXT,
    "count" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'open',
    "entryId" TEXT,
    "lastAskedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CannedResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "shortcut" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secretEnc" TEXT NOT NULL,
    "events" TEXT NOT NULL DEFAULT '*',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "nextAttemptAt" DATETIME,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "runAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "dedupeKey" TEXT,
    "completedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "data" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DataRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "customerId" TEXT,
    "customerEmail" TEXT,
    "export" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "WebhookReceipt" (
    "webhookId" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "InboundReceipt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AiUsageDaily" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "tokensIn" INTEGER NOT NULL DEFAULT 0,
    "tokensOut" INTEGER NOT NULL DEFAULT 0,
    "costMicros" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "day")
);

-- CreateTable
CREATE TABLE "AiCircuit" (
    "shop" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "openedAt" DATETIME,
    "cooldownMs" INTEGER NOT NULL,
    "trialAt" DATETIME,
    "lastErrorKind" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "baseUrl")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "link" TEXT,
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE INDEX "Operator_shop_presence_idx" ON "Operator"("shop", "presence");

-- CreateIndex
CREATE UNIQUE INDEX "Operator_shop_staffUserId_key" ON "Operator"("shop", "staffUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_visitorTokenHash_key" ON "Conversation"("visitorTokenHash");

-- CreateIndex
CREATE INDEX "Conversation_shop_state_queuedAt_idx" ON "Conversation"("shop", "state", "queuedAt");

-- CreateIndex
CREATE INDEX "Conversation_shop_state_lastActivityAt_idx" ON "Conversation"("shop", "state", "lastActivityAt");

-- CreateIndex
CREATE INDEX "Conversation_shop_assigneeId_state_lastActivityAt_idx" ON "Conversation"("shop", "assigneeId", "state", "lastActivityAt");

-- CreateIndex
CREATE INDEX "Conversation_shop_customerId_idx" ON "Conversation"("shop", "customerId");

-- CreateIndex
CREATE INDEX "Conversation_shop_contactEmail_idx" ON "Conversation"("shop", "contactEmail");

-- CreateIndex
CREATE INDEX "Conversation_shop_closedAt_idx" ON "Conversation"("shop", "closedAt");

-- CreateIndex
CREATE INDEX "Conversation_shop_createdAt_idx" ON "Conversation"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Conversation_shop_updatedAt_idx" ON "Conversation"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "Conversation_updatedAt_idx" ON "Conversation"("updatedAt");

-- CreateIndex
CREATE INDEX "Conversation_state_lastActivityAt_idx" ON "Conversation"("state", "lastActivityAt");

-- CreateIndex
CREATE INDEX "Message_conversationId_version_idx" ON "Message"("conversationId", "version");

-- CreateIndex
CREATE INDEX "Message_shop_conversationId_createdAt_idx" ON "Message"("shop", "conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_shop_createdAt_idx" ON "Message"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_clientMessageId_key" ON "Message"("conversationId", "clientMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_replyToId_key" ON "Message"("conversationId", "replyToId");

-- CreateIndex
CREATE INDEX "InternalNote_shop_conversationId_idx" ON "InternalNote"("shop", "conversationId");

-- CreateIndex
CREATE INDEX "InternalNote_shop_ticketId_idx" ON "InternalNote"("shop", "ticketId");

-- CreateIndex
CREATE INDEX "ConversationEvent_conversationId_createdAt_idx" ON "ConversationEvent"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "ConversationEvent_shop_type_createdAt_idx" ON "ConversationEvent"("shop", "type", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_shop_status_updatedAt_idx" ON "Ticket"("shop", "status", "updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_shop_requesterEmail_idx" ON "Ticket"("shop", "requesterEmail");

-- CreateIndex
CREATE INDEX "Ticket_shop_customerId_idx" ON "Ticket"("shop", "customerId");

-- CreateIndex
CREATE INDEX "Ticket_shop_conversationId_idx" ON "Ticket"("shop", "conversationId");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_shop_number_key" ON "Ticket"("shop", "number");

-- CreateIndex
CREATE INDEX "TicketComment_shop_ticketId_createdAt_idx" ON "TicketComment"("shop", "ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "KnowledgeEntry_shop_enabled_locale_idx" ON "KnowledgeEntry"("shop", "enabled", "locale");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeEntry_shop_kind_externalId_key" ON "KnowledgeEntry"("shop", "kind", "externalId");

-- CreateIndex
CREATE INDEX "UnansweredQuestion_shop_status_count_idx" ON "UnansweredQuestion"("shop", "status", "count");

-- CreateIndex
CREATE UNIQUE INDEX "UnansweredQuestion_shop_normalized_key" ON "UnansweredQuestion"("shop", "normalized");

-- CreateIndex
CREATE UNIQUE INDEX "CannedResponse_shop_shortcut_key" ON "CannedResponse"("shop", "shortcut");

-- CreateIndex
CREATE INDEX "WebhookEndpoint_shop_idx" ON "WebhookEndpoint"("shop");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shop_createdAt_idx" ON "WebhookDelivery"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_endpointId_eventId_key" ON "WebhookDelivery"("endpointId", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "Job_dedupeKey_key" ON "Job"("dedupeKey");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "Job_status_lockedUntil_idx" ON "Job"("status", "lockedUntil");

-- CreateIndex
CREATE INDEX "Job_shop_type_idx" ON "Job"("shop", "type");

-- CreateIndex
CREATE INDEX "AuditLog_shop_createdAt_idx" ON "AuditLog"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_shop_action_createdAt_idx" ON "AuditLog"("shop", "action", "createdAt");

-- CreateIndex
CREATE INDEX "DataRequest_shop_createdAt_idx" ON "DataRequest"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DataRequest_shop_requestId_key" ON "DataRequest"("shop", "requestId");

-- CreateIndex
CREATE INDEX "WebhookReceipt_shop_idx" ON "WebhookReceipt"("shop");

-- CreateIndex
CREATE INDEX "InboundReceipt_receivedAt_idx" ON "InboundReceipt"("receivedAt");

-- CreateIndex
CREATE INDEX "Notification_shop_createdAt_idx" ON "Notification"("shop", "createdAt");

