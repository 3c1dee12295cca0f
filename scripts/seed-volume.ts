/**
 * Seeds a large number of conversations into one shop for measuring the inbox (bench/inbox.ts).
 * Raw batched inserts inside transactions: 100,000 conversations with 4 messages each take seconds.
 *
 *   DATABASE_URL=file:./data/volume.sqlite npx tsx scripts/seed-volume.ts [--count 100000] [--shop x.myshopify.com]
 *
 * The database must be migrated (the script migrates it when needed). Rows are marked with the
 * contact name prefix "Volume shopper" and can be removed with --reset.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { migrate } from "../app/db/migrate.server";
import { sqlitePath } from "../app/db.server";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "100000" },
    shop: { type: "string", default: "tandem-demo.myshopify.com" },
    reset: { type: "boolean", default: false },
  },
});

const COUNT = Number(values.count);
const SHOP = values.shop as string;
const URL_ = process.env.DATABASE_URL ?? "file:./data/volume.sqlite";
const PREFIX = "Volume shopper";
const QUESTIONS = [
  "Where is my order #1003?",
  "Do you ship to Switzerland?",
  "Is the Summit snowboard good for beginners?",
  "Can I return boots after 30 days?",
  "What size helmet should I pick?",
  "I want to talk to a person",
];
const ANSWERS = [
  "Your order has shipped and should arrive in 2-3 days.",
  "Yes, we ship to Switzerland within 4 business days.",
  "It is a medium-flex board that suits progressing riders.",
  "Returns are accepted within 30 days of delivery.",
];

/** SQLite dates as Prisma's better-sqlite3 adapter writes them (iso8601, "+00:00"). */
const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

function id(): string {
  return `v${randomBytes(12).toString("hex")}`;
}

interface Row {
  conv: unknown[];
  messages: unknown[][];
}

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length] as T;
}

/** Deterministic spread: mostly closed history, some AI chats, a queue and open chats per operator. */
function stateFor(i: number): string {
  const r = i % 1000;
  if (r < 2) return "queued";
  if (r < 6) return "assigned";
  if (r < 7) return "waiting_shopper";
  if (r < 30) return "ai";
  return "closed";
}

function makeRow(i: number, now: number, operators: string[], date: (d: Date) => unknown): Row {
  const state = stateFor(i);
  const convId = id();
  const created = new Date(now - (COUNT - i) * 60_000 - 30_000);
  const last = new Date(created.getTime() + 5 * 60_000);
  const queued = state === "ai" ? null : new Date(created.getTime() + 60_000);
  const assignee =
    state === "assigned" || state === "waiting_shopper" || state === "closed" ? pick(operators, i) : null;
  const customer = i % 3 === 0 ? `gid://shopify/Customer/${7000 + (i % 50)}` : null;
  const email = i % 2 === 0 ? `shopper${i}@example.com` : null;
  const tags = i % 7 === 0 ? "vip" : i % 11 === 0 ? "returns,shipping" : "";
  const messages: unknown[][] = [];
  for (let v = 0; v < 4; v++) {
    const role = v % 2 === 0 ? "shopper" : v === 3 && assignee ? "operator" : "ai";
    const text = role === "shopper" ? pick(QUESTIONS, i + v) : pick(ANSWERS, i + v);
    const at = date(new Date(created.getTime() + v * 60_000));
    messages.push([id(), SHOP, convId, v + 2, role, text, "final", at, at]);
  }
  const conv = [
    convId,
    SHOP,
    state,
    state === "closed" ? "resolved" : null,
    randomBytes(32).toString("hex"),
    customer,
    email,
    `${PREFIX} ${i}`,
    i % 5 === 0 ? "it" : "en",
    "https://tandem-demo.myshopify.com/products/summit-all-mountain-snowboard",
    assignee,
    6,
    4,
    2,
    tags,
    queued ? date(queued) : null,
    assignee ? date(new Date(created.getTime() + 90_000)) : null,
    assignee && state !== "assigned" ? date(new Date(created.getTime() + 120_000)) : null,
    date(last),
    state === "closed" ? date(last) : null,
    date(created),
    date(last),
  ];
  return { conv, messages };
}

const CONV_COLS = [
  "id",
  "shop",
  "state",
  "closeReason",
  "visitorTokenHash",
  "customerId",
  "contactEmail",
  "contactName",
  "locale",
  "pageUrl",
  "assigneeId",
  "version",
  "messageCount",
  "shopperMessageCount",
  "tags",
  "queuedAt",
  "assignedAt",
  "firstHumanReplyAt",
  "lastActivityAt",
  "closedAt",
  "createdAt",
  "updatedAt",
];
const MSG_COLS = ["id", "shop", "conversationId", "version", "role", "text", "status", "createdAt", "updatedAt"];
const q = (cols: string[]) => cols.map((c) => `"${c}"`).join(", ");

