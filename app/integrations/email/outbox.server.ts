/**
 * Email through the outbox: `queueEmail` writes an EmailDelivery row (state "queued") and its
 * `email.send` job in the caller's transaction; the job renders and sends it, retrying with backoff
 * (6 attempts over about an hour), and records the outcome on the row — "sent" with its Message-ID,
 * or "failed" with the reason in plain words once no retry is left (the job is dead-lettered). The
 * ticket page shows these rows. A test email is sent at once, outside the outbox, so its result can
 * be shown next to the button.
 */
import { z } from "zod";
import { db, type Tx } from "../../db.server";
import { env } from "../../env.server";
import { enqueue } from "../../jobs/queue.server";
import { PermanentJobError, registerJobHandler } from "../../jobs/registry.server";
import { formatTicketNumber } from "../../domain/ticket-public";
import { createReplyAddress } from "./reply-address.server";
import { getSmtpSettings } from "./smtp-settings.server";
import { renderEmail, type EmailContext, type EmailKind } from "./templates";
import { SendFailure, sendEmail } from "./transport.server";
import { translator, type Translate } from "../../lib/i18n/catalog";

export const EMAIL_JOB = "email.send";
export const EMAIL_MAX_ATTEMPTS = 6;

export interface EmailToQueue {
  kind: EmailKind;
  to: string;
  locale?: string | null;
  ticketId?: string | null;
  commentId?: string | null;
}

/** Queues one email in `tx` (the transaction of the change that causes it). */
export async function queueEmail(tx: Tx, shop: string, email: EmailToQueue): Promise<string> {
  const row = await tx.emailDelivery.create({
    data: {
      shop,
      kind: email.kind,
      toAddress: email.to,
      locale: email.locale ?? "en",
      ticketId: email.ticketId ?? null,
      commentId: email.commentId ?? null,
    },
    select: { id: true },
  });
  await enqueue(tx, EMAIL_JOB, { deliveryId: row.id }, { shop, maxAttempts: EMAIL_MAX_ATTEMPTS });
  return row.id;
}

/** Operators who opted in to staff emails and have an address. */
async function staffRecipients(tx: Tx, shop: string): Promise<string[]> {
  const rows = await tx.operator.findMany({
    where: { shop, emailNotifications: true, email: { not: null } },
    select: { email: true },
    take: 50,
  });
  return [...new Set(rows.map((r) => r.email!.trim().toLowerCase()).filter(Boolean))];
}

export async function queueStaffEmails(
  tx: Tx,
  shop: string,
  kind: "staff_queued_chat" | "staff_ticket_created" | "staff_ticket_replied",
  ids: { ticketId?: string; commentId?: string } = {},
): Promise<void> {
  if (!(await emailConfigured(shop, tx))) return;
  for (const to of await staffRecipients(tx, shop)) await queueEmail(tx, shop, { kind, to, ...ids });
}

/** Whether the shop can send email (host and from address set). */
export async function emailConfigured(shop: string, client: Tx = db()): Promise<boolean> {
  const row = await client.shop.findUnique({ where: { shop }, select: { smtpHost: true, smtpFromAddress: true } });
  return Boolean(row?.smtpHost && row.smtpFromAddress);
}

function domainOf(address: string): string {
  return address.split("@")[1]?.toLowerCase() || "tandem.invalid";
}

export function adminTicketLink(shop: string, number: number): string {
  return `https://${shop}/admin/apps/${env().SHOPIFY_API_KEY}/app/tickets/${formatTicketNumber(number)}`;
}

type Delivery = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

function loadDelivery(id: string, client: Tx) {
  return client.emailDelivery.findUnique({ where: { id } });
}

async function contextFor(delivery: Delivery, client: Tx): Promise<{ ctx: EmailContext; ticketRootId?: string }> {
  const shopRow = await client.shop.findUnique({ where: { shop: delivery.shop }, select: { name: true } });
  const ctx: EmailContext = { storeName: shopRow?.name || delivery.shop };
  if (delivery.kind === "staff_queued_chat")
    ctx.link = `https://${delivery.shop}/admin/apps/${env().SHOPIFY_API_KEY}/app/inbox`;
  if (!delivery.ticketId) return { ctx };
  const ticket = await client.ticket.findFirst({ where: { shop: delivery.shop, id: delivery.ticketId } });
  if (!ticket) throw new PermanentJobError("the ticket no longer exists");
  ctx.ticketNumber = formatTicketNumber(ticket.number);
  ctx.subject = ticket.subject;
  ctx.body = ticket.description;
  if (delivery.kind.startsWith("staff_")) ctx.link = adminTicketLink(delivery.shop, ticket.number);
  if (delivery.commentId) {
    const comment = await client.ticketComment.findFirst({ where: { shop: delivery.shop, id: delivery.commentId } });
    if (!comment) throw new PermanentJobError("the reply no longer exists");
    ctx.body = comment.body;
    ctx.authorName = comment.authorName;
  }
  return { ctx, ticketRootId: ticket.id };
}

