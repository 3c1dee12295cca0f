-- CreateTable
CREATE TABLE "HealthProbe" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "data" BLOB
);
