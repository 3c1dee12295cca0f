/** `tsx scripts/migrate.ts`: applies pending migrations to DATABASE_URL (SQLite or PostgreSQL). */
import { migrate } from "../app/db/migrate.server";
import { env } from "../app/env.server";

const url = env().DATABASE_URL;
const result = await migrate(url);
console.log(`migrations: ${result.applied.length} applied, ${result.skipped} already present`);
