/**
 * The ticket back-office migration fills the derived columns of tickets that existed before it
 * (priorityRank, slaDueAt, slaWarnAt) with exactly what app/domain/ticket-sla.ts and
 * app/domain/ticket-status.ts compute, so old tickets sort and filter like new ones. Migrates a
 * fresh database to the migration before, writes tickets as the old schema had them, then applies
 * the rest. SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, test } from "vitest";
import { migrate } from "~/db/migrate.server";
import { createDb } from "~/db.server";
import { parseSchedule } from "~/domain/conversations/business-hours";
import { slaColumns } from "~/domain/ticket-sla";
import { priorityRank } from "~/domain/ticket-status";
import { databaseKinds } from "../helpers/db";

const MIGRATION = "20261201204500_ticket_back_office";
const HOUR = 3_600_000;
const NOW = Date.parse("2026-12-01T12:00:00.000Z");

/** A project root whose migrations stop before MIGRATION. */
function rootBefore(kind: "sqlite" | "postgresql"): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "tandem-mig-"));
  const from = kind === "sqlite" ? "prisma/migrations" : "prisma/postgresql/migrations";
  const to = path.join(root, from);
  for (const name of readdirSync(from)) {
    if (name >= MIGRATION && !name.endsWith(".toml")) continue;
    cpSync(path.join(from, name), path.join(to, name), { recursive: true });
  }
  return root;
}

const OLD_TICKETS = [
  { status: "open", priority: "urgent", first: -2, resolution: 20, responded: null, resolved: null },
  { status: "pending", priority: "low", first: 3, resolution: 30, responded: -1, resolved: null },
  { status: "open", priority: "high", first: 40, resolution: 10, responded: null, resolved: null },
  { status: "resolved", priority: "normal", first: 3, resolution: 30, responded: -1, resolved: -1 },
  { status: "open", priority: "normal", first: null, resolution: null, responded: null, resolved: null },
] as const;

describe.each(databaseKinds)("ticket migration on %s", (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  test("old tickets get the priority rank and the running SLA deadline with its 80% point", async () => {
    const root = rootBefore(kind);
    cleanups.push(async () => rmSync(root, { recursive: true, force: true }));
    let url: string;
    if (kind === "sqlite") {
      url = `file:${path.join(root, "old.sqlite")}`;
    } else {
      const name = `tandem_mig_${randomUUID().slice(0, 8)}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const u = new URL(process.env.TEST_DATABASE_URL!);
      u.pathname = `/${name}`;
      url = u.toString();
      cleanups.push(async () => {
        const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      });
    }
    await migrate(url, root);

    const at = (hours: number | null) => (hours === null ? null : new Date(NOW + hours * HOUR));
    const created = new Date(NOW - 10 * HOUR);
    const rows = OLD_TICKETS.map((t, i) => [
      `old${i}`,
      "old.myshopify.com",
      1001 + i,
      t.status,
      t.priority,
      at(t.first),
      at(t.resolution),
      at(t.responded),
      at(t.resolved),
      created,
    ]);
    const cols = `"id","shop","number","subject","source","status","priority","firstResponseDueAt","resolutionDueAt","firstRespondedAt","resolvedAt","createdAt","updatedAt"`;
    if (kind === "sqlite") {
      const conn = new Database(url.replace(/^file:/, ""));
      const iso = (d: unknown) => (d instanceof Date ? d.toISOString().replace("Z", "+00:00") : d);
      const insert = conn.prepare(`INSERT INTO "Ticket" (${cols}) VALUES (?,?,?,'s','operator',?,?,?,?,?,?,?,?)`);
      for (const r of rows) insert.run(...r.map(iso), iso(created));
      conn.close();
    } else {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      for (const r of rows)
        await c.query(`INSERT INTO "Ticket" (${cols}) VALUES ($1,$2,$3,'s','operator',$4,$5,$6,$7,$8,$9,$10,$10)`, r);
      await c.end();
    }

    expect((await migrate(url)).applied).toContain(MIGRATION);
    const client = createDb(url);
    cleanups.unshift(async () => client.$disconnect());
    const after = await client.ticket.findMany({ orderBy: { number: "asc" } });
    expect(after).toHaveLength(OLD_TICKETS.length);
    for (const t of after) {
      // the migration's backfill counts wall-clock time: the shops it ran on had no business hours
      const expected = slaColumns(t, parseSchedule("UTC", "{}", "[]"));
      expect(t.priorityRank, t.id).toBe(priorityRank(t.priority));
      expect(t.slaDueAt?.getTime() ?? null, t.id).toBe(expected.slaDueAt?.getTime() ?? null);
      if (expected.slaWarnAt)
        expect(Math.abs(t.slaWarnAt!.getTime() - expected.slaWarnAt.getTime()), t.id).toBeLessThanOrEqual(5);
      else expect(t.slaWarnAt, t.id).toBeNull();
    }
    // by hand: the first response is due first (2 h ago); answered → the resolution; the earlier
    // of the two deadlines; resolved → none; no targets → none
    expect(after.map((t) => (t.slaDueAt ? (t.slaDueAt.getTime() - NOW) / HOUR : null))).toEqual([
      -2,
      30,
      10,
      null,
      null,
    ]);
    expect(after.map((t) => t.priorityRank)).toEqual([3, 0, 2, 1, 1]);
  });
});
