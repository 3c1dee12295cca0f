#!/usr/bin/env bash
# Regenerates the PostgreSQL schema, the initial migrations of both databases and both clients
# from prisma/schema.prisma. Only valid while the app has a single, unreleased initial migration.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/prisma-pg.ts
mkdir -p data prisma/migrations/20261126000000_init prisma/postgresql/migrations/20261126000000_init
npx prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script \
  > prisma/migrations/20261126000000_init/migration.sql
PRISMA_SCHEMA=postgresql npx prisma migrate diff --from-empty --to-schema-datamodel prisma/postgresql/schema.prisma --script \
  > prisma/postgresql/migrations/20261126000000_init/migration.sql
npm run generate --silent
echo "migrations and clients regenerated"
