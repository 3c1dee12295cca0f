/** Derives the PostgreSQL schema text from the SQLite one: only the header blocks differ. */
export function pgSchemaFrom(sqlite: string): string {
  return (
    "// GENERATED from prisma/schema.prisma by `npm run prisma:pg`: edit that file, not this one.\n" +
    sqlite
      .replace('output     = "../app/generated/prisma"', 'output     = "../../app/generated/prisma-pg"')
      .replace('provider = "sqlite"', 'provider = "postgresql"')
  );
}

/** The model/index part of a schema (everything after the datasource block), for parity checks. */
export function modelsOf(schema: string): string {
  const start = schema.indexOf("\nmodel ");
  return schema.slice(start).trim();
}
