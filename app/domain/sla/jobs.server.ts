/**
 * SLA warnings and breaches, recorded when they happen (PRODUCT.md F2):
 *
 * - tickets: every deadline schedules two `sla.check` jobs, at its 80% point (in business time)
 *   and at its due date. The job records the alert when the deadline still runs unchanged (no
 *   response / resolution yet, same due date): a change of priority schedules new checks and the
 *   old ones find another due date and do nothing;
 * - queued chats: the recurring `sla.chats` sweep computes each waiting chat's first-response due
 *   date from when it was queued (the conversation write path is left alone) and records the same
 *   alerts; it also tells staff about a chat that waits while nobody is online;
 * - catching up: the same sweep records the breach of every ticket deadline already past with no
 *   breach recorded (tickets written without their checks — seeded or imported — and checks that
 *   could not run), so the first sweep after start-up makes the ticket list, the recorded events
 *   and Analytics agree.
 *
 * An alert is one SlaAlert row (unique per subject, target and level) plus, in the same
 * transaction, a DomainEvent `sla.warning` / `sla.breached` with data {target, ticketId |
 * conversationId, dueAt}, the ticket's activity-log entry, and an admin notification.
 */
import { z } from "zod";
import { db, type Tx } from "../../db.server";
import { enqueue } from "../../jobs/queue.server";
import { registerJobHandler, scheduleRecurring } from "../../jobs/registry.server";
import type { Ticket } from "../../repositories/tickets.server";
import { parseSchedule, type Schedule } from "../conversations/business-hours";
import { appendEvent } from "../events.server";
import { notify } from "../notifications.server";
import { formatTicketNumber } from "../ticket-public";
import { ACTIVE_TICKET_STATUSES, isActiveStatus } from "../ticket-status";
import { chatDueAt } from "./chat-sla";
import { warningPoint } from "../ticket-sla";
import { parseSlaTargets, ticketDueDates, type DueDates, type SlaTarget, type SlaTargets } from "./targets";
import { queueStaffEmailsForChat, registerQueuedChatJobs } from "./queued-chat.server";

export const SLA_CHECK_JOB = "sla.check";
export const SLA_CHATS_JOB = "sla.chats";
export const SLA_CHATS_EVERY_MS = 30_000;

export async function slaContext(
  shop: string,
  client: Tx = db(),
): Promise<{ schedule: Schedule; targets: SlaTargets }> {
  const row = await client.shop.findUnique({
    where: { shop },
    select: { timezone: true, businessHours: true, holidays: true, slaTargets: true },
  });
  return {
    schedule: parseSchedule(row?.timezone ?? "UTC", row?.businessHours ?? "{}", row?.holidays ?? "[]"),
    targets: parseSlaTargets(row?.slaTargets),
  };
}

/** A ticket's deadlines for its priority, counted from its creation in business time. */
export async function dueDatesFor(shop: string, priority: string, createdAt: Date, client: Tx): Promise<DueDates> {
  const { schedule, targets } = await slaContext(shop, client);
  return ticketDueDates(targets, schedule, priority, createdAt);
}

/** Schedules the warning and breach checks of the ticket's running deadlines. */
export async function scheduleTicketSla(tx: Tx, shop: string, ticket: Ticket, salt = ""): Promise<void> {
  const { schedule } = await slaContext(shop, tx);
  const deadlines: [SlaTarget, Date | null][] = [
    ["first_response", ticket.firstRespondedAt ? null : ticket.firstResponseDueAt],
    ["resolution", ticket.resolvedAt ? null : ticket.resolutionDueAt],
  ];
  for (const [target, dueAt] of deadlines) {
    if (!dueAt) continue;
    const warnAt = warningPoint(schedule, ticket.createdAt, dueAt);
    for (const [level, runAt] of [
      ["warning", warnAt],
      ["breached", dueAt],
    ] as const) {
      if (!runAt) continue;
      await enqueue(
        tx,
        SLA_CHECK_JOB,
        { ticketId: ticket.id, target, level, dueAt: dueAt.toISOString() },
        { shop, runAt, dedupeKey: `sla:${ticket.id}:${target}:${level}:${dueAt.getTime()}${salt && `:${salt}`}` },
      );
    }
  }
}

