-- CreateTable
CREATE TABLE "AiCircuit" (
    "shop" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "openedAt" TIMESTAMP(3),
    "cooldownMs" INTEGER NOT NULL,
    "trialAt" TIMESTAMP(3),
    "lastErrorKind" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AiCircuit_pkey" PRIMARY KEY ("shop","baseUrl")
);