async function deliver(delivery: Delivery, client: Tx): Promise<void> {
  const settings = await getSmtpSettings(delivery.shop, client);
  if (!settings) throw new SendFailure("config", "formResults.smtp.notSetUp", {}, true);
  const { ctx, ticketRootId } = await contextFor(delivery, client);
  const toRequester = delivery.kind === "ticket_created" || delivery.kind === "ticket_reply";
  const replyTo =
    toRequester && delivery.ticketId ? await createReplyAddress(delivery.shop, delivery.ticketId, client) : null;
  const rendered = renderEmail(delivery.kind as EmailKind, delivery.locale, { ...ctx, replyable: replyTo !== null });
  const domain = domainOf(settings.fromAddress);
  const messageId = `<${delivery.id}@${domain}>`;
  const root = ticketRootId ? `<ticket-${ticketRootId}@${domain}>` : undefined;
  await sendEmail(settings, {
    to: delivery.toAddress,
    ...rendered,
    messageId,
    ...(replyTo ? { replyTo } : {}),
    ...(root ? { inReplyTo: root, references: [root] } : {}),
    ...(delivery.kind === "ticket_reply" ? {} : { headers: { "Auto-Submitted": "auto-generated" } }),
  });
  const now = new Date();
  await client.emailDelivery.update({
    where: { id: delivery.id },
    data: { state: "sent", sentAt: now, messageId, error: null, attempts: { increment: 1 } },
  });
  if (delivery.commentId && delivery.kind === "ticket_reply")
    await client.ticketComment.updateMany({
      where: { shop: delivery.shop, id: delivery.commentId },
      data: { emailedAt: now },
    });
}

export function registerEmailJobs(): void {
  registerJobHandler<{ deliveryId: string }>(
    EMAIL_JOB,
    async (job, jobCtx) => {
      const delivery = await loadDelivery(job.payload.deliveryId, jobCtx.db);
      if (!delivery || delivery.state === "sent") return;
      try {
        await deliver(delivery, jobCtx.db);
      } catch (error) {
        const failure =
          error instanceof SendFailure
            ? error
            : new SendFailure("config", "formResults.smtp.unexpected", { error: (error as Error).message }, true);
        const last = failure.permanent || jobCtx.attempt >= job.maxAttempts;
        await jobCtx.db.emailDelivery.update({
          where: { id: delivery.id },
          data: { state: last ? "failed" : "queued", error: failure.message, attempts: { increment: 1 } },
        });
        jobCtx.logger.warn({ deliveryId: delivery.id, kind: failure.kind, last }, "email not sent");
        throw last ? new PermanentJobError(failure.message) : failure;
      }
    },
    { schema: z.object({ deliveryId: z.string().min(1) }), backoff: { baseMs: 30_000, maxMs: 30 * 60_000 } },
  );
}

/** Sends a test email at once; the answer is a sentence for the settings page. */
export async function sendTestEmail(
  shop: string,
  to: string,
  t: Translate = translator("en"),
): Promise<{ ok: boolean; message: string }> {
  const settings = await getSmtpSettings(shop);
  if (!settings) return { ok: false, message: t("formResults.email.saveFirst") };
  const shopRow = await db().shop.findUnique({ where: { shop }, select: { name: true } });
  const rendered = renderEmail("test", "en", { storeName: shopRow?.name || shop });
  try {
    const answer = await sendEmail(settings, {
      to,
      ...rendered,
      messageId: `<test-${Date.now().toString(36)}@${domainOf(settings.fromAddress)}>`,
      headers: { "Auto-Submitted": "auto-generated" },
    });
    const code = /^\d{3}/.exec(answer)?.[0];
    return {
      ok: true,
      message: code ? t("formResults.email.sentAnswered", { to, code }) : t("formResults.email.sent", { to }),
    };
  } catch (error) {
    return {
      ok: false,
      message:
        error instanceof SendFailure
          ? t(error.messageKey, error.vars)
          : t("formResults.smtp.failed", { where: settings.host }),
    };
  }
}

/** The ticket's emails, newest first, as the ticket page shows their delivery state. */
export async function ticketDeliveries(shop: string, ticketId: string, client: Tx = db()) {
  const rows = await client.emailDelivery.findMany({
    where: { shop, ticketId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
    select: {
      id: true,
      kind: true,
      toAddress: true,
      state: true,
      error: true,
      attempts: true,
      sentAt: true,
      createdAt: true,
    },
  });
  return rows.map((r) => ({ ...r, sentAt: r.sentAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() }));
}