export interface SlaAlertInput {
  subjectType: "ticket" | "conversation";
  subjectId: string;
  target: SlaTarget;
  level: "warning" | "breached";
  dueAt: Date;
  ticket?: Ticket;
}

/** Records an alert once; false when it was already recorded. */
export async function recordSlaAlert(tx: Tx, shop: string, a: SlaAlertInput, now = new Date()): Promise<boolean> {
  const key = { shop, subjectId: a.subjectId, target: a.target, level: a.level };
  if (await tx.slaAlert.findFirst({ where: key, select: { id: true } })) return false;
  await tx.slaAlert.create({ data: { ...key, subjectType: a.subjectType, dueAt: a.dueAt, createdAt: now } });
  const idField = a.subjectType === "ticket" ? { ticketId: a.subjectId } : { conversationId: a.subjectId };
  await appendEvent(tx, {
    shop,
    type: a.level === "warning" ? "sla.warning" : "sla.breached",
    ...idField,
    ...(a.ticket?.conversationId ? { conversationId: a.ticket.conversationId } : {}),
    data: { target: a.target, ...idField, dueAt: a.dueAt.toISOString() },
  });
  const what = a.target === "first_response" ? "FirstResponse" : "Resolution";
  const when = a.level === "warning" ? "Due" : "Overdue";
  if (a.ticket) {
    const t = a.ticket;
    await tx.ticketEvent.create({
      data: {
        shop,
        ticketId: t.id,
        type: a.level === "warning" ? "sla_warning" : "sla_breached",
        actorType: "system",
        data: JSON.stringify({ target: a.target, dueAt: a.dueAt.toISOString() }),
        createdAt: now,
      },
    });
    if (a.level === "breached")
      await tx.ticket.updateMany({ where: { shop, id: t.id, slaBreachedAt: null }, data: { slaBreachedAt: now } });
    await notify(tx, shop, {
      type: a.level === "warning" ? "sla_warning" : "sla_breached",
      operatorId: t.assigneeId,
      title: `notifications.messages.ticket${what}${when}`,
      vars: { ticket: formatTicketNumber(t.number) },
      body: t.subject,
      link: `/app/tickets/${formatTicketNumber(t.number)}`,
    });
  } else {
    await notify(tx, shop, {
      type: a.level === "warning" ? "sla_warning" : "sla_breached",
      title: `notifications.messages.chat${what}${when}`,
      link: `/app/inbox`,
    });
  }
  return true;
}

const checkSchema = z.object({
  ticketId: z.string(),
  target: z.enum(["first_response", "resolution"]),
  level: z.enum(["warning", "breached"]),
  dueAt: z.string(),
});

/** The check of one ticket deadline (the `sla.check` job). True when an alert was recorded. */
export async function checkTicketDeadline(
  shop: string,
  p: z.infer<typeof checkSchema>,
  now = new Date(),
  client = db(),
): Promise<boolean> {
  return client.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({ where: { shop, id: p.ticketId } });
    if (!ticket || !isActiveStatus(ticket.status)) return false;
    const running = p.target === "first_response" ? !ticket.firstRespondedAt : !ticket.resolvedAt;
    const dueAt = p.target === "first_response" ? ticket.firstResponseDueAt : ticket.resolutionDueAt;
    if (!running || !dueAt || dueAt.toISOString() !== p.dueAt) return false;
    if (p.level === "breached" && dueAt.getTime() > now.getTime()) return false;
    return recordSlaAlert(tx, shop, { subjectType: "ticket", subjectId: ticket.id, ...p, dueAt, ticket }, now);
  });
}

