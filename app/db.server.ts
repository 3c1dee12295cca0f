import path from "node:path";
import { mkdirSync } from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "./generated/prisma-pg/client";
import { env } from "./env.server";

/** The Prisma client type. Both generated clients (SQLite, PostgreSQL) have identical models. */
export type Db = PrismaClient;
/** A client or an interactive-transaction client: what repositories accept. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function sqlitePath(url: string): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

/** Creates a Prisma client for a database URL (SQLite `file:` or `postgresql://`). */
export function createDb(url: string): Db {
  if (url.startsWith("file:")) {
    const file = sqlitePath(url);
    mkdirSync(path.dirname(file), { recursive: true });
    const adapter = new PrismaBetterSQLite3({ url: file, timeout: 10_000 }, { timestampFormat: "iso8601" });
    return new PrismaClient({ adapter });
  }
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  return new PgPrismaClient({ adapter }) as unknown as Db;
}

declare global {
  var __tandemDb: Db | undefined;
}

/**
 * The process-wide Prisma singleton (kept on globalThis so the Remix build, the Node server and
 * the worker, which are bundled separately, share one client and one connection pool).
 */
export function db(): Db {
  globalThis.__tandemDb ??= createDb(env().DATABASE_URL);
  return globalThis.__tandemDb;
}

/** Replaces the singleton (tests point it at their own database). */
export function setDb(client: Db | undefined): void {
  globalThis.__tandemDb = client;
}

export function isPostgres(): boolean {
  return env().databaseKind === "postgresql";
}

export default db;
