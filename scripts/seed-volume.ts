/**
 * Seeds a large number of conversations and tickets into one shop for measuring the inbox
 * (bench/inbox.ts) and the ticket list (bench/tickets.ts). Raw batched inserts inside transactions:
 * 100,000 conversations with 4 messages each (--messages N for more), or 100,000 tickets with their replies, take seconds.
 *
 *   DATABASE_URL=file:./data/volume.sqlite npx tsx scripts/seed-volume.ts [--count 100000] [--tickets 0] [--messages 4] [--shop x.myshopify.com]
 *
 * The database must be migrated (the script migrates it when needed). Rows are marked with the
 * contact (requester) name prefix "Volume shopper" and can be removed with --reset.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { migrate } from "../app/db/migrate.server";
import { sqlitePath } from "../app/db.server";
import { parseSchedule } from "../app/domain/conversations/business-hours";
import { slaColumns } from "../app/domain/ticket-sla";
import { priorityRank, TICKET_SOURCES } from "../app/domain/ticket-status";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "100000" },
    tickets: { type: "string", default: "0" },
    messages: { type: "string", default: "4" },
    shop: { type: "string", default: "tandem-demo.myshopify.com" },
    reset: { type: "boolean", default: false },
  },
});

const COUNT = Number(values.count);
const TICKETS = Number(values.tickets);
/** Messages per conversation (4 by default; the search benchmark uses 10: a million messages). */
const MESSAGES = Math.max(2, Number(values.messages));
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
  const last = new Date(created.getTime() + Math.max(5, MESSAGES) * 60_000);
  const queued = state === "ai" ? null : new Date(created.getTime() + 60_000);
  const assignee =
    state === "assigned" || state === "waiting_shopper" || state === "closed" ? pick(operators, i) : null;
  const customer = i % 3 === 0 ? `gid://shopify/Customer/${7000 + (i % 50)}` : null;
  const email = i % 2 === 0 ? `shopper${i}@example.com` : null;
  const tags = i % 7 === 0 ? "vip" : i % 11 === 0 ? "returns,shipping" : "";
  const messages: unknown[][] = [];
  for (let v = 0; v < MESSAGES; v++) {
    const role = v % 2 === 0 ? "shopper" : v === MESSAGES - 1 && assignee ? "operator" : "ai";
    let text = role === "shopper" ? pick(QUESTIONS, i + v) : pick(ANSWERS, i + v);
    // a rare word in one conversation of a thousand, for the search benchmark
    if (v === 0 && i % 1000 === 500) text += " Is the avalanche beacon in stock?";
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
    MESSAGES + 2,
    MESSAGES,
    Math.ceil(MESSAGES / 2),
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

const TICKET_SUBJECTS = [
  "Parcel stuck in customs",
  "Snowboard arrived with a cracked edge",
  "Wrong size boots delivered",
  "Refund not received yet",
  "Change the shipping address of my order",
  "Warranty claim for goggles",
  "Invoice with my company's VAT number",
];
const TICKET_REPLIES = [
  "We have asked the carrier and will write again within two days.",
  "Sorry about that: a replacement is on its way.",
  "The refund was issued; banks take 3-5 business days.",
];

/** Deterministic spread: mostly closed history, a working set of open and pending tickets. */
function ticketStatusFor(i: number): string {
  const r = i % 100;
  return r < 70 ? "closed" : r < 80 ? "resolved" : r < 92 ? "open" : "pending";
}
function ticketPriorityFor(i: number): string {
  const r = (i * 7) % 100;
  return r < 10 ? "low" : r < 75 ? "normal" : r < 93 ? "high" : "urgent";
}

const TICKET_COLS = [
  "id",
  "shop",
  "number",
  "subject",
  "description",
  "status",
  "priority",
  "priorityRank",
  "source",
  "assigneeId",
  "requesterEmail",
  "requesterName",
  "customerId",
  "firstResponseDueAt",
  "resolutionDueAt",
  "firstRespondedAt",
  "resolvedAt",
  "slaBreachedAt",
  "slaDueAt",
  "slaWarnAt",
  "createdAt",
  "updatedAt",
];
const COMMENT_COLS = ["id", "shop", "ticketId", "authorType", "authorOperatorId", "authorName", "body", "createdAt"];

/** The volume's due dates are wall-clock offsets, so their warning points are too. */
const ALWAYS_OPEN = parseSchedule("UTC", "{}", "[]");

/** One ticket (the i-th of TICKETS, the newest last) with a requester message and, when answered, a reply. */
function makeTicket(i: number, number: number, now: number, operators: string[], date: (d: Date) => unknown) {
  const id = `t${randomBytes(12).toString("hex")}`;
  const status = ticketStatusFor(i);
  const priority = ticketPriorityFor(i);
  // one ticket every 5 minutes back in time; the newest are a few minutes old
  const createdAt = new Date(now - (TICKETS - i) * 5 * 60_000);
  const done = status === "resolved" || status === "closed";
  const answered = done || i % 3 !== 0;
  const firstRespondedAt = answered ? new Date(createdAt.getTime() + (i % 11) * 30 * 60_000) : null;
  const resolvedAt = done ? new Date(createdAt.getTime() + (6 + (i % 40)) * 3_600_000) : null;
  const firstResponseDueAt = new Date(createdAt.getTime() + 4 * 3_600_000);
  const resolutionDueAt = new Date(createdAt.getTime() + 48 * 3_600_000);
  const lateReply = firstRespondedAt && firstRespondedAt > firstResponseDueAt;
  const facts = { status, createdAt, firstResponseDueAt, resolutionDueAt, firstRespondedAt, resolvedAt };
  const sla = slaColumns(facts, ALWAYS_OPEN);
  const updatedAt = new Date(
    Math.min(now, (resolvedAt ?? firstRespondedAt ?? createdAt).getTime() + (i % 17) * 60_000),
  );
  const assignee = i % 3 === 2 ? null : pick(operators, i);
  const ticket = [
    id,
    SHOP,
    number,
    `${pick(TICKET_SUBJECTS, i)} (#${1000 + (i % 9000)})`,
    "",
    status,
    priority,
    priorityRank(priority),
    pick(TICKET_SOURCES, i),
    assignee,
    `requester${i}@example.com`,
    `${PREFIX} ${i}`,
    i % 4 === 0 ? String(7000 + (i % 50)) : null,
    date(firstResponseDueAt),
    date(resolutionDueAt),
    firstRespondedAt ? date(firstRespondedAt) : null,
    resolvedAt ? date(resolvedAt) : null,
    lateReply ? date(firstResponseDueAt) : null,
    sla.slaDueAt ? date(sla.slaDueAt) : null,
    sla.slaWarnAt ? date(sla.slaWarnAt) : null,
    date(createdAt),
    date(updatedAt),
  ];
  const comments: unknown[][] = [
    [`c${randomBytes(12).toString("hex")}`, SHOP, id, "requester", null, null, pick(QUESTIONS, i), date(createdAt)],
  ];
  if (firstRespondedAt)
    comments.push([
      `c${randomBytes(12).toString("hex")}`,
      SHOP,
      id,
      "operator",
      assignee,
      "Anna Ferri",
      pick(TICKET_REPLIES, i),
      date(firstRespondedAt),
    ]);
  return { ticket, comments };
}

async function seedSqlite(): Promise<void> {
  const file = sqlitePath(URL_);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  if (values.reset) {
    const n = sqlite
      .prepare(`DELETE FROM "Conversation" WHERE shop = ? AND "contactName" LIKE ?`)
      .run(SHOP, `${PREFIX}%`).changes;
    const t = sqlite
      .prepare(`DELETE FROM "Ticket" WHERE shop = ? AND "requesterName" LIKE ?`)
      .run(SHOP, `${PREFIX}%`).changes;
    console.log(`removed ${n} volume conversations and ${t} volume tickets`);
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
  if (TICKETS > 0) {
    // numbers continue the shop's sequence, which then holds the last one (repositories/tickets.server.ts)
    const first =
      (sqlite.prepare(`SELECT "ticketSequence" AS n FROM "Shop" WHERE shop = ?`).get(SHOP) as { n: number }).n + 1;
    const ticket = sqlite.prepare(
      `INSERT INTO "Ticket" (${q(TICKET_COLS)}) VALUES (${TICKET_COLS.map(() => "?").join(", ")})`,
    );
    const comment = sqlite.prepare(
      `INSERT INTO "TicketComment" (${q(COMMENT_COLS)}) VALUES (${COMMENT_COLS.map(() => "?").join(", ")})`,
    );
    const tickets = sqlite.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const row = makeTicket(i, first + i, now.getTime(), operators, sqliteDate);
        ticket.run(...row.ticket);
        for (const c of row.comments) comment.run(...c);
      }
    });
    for (let i = 0; i < TICKETS; i += 5000) tickets(i, Math.min(TICKETS, i + 5000));
    sqlite.prepare(`UPDATE "Shop" SET "ticketSequence" = ? WHERE shop = ?`).run(first + TICKETS - 1, SHOP);
  }
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
      const t = await client.query(`DELETE FROM "Ticket" WHERE shop = $1 AND "requesterName" LIKE $2`, [
        SHOP,
        `${PREFIX}%`,
      ]);
      console.log(`removed ${r.rowCount} volume conversations and ${t.rowCount} volume tickets`);
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
    if (TICKETS > 0) {
      const first =
        Number((await client.query(`SELECT "ticketSequence" AS n FROM "Shop" WHERE shop = $1`, [SHOP])).rows[0].n) + 1;
      for (let i = 0; i < TICKETS; i += 1000) {
        const rows = Array.from({ length: Math.min(1000, TICKETS - i) }, (_, k) =>
          makeTicket(i + k, first + i + k, now.getTime(), operators, (d) => d),
        );
        await client.query("BEGIN");
        await insert(
          "Ticket",
          TICKET_COLS,
          rows.map((r) => r.ticket),
        );
        const comments = rows.flatMap((r) => r.comments);
        for (let k = 0; k < comments.length; k += 1000)
          await insert("TicketComment", COMMENT_COLS, comments.slice(k, k + 1000));
        await client.query("COMMIT");
      }
      await client.query(`UPDATE "Shop" SET "ticketSequence" = $1 WHERE shop = $2`, [first + TICKETS - 1, SHOP]);
    }
    await client.query(`ANALYZE "Conversation"; ANALYZE "Message"; ANALYZE "Ticket"; ANALYZE "TicketComment"`);
  } finally {
    await client.end();
  }
}

const started = performance.now();
await migrate(URL_);
await (URL_.startsWith("file:") ? seedSqlite() : seedPostgres());
if (!values.reset)
  console.log(
    `seeded ${COUNT} conversations (${COUNT * MESSAGES} messages) and ${TICKETS} tickets into ${SHOP} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
