import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// SQLite is the default database. The PostgreSQL variant (prisma/postgresql) is selected with
// PRISMA_SCHEMA=postgresql; its migrations are applied by scripts/migrate.ts (see docs/decisions).
const postgres = process.env.PRISMA_SCHEMA === "postgresql";
// generate and migrate read env("DATABASE_URL") from the schema: give it the default when unset.
process.env.DATABASE_URL ??= postgres ? "postgresql://postgres@127.0.0.1:5432/test" : "file:./data/tandem.sqlite";
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  schema: postgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: { path: postgres ? path.join("prisma", "postgresql", "migrations") : path.join("prisma", "migrations") },
  engine: "js",
  async adapter() {
    if (postgres) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    return new PrismaBetterSQLite3({ url: url.replace(/^file:/, "") });
  },
});
