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

