-- CreateTable
CREATE TABLE "HealthProbe" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "data" BYTEA,

    CONSTRAINT "HealthProbe_pkey" PRIMARY KEY ("id")
);
