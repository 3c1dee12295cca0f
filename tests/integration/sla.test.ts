/**
 * SLA with a frozen clock (only Date is faked) across a weekend and a holiday, in Rome: due dates in
 * business time, the scheduled `sla.check` jobs run when they are due, warnings at 80% and breaches
 * recorded once as DomainEvent rows `sla.warning` / `sla.breached` {target, ticketId|conversationId,
 * dueAt} with the ticket's activity-log entry — and nothing recorded for a deadline that was met.
 */
import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { setDb, type Db } from "~/db.server";
import { registerAllJobHandlers } from "~/jobs/handlers.server";
import { getJobHandler, type JobContext } from "~/jobs/registry.server";
import { createTicketFromConversation, replyToTicket, changeTicket } from "~/domain/tickets.server";
import { sweepQueuedChats } from "~/domain/sla/jobs.server";
import { createTicket } from "~/repositories/tickets.server";
import { listTicketsForAdmin } from "~/repositories/ticket-list.server";
import { slaCounts } from "~/repositories/analytics.server";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db";

const weekdays = Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, ["09:00", "18:00"]]));

describe.each(databaseKinds)("SLA on %s", (kind) => {
  const shop = `sla-${kind}.myshopify.com`;
  let t: TestDatabase;
  const db = (): Db => t.db;

  beforeAll(async () => {
    registerAllJobHandlers();
    t = await createTestDatabase(kind);
    setDb(t.db);
    await db().shop.create({
      data: {
        shop,
        timezone: "Europe/Rome",
        businessHours: JSON.stringify(weekdays),
        holidays: JSON.stringify(["2026-12-08"]),
        slaTargets: JSON.stringify({
          normal: { firstResponseMinutes: 600, resolutionMinutes: 1200 },
          chat: { firstResponseMinutes: 5 },
        }),
      },
    });
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    setDb(undefined);
    await t?.close();
  });

  const at = (iso: string) => vi.setSystemTime(new Date(iso));

  /** Runs the SLA checks whose time has come, as the worker would. */
  async function runDueChecks(): Promise<number> {
    const jobs = await db().job.findMany({
      where: { shop, type: "sla.check", status: "pending", runAt: { lte: new Date() } },
      orderBy: { runAt: "asc" },
    });
    const spec = getJobHandler("sla.check")!;
    for (const job of jobs) {
      const ctx = {
        db: db(),
        workerName: "test",
        attempt: 1,
        signal: new AbortController().signal,
        logger: pino({ level: "silent" }),
      };
      await spec.handler({ ...job, status: "running", payload: JSON.parse(job.payload) } as never, ctx as JobContext);
      await db().job.update({ where: { id: job.id }, data: { status: "done" } });
    }
    return jobs.length;
  }

  const slaEvents = async (ticketId: string) =>
    (
      await db().domainEvent.findMany({
        where: { shop, ticketId, type: { startsWith: "sla." } },
        orderBy: { seq: "asc" },
      })
    ).map((e) => ({ type: e.type, ...JSON.parse(e.data) }));

  test("a ticket opened on Friday afternoon: due dates skip the weekend and the holiday; warning, breach, and a met resolution", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at("2026-12-04T15:00:00Z"); // Friday 16:00 in Rome
    const conv = await db().conversation.create({ data: { shop, visitorTokenHash: randomBytes(16).toString("hex") } });
    const { ticket } = await db().$transaction((tx) =>
      createTicketFromConversation(
        shop,
        conv,
        { email: "emma@example.com", message: "Parcel?", source: "offline_chat" },
        tx,
      ),
    );
    // 600 business minutes: 2 h on Friday, 8 h on Monday → Monday 17:00 Rome
    expect(ticket.firstResponseDueAt?.toISOString()).toBe("2026-12-07T16:00:00.000Z");
    // 1200: 2 h Friday + 9 h Monday, Tuesday is a holiday, 9 h Wednesday → Wednesday 18:00 Rome
    expect(ticket.resolutionDueAt?.toISOString()).toBe("2026-12-09T17:00:00.000Z");
    const scheduled = await db().job.findMany({ where: { shop, type: "sla.check" }, orderBy: { runAt: "asc" } });
    expect(
      scheduled.map((j) => [JSON.parse(j.payload).target, JSON.parse(j.payload).level, j.runAt.toISOString()]),
    ).toEqual([
      ["first_response", "warning", "2026-12-07T14:00:00.000Z"], // 480 min: Monday 15:00 Rome
      ["first_response", "breached", "2026-12-07T16:00:00.000Z"],
      ["resolution", "warning", "2026-12-09T13:00:00.000Z"], // 960 min: Wednesday 14:00 Rome
      ["resolution", "breached", "2026-12-09T17:00:00.000Z"],
    ]);

    at("2026-12-06T12:00:00Z"); // Sunday: nothing is due
    expect(await runDueChecks()).toBe(0);

    at("2026-12-07T14:30:00Z");
    expect(await runDueChecks()).toBe(1);
    expect(await slaEvents(ticket.id)).toEqual([
      { type: "sla.warning", target: "first_response", ticketId: ticket.id, dueAt: "2026-12-07T16:00:00.000Z" },
    ]);

    at("2026-12-07T16:00:30Z");
    expect(await runDueChecks()).toBe(1);
    const breached = await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(breached.slaBreachedAt?.toISOString()).toBe("2026-12-07T16:00:30.000Z");
    const log = await db().ticketEvent.findMany({ where: { ticketId: ticket.id, type: { startsWith: "sla_" } } });
    expect(log.map((e) => [e.type, e.actorType])).toEqual([
      ["sla_warning", "system"],
      ["sla_breached", "system"],
    ]);

    const op = await db().operator.create({ data: { shop, staffUserId: "1", name: "Anna" } });
    at("2026-12-08T10:00:00Z"); // the holiday: the reply is late; the resolution clock did not move
    await replyToTicket(shop, ticket.id, "Looking into it.", op);
    expect(await runDueChecks()).toBe(0);

    at("2026-12-09T13:30:00Z");
    expect(await runDueChecks()).toBe(1); // the resolution warning
    at("2026-12-09T15:00:00Z");
    await changeTicket(shop, ticket.id, { status: "resolved" }, { type: "operator", id: op.id, name: op.name });
    at("2026-12-09T17:05:00Z");
    expect(await runDueChecks()).toBe(1); // runs, finds it resolved in time
    expect((await slaEvents(ticket.id)).map((e) => `${e.type}:${e.target}`)).toEqual([
      "sla.warning:first_response",
      "sla.breached:first_response",
      "sla.warning:resolution",
    ]);
  });

  test("a chat queued on Saturday is due five business minutes after Monday's opening; each alert once", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const conv = await db().conversation.create({
      data: {
        shop,
        visitorTokenHash: randomBytes(16).toString("hex"),
        state: "queued",
        queuedAt: new Date("2026-12-05T10:00:00Z"),
      },
    });
    at("2026-12-05T12:00:00Z");
    await sweepQueuedChats(new Date(), db());
    const chatEvents = () =>
      db().domainEvent.findMany({
        where: { shop, conversationId: conv.id, type: { startsWith: "sla." } },
        orderBy: { seq: "asc" },
      });
    expect(await chatEvents()).toHaveLength(0);
    at("2026-12-07T08:06:00Z"); // Monday 09:06 Rome
    await sweepQueuedChats(new Date(), db());
    await sweepQueuedChats(new Date(), db());
    const events = await chatEvents();
    expect(events.map((e) => [e.type, JSON.parse(e.data)])).toEqual([
      ["sla.warning", { target: "first_response", conversationId: conv.id, dueAt: "2026-12-07T08:05:00.000Z" }],
      ["sla.breached", { target: "first_response", conversationId: conv.id, dueAt: "2026-12-07T08:05:00.000Z" }],
    ]);
    // nobody is online: staff are told once
    expect(await db().job.count({ where: { shop, type: "notify.queued_chat" } })).toBe(1);
  });

  test("a ticket written already past its deadline without its checks (seeded, imported): the first sweep records the breach once, and the list, the events and Analytics agree", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at("2026-12-07T12:00:00Z"); // Monday 13:00 in Rome
    const mine = `sla-catch-up-${kind}.myshopify.com`;
    const other = `sla-other-${kind}.myshopify.com`;
    await db().shop.create({ data: { shop: mine, timezone: "Europe/Rome", businessHours: JSON.stringify(weekdays) } });
    await db().shop.create({ data: { shop: other, timezone: "Europe/Rome" } });
    const write = (
      s: string,
      subject: string,
      firstResponseDueAt: Date,
      resolutionDueAt: Date,
      createdAt = new Date("2026-12-07T06:00:00Z"),
    ) =>
      createTicket(s, {
        number: Math.floor(Math.random() * 1e9),
        subject,
        description: "",
        source: "widget_form",
        requesterEmail: "emma@example.com",
        requesterName: null,
        requesterPhone: null,
        customerId: null,
        conversationId: null,
        transcript: null,
        createdAt,
        firstResponseDueAt,
        resolutionDueAt,
      });
    const overdue = await write(mine, "Overdue", new Date("2026-12-07T10:00:00Z"), new Date("2026-12-09T10:00:00Z"));
    const onTime = await write(mine, "On time", new Date("2026-12-07T15:00:00Z"), new Date("2026-12-09T10:00:00Z"));
    // missed so long ago that the catch-up leaves it alone (the list still shows it breached)
    const ancient = await write(
      mine,
      "Ancient",
      new Date("2026-10-01T10:00:00Z"),
      new Date("2026-10-03T10:00:00Z"),
      new Date("2026-09-30T10:00:00Z"),
    );
    const elsewhere = await write(
      other,
      "Other shop",
      new Date("2026-12-07T09:00:00Z"),
      new Date("2026-12-07T11:00:00Z"),
    );
    expect(await db().job.count({ where: { type: "sla.check", payload: { contains: overdue.id } } })).toBe(0);
    const period = { start: new Date("2026-12-07T00:00:00Z"), end: new Date("2026-12-08T00:00:00Z") };
    const slaEventsOf = async (ticketId: string) =>
      (
        await db().domainEvent.findMany({ where: { ticketId, type: { startsWith: "sla." } }, orderBy: { seq: "asc" } })
      ).map((e) => ({ shop: e.shop, type: e.type, ...JSON.parse(e.data) }));
    const breachedInList = async (s: string) =>
      (await listTicketsForAdmin(s, { sla: "breached" }, new Date())).rows.map((r) => r.subject);

    // before: the list shows the ticket breached, but nothing is recorded and Analytics counts no breach
    expect((await breachedInList(mine)).sort()).toEqual(["Ancient", "Overdue"]);
    expect((await slaCounts(mine, period)).firstResponse).toEqual({ due: 2, breached: 0 });

    // the recurring SLA sweep, as the worker runs it at its first slot after start-up
    const sweep = getJobHandler("sla.chats")!;
    const ctx = {
      db: db(),
      workerName: "test",
      attempt: 1,
      signal: new AbortController().signal,
      logger: pino({ level: "silent" }),
    };
    await sweep.handler({ payload: {} } as never, ctx as JobContext);
    await sweep.handler({ payload: {} } as never, ctx as JobContext);

    expect(await slaEventsOf(overdue.id)).toEqual([
      {
        shop: mine,
        type: "sla.breached",
        target: "first_response",
        ticketId: overdue.id,
        dueAt: "2026-12-07T10:00:00.000Z",
      },
    ]);
    expect(await slaEventsOf(onTime.id)).toEqual([]);
    expect(await slaEventsOf(ancient.id)).toEqual([]);
    const after = await db().ticket.findUniqueOrThrow({ where: { id: overdue.id } });
    expect(after.slaBreachedAt?.toISOString()).toBe("2026-12-07T12:00:00.000Z");
    expect((await breachedInList(mine)).sort()).toEqual(["Ancient", "Overdue"]);
    expect((await slaCounts(mine, period)).firstResponse).toEqual({ due: 2, breached: 1 });
    const log = await db().ticketEvent.findMany({ where: { ticketId: overdue.id, type: "sla_breached" } });
    expect(log).toHaveLength(1);
    expect(await db().notification.count({ where: { shop: mine, type: "sla_breached", body: "Overdue" } })).toBe(1);

    // the other shop's ticket: both of its deadlines, recorded under its own shop only
    const theirs = await db().domainEvent.findMany({ where: { ticketId: elsewhere.id, type: "sla.breached" } });
    expect(theirs.map((e) => [e.shop, JSON.parse(e.data).target]).sort()).toEqual([
      [other, "first_response"],
      [other, "resolution"],
    ]);
    expect(await db().domainEvent.count({ where: { shop: mine, ticketId: elsewhere.id } })).toBe(0);
  });
});