async function seedSqlite(): Promise<void> {
  const file = sqlitePath(URL_);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  if (values.reset) {
    const n = sqlite
      .prepare(`DELETE FROM "Conversation" WHERE shop = ? AND "contactName" LIKE ?`)
      .run(SHOP, `${PREFIX}%`).changes;
    console.log(`removed ${n} volume conversations`);
    return;
  }
  const now = new Date();
  const nowIso = sqliteDate(now);
  sqlite
    .prepare(
      `INSERT INTO "Shop" (shop, name, "installedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?) ON CONFLICT(shop) DO NOTHING`,
    )
    .run(SHOP, "Volume test shop", nowIso, nowIso, nowIso);
  const insertOp = sqlite.prepare(
    `INSERT INTO "Operator" (id, shop, "staffUserId", name, role, presence, capacity, "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, 'offline', 5, ?, ?) ON CONFLICT(shop, "staffUserId") DO NOTHING`,
  );
  insertOp.run(id(), SHOP, "90001", "Anna Ferri", "admin", nowIso, nowIso);
  insertOp.run(id(), SHOP, "90002", "Luca Moretti", "operator", nowIso, nowIso);
  const operators = (
    sqlite.prepare(`SELECT id FROM "Operator" WHERE shop = ? ORDER BY "staffUserId"`).all(SHOP) as { id: string }[]
  ).map((r) => r.id);
  const conv = sqlite.prepare(
    `INSERT INTO "Conversation" (${q(CONV_COLS)}) VALUES (${CONV_COLS.map(() => "?").join(", ")})`,
  );
  const msg = sqlite.prepare(`INSERT INTO "Message" (${q(MSG_COLS)}) VALUES (${MSG_COLS.map(() => "?").join(", ")})`);
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const row = makeRow(i, now.getTime(), operators, sqliteDate);
      conv.run(...row.conv);
      for (const m of row.messages) msg.run(...m);
    }
  });
  for (let i = 0; i < COUNT; i += 5000) batch(i, Math.min(COUNT, i + 5000));
  sqlite.exec("ANALYZE");
  sqlite.close();
}

async function seedPostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: URL_ });
  await client.connect();
  try {
    if (values.reset) {
      const r = await client.query(`DELETE FROM "Conversation" WHERE shop = $1 AND "contactName" LIKE $2`, [
        SHOP,
        `${PREFIX}%`,
      ]);
      console.log(`removed ${r.rowCount} volume conversations`);
      return;
    }
    const now = new Date();
    await client.query(
      `INSERT INTO "Shop" (shop, name, "updatedAt") VALUES ($1, 'Volume test shop', now()) ON CONFLICT (shop) DO NOTHING`,
      [SHOP],
    );
    for (const [staff, name, role] of [
      ["90001", "Anna Ferri", "admin"],
      ["90002", "Luca Moretti", "operator"],
    ])
      await client.query(
        `INSERT INTO "Operator" (id, shop, "staffUserId", name, role, "updatedAt") VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (shop, "staffUserId") DO NOTHING`,
        [id(), SHOP, staff, name, role],
      );
    const operators = (
      await client.query(`SELECT id FROM "Operator" WHERE shop = $1 ORDER BY "staffUserId"`, [SHOP])
    ).rows.map((r: { id: string }) => r.id);
    const insert = async (table: string, cols: string[], rows: unknown[][]) => {
      const params: unknown[] = [];
      const tuples = rows.map((r) => `(${r.map((v) => (params.push(v), `$${params.length}`)).join(", ")})`);
      await client.query(`INSERT INTO "${table}" (${q(cols)}) VALUES ${tuples.join(", ")}`, params);
    };
    for (let i = 0; i < COUNT; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, COUNT - i) }, (_, k) =>
        makeRow(i + k, now.getTime(), operators, (d) => d),
      );
      await client.query("BEGIN");
      await insert(
        "Conversation",
        CONV_COLS,
        rows.map((r) => r.conv),
      );
      const msgs = rows.flatMap((r) => r.messages);
      for (let k = 0; k < msgs.length; k += 1000) await insert("Message", MSG_COLS, msgs.slice(k, k + 1000));
      await client.query("COMMIT");
    }
    await client.query(`ANALYZE "Conversation"; ANALYZE "Message"`);
  } finally {
    await client.end();
  }
}

const started = performance.now();
await migrate(URL_);
await (URL_.startsWith("file:") ? seedSqlite() : seedPostgres());
if (!values.reset)
  console.log(
    `seeded ${COUNT} conversations (${COUNT * 4} messages) into ${SHOP} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
