#!/usr/bin/env bash
# `npm run db:migration -- NAME`: after a change to prisma/schema.prisma, regenerates the PostgreSQL
# schema and both clients, and writes a new migration for each database
# (prisma/migrations/<UTC timestamp>_NAME and prisma/postgresql/migrations/<same>) with the SQL
# that takes the committed schema (git HEAD) to the working one. Review the SQL before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: npm run db:migration -- NAME (letters, digits, underscores)}
[[ $name =~ ^[a-z0-9_]+$ ]] || { echo "NAME must be lower-case letters, digits and underscores" >&2; exit 2; }
stamp=$(date -u +%Y%m%d%H%M%S)
mkdir -p data # the adapter opens the default database file, which a fresh clone does not have
npx tsx scripts/prisma-pg.ts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git show HEAD:prisma/schema.prisma > "$tmp/old.prisma"
git show HEAD:prisma/postgresql/schema.prisma > "$tmp/old-pg.prisma"
sqlite_sql=$(npx prisma migrate diff --from-schema-datamodel "$tmp/old.prisma" --to-schema-datamodel prisma/schema.prisma --script)
pg_sql=$(PRISMA_SCHEMA=postgresql npx prisma migrate diff --from-schema-datamodel "$tmp/old-pg.prisma" --to-schema-datamodel prisma/postgresql/schema.prisma --script)
if ! grep -qv '^--' <<<"$sqlite_sql$pg_sql"; then
  echo "no schema change against HEAD: nothing written"
  exit 0
fi
mkdir -p "prisma/migrations/${stamp}_${name}" "prisma/postgresql/migrations/${stamp}_${name}"
printf '%s\n' "$sqlite_sql" > "prisma/migrations/${stamp}_${name}/migration.sql"
printf '%s\n' "$pg_sql" > "prisma/postgresql/migrations/${stamp}_${name}/migration.sql"
npm run generate --silent
echo "wrote prisma/migrations/${stamp}_${name} and prisma/postgresql/migrations/${stamp}_${name}"