/** One pass over the chats waiting for a first human reply (the `sla.chats` job). */
export async function sweepQueuedChats(now = new Date(), client = db()): Promise<number> {
  const chats = await client.conversation.findMany({
    where: { state: { in: ["queued", "assigned"] }, queuedAt: { not: null }, firstHumanReplyAt: null },
    select: { id: true, shop: true, queuedAt: true, state: true },
    orderBy: { queuedAt: "asc" },
    take: 2000,
  });
  let recorded = 0;
  const contexts = new Map<string, Awaited<ReturnType<typeof slaContext>>>();
  for (const chat of chats) {
    let ctx = contexts.get(chat.shop);
    if (!ctx) contexts.set(chat.shop, (ctx = await slaContext(chat.shop, client)));
    if (chat.state === "queued") await queueStaffEmailsForChat(chat.shop, chat.id, chat.queuedAt!, client);
    const dueAt = chatDueAt(ctx.schedule, ctx.targets, chat.queuedAt!);
    if (!dueAt) continue;
    const warnAt = warningPoint(ctx.schedule, chat.queuedAt!, dueAt);
    const levels = [
      ...(warnAt && warnAt <= now ? (["warning"] as const) : []),
      ...(dueAt <= now ? (["breached"] as const) : []),
    ];
    for (const level of levels) {
      const base = { subjectType: "conversation", subjectId: chat.id, target: "first_response", level, dueAt } as const;
      if (await client.$transaction((tx) => recordSlaAlert(tx, chat.shop, base, now))) recorded++;
    }
  }
  return recorded;
}

/** Tickets per shop a catch-up pass looks at (the oldest overdue first; the next pass goes on). */
const OVERDUE_BATCH = 200;
/**
 * How far back a catch-up pass looks: deadlines that passed longer ago are left alone, so a pass
 * reads an index range bounded by the recent deadlines, not every overdue ticket ever kept open.
 */
export const OVERDUE_LOOKBACK_MS = 30 * 86_400_000;

/**
 * Records the breaches of ticket deadlines already past for tickets with none recorded: each shop's
 * running deadlines that passed within OVERDUE_LOOKBACK_MS (Ticket.slaDueAt, an index range) and
 * whose breach was never recorded.
 * Returns the number of breaches recorded.
 */
export async function sweepOverdueTickets(now = new Date(), client = db()): Promise<number> {
  const shops = await client.shop.findMany({ select: { shop: true } });
  let recorded = 0;
  for (const { shop } of shops) {
    const tickets = await client.ticket.findMany({
      where: {
        shop,
        slaDueAt: { lte: now, gt: new Date(now.getTime() - OVERDUE_LOOKBACK_MS) },
        slaBreachedAt: null,
        status: { in: [...ACTIVE_TICKET_STATUSES] },
      },
      orderBy: [{ slaDueAt: "asc" }, { id: "asc" }],
      take: OVERDUE_BATCH,
      select: { id: true, firstResponseDueAt: true, resolutionDueAt: true, firstRespondedAt: true, resolvedAt: true },
    });
    for (const t of tickets) {
      const deadlines = [
        ["first_response", t.firstRespondedAt ? null : t.firstResponseDueAt],
        ["resolution", t.resolvedAt ? null : t.resolutionDueAt],
      ] as const;
      for (const [target, dueAt] of deadlines) {
        if (!dueAt || dueAt.getTime() > now.getTime()) continue;
        const check = { ticketId: t.id, target, level: "breached", dueAt: dueAt.toISOString() } as const;
        if (await checkTicketDeadline(shop, check, now, client)) recorded++;
      }
    }
  }
  return recorded;
}

export function registerSlaJobs(): void {
  registerJobHandler<z.infer<typeof checkSchema>>(
    SLA_CHECK_JOB,
    async (job) => {
      if (job.shop) await checkTicketDeadline(job.shop, job.payload);
    },
    { schema: checkSchema },
  );
  registerQueuedChatJobs();
  registerJobHandler(SLA_CHATS_JOB, async (_job, ctx) => {
    await sweepQueuedChats(new Date(), ctx.db);
    await sweepOverdueTickets(new Date(), ctx.db);
  });
  scheduleRecurring(SLA_CHATS_JOB, SLA_CHATS_EVERY_MS);
}

/** Saves the shop's targets (validated by slaTargetsSchema); new deadlines use them from now on. */
export async function saveSlaTargets(shop: string, targets: SlaTargets, client: Tx = db()): Promise<boolean> {
  return (await client.shop.updateMany({ where: { shop }, data: { slaTargets: JSON.stringify(targets) } })).count === 1;
}
