/**
 * The bench store: one installed shop and `count` open conversations in the AI's hands, each with
 * one shopper message (version 2), on SQLite (a fresh file, migrated here) or PostgreSQL (a fresh
 * database, already migrated by bench/targets.ts). Bulk rows are written with plain SQL: 10,000
 * conversations through the app would take longer than the whole run.
 */
import { hashToken } from "../app/domain/conversations/tokens.server";
import Database from "better-sqlite3";
import pg from "pg";
import { migrate } from "../app/db/migrate.server";
import { createDb } from "../app/db.server";

export const SHOP = "bench-store.myshopify.com";
export const token = (i: number) => `bench-token-${i.toString().padStart(6, "0")}-aaaaaaaaaaaa`;
export const convId = (i: number) => `benchconv${i.toString().padStart(6, "0")}`;

const CONV_COLUMNS = `"id","shop","state","visitorTokenHash","version","messageCount","shopperMessageCount","lastActivityAt","lastShopperAt","createdAt","updatedAt"`;
const MSG_COLUMNS = `"id","shop","conversationId","version","role","text","status","clientMessageId","createdAt","updatedAt"`;
const QUESTION = "Do you ship to Italy?";

const convRow = (i: number, now: unknown) => [convId(i), SHOP, "ai", hashToken(token(i)), 2, 1, 1, now, now, now, now];
const msgRow = (i: number, now: unknown) => [
  `benchmsg${i}`,
  SHOP,
  convId(i),
  2,
  "shopper",
  QUESTION,
  "final",
  `seed-${i}`,
  now,
  now,
];

export async function seed(url: string, count: number): Promise<void> {
  if (url.startsWith("file:")) await migrate(url);
  const db = createDb(url);
  await db.shop.create({ data: { shop: SHOP, name: "Bench Store" } });
  await db.session.create({
    data: { id: `offline_${SHOP}`, shop: SHOP, state: "x", isOnline: false, accessToken: "shpat_bench" },
  });
  await db.$disconnect();
  if (url.startsWith("file:")) seedSqlite(url, count);
  else await seedPostgres(url, count);
}

function seedSqlite(url: string, count: number): void {
  const conn = new Database(url.replace(/^file:/, ""));
  const now = new Date().toISOString().replace("Z", "+00:00");
  const insConv = conn.prepare(`INSERT INTO "Conversation" (${CONV_COLUMNS}) VALUES (${"?,".repeat(10)}?)`);
  const insMsg = conn.prepare(`INSERT INTO "Message" (${MSG_COLUMNS}) VALUES (${"?,".repeat(9)}?)`);
  conn.transaction(() => {
    for (let i = 0; i < count; i++) {
      insConv.run(...convRow(i, now));
      insMsg.run(...msgRow(i, now));
    }
  })();
  conn.close();
}

async function seedPostgres(url: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const now = new Date();
  const insert = async (table: string, columns: string, rows: unknown[][]) => {
    const width = rows[0]!.length;
    const values = rows.map(
      (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(",")})`,
    );
    await client.query(`INSERT INTO "${table}" (${columns}) VALUES ${values.join(",")}`, rows.flat());
  };
  try {
    await client.query("BEGIN");
    for (let from = 0; from < count; from += 1000) {
      const ids = Array.from({ length: Math.min(1000, count - from) }, (_, k) => from + k);
      await insert(
        "Conversation",
        CONV_COLUMNS,
        ids.map((i) => convRow(i, now)),
      );
      await insert(
        "Message",
        MSG_COLUMNS,
        ids.map((i) => msgRow(i, now)),
      );
    }
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}
