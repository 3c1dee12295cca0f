/** Data and actions of the ticket page (thin: every change goes through app/domain/tickets.server.ts). */
import { z } from "zod";
import {
  findTicketByNumber,
  listTicketComments,
  listTicketEvents,
  listTicketNotes,
} from "../../repositories/tickets.server";
import { findConversation } from "../../repositories/conversations.server";
import { listOperators, type Operator } from "../../repositories/operators.server";
import {
  addTicketNote,
  changeTicket,
  replyToTicket,
  transcriptOf,
  MAX_TICKET_TEXT,
  type TranscriptLine,
} from "../../domain/tickets.server";
import { DomainError, errorText } from "../../domain/conversations/errors";
import { formatTicketNumber, parseTicketNumber } from "../../domain/conversations/input";
import { runningDeadline, slaState } from "../../domain/ticket-sla";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "../../domain/ticket-status";
import type { MessageKey, Translate } from "../../lib/i18n/catalog";
import type { GraphqlClient } from "../../integrations/shopify/client.server";
import { ticketDeliveries } from "../../integrations/email/outbox.server";
import { customerContextForAdmin } from "../../integrations/shopify/admin-customer-context.server";

const TICKET_PARAM = /^(T-)?\d{1,9}$/i;

function notFound(): Response {
  return new Response("Ticket not found", { status: 404 });
}

async function ticketOf(shop: string, param: string) {
  if (!TICKET_PARAM.test(param)) return null;
  return findTicketByNumber(shop, parseTicketNumber(param));
}

const transcriptSchema = z.array(
  z.object({
    role: z.string(),
    author: z.string().nullable().optional(),
    text: z.string(),
    at: z.string().optional(),
  }),
);

/** The snapshot taken when the ticket was created; a ticket without one shows the chat as it is now. */
async function transcriptFor(
  shop: string,
  snapshot: string | null,
  conversationId: string | null,
): Promise<{ lines: TranscriptLine[]; live: boolean }> {
  if (snapshot) {
    try {
      const parsed = transcriptSchema.safeParse(JSON.parse(snapshot));
      if (parsed.success)
        return {
          lines: parsed.data.map((l) => ({ role: l.role, author: l.author ?? null, text: l.text, at: l.at ?? "" })),
          live: false,
        };
    } catch {
      // an unreadable snapshot: fall back to the chat itself
    }
  }
  if (!conversationId) return { lines: [], live: false };
  return { lines: await transcriptOf(shop, conversationId), live: true };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function loadTicketPage(shop: string, param: string, admin: GraphqlClient, now = new Date()) {
  const ticket = await ticketOf(shop, param);
  if (!ticket) throw notFound();
  const [comments, notes, events, operators, conversation, transcript, customer, emails] = await Promise.all([
    listTicketComments(shop, ticket.id),
    listTicketNotes(shop, ticket.id),
    listTicketEvents(shop, ticket.id),
    listOperators(shop),
    ticket.conversationId ? findConversation(shop, ticket.conversationId) : Promise.resolve(null),
    transcriptFor(shop, ticket.transcript, ticket.conversationId),
    ticket.customerId ? customerContextForAdmin(shop, ticket.customerId, admin) : Promise.resolve(null),
    ticketDeliveries(shop, ticket.id),
  ]);
  const deadline = runningDeadline(ticket);
  return {
    ticket: {
      id: ticket.id,
      number: formatTicketNumber(ticket.number),
      subject: ticket.subject,
      description: ticket.description,
      status: ticket.status,
      priority: ticket.priority,
      source: ticket.source,
      assigneeId: ticket.assigneeId,
      requesterEmail: ticket.requesterEmail,
      requesterName: ticket.requesterName,
      requesterPhone: ticket.requesterPhone,
      customerId: ticket.customerId,
      createdAt: ticket.createdAt.toISOString(),
      updatedAt: ticket.updatedAt.toISOString(),
      firstResponseDueAt: iso(ticket.firstResponseDueAt),
      resolutionDueAt: iso(ticket.resolutionDueAt),
      firstRespondedAt: iso(ticket.firstRespondedAt),
      resolvedAt: iso(ticket.resolvedAt),
      slaBreachedAt: iso(ticket.slaBreachedAt),
      sla: slaState(ticket, now.getTime()),
      runningDeadline: deadline ? { kind: deadline.kind, dueAt: deadline.dueAt.toISOString() } : null,
    },
    emails,
    comments: comments.map((c) => ({
      id: c.id,
      authorType: c.authorType,
      authorName: c.authorName,
      body: c.body,
      createdAt: c.createdAt.toISOString(),
    })),
    notes: notes.map((n) => ({
      id: n.id,
      authorName: n.authorName,
      text: n.text,
      createdAt: n.createdAt.toISOString(),
    })),
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      actorType: e.actorType,
      actorName: e.actorName,
      data: parseEventData(e.data),
      createdAt: e.createdAt.toISOString(),
    })),
    operators: operators.map((o) => ({ id: o.id, name: o.name })),
    conversation: conversation ? { id: conversation.id, state: conversation.state } : null,
    transcript,
    customer,
    now: now.getTime(),
  };
}

function parseEventData(raw: string | null): Record<string, unknown> {
  if (!raw) return {};
  try {
    const value = JSON.parse(raw) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// validation messages are message keys, translated when the answer is written
const key = (k: Extract<MessageKey, `tickets.results.${string}`>) => k;
const text = z.string().max(MAX_TICKET_TEXT * 2, key("tickets.results.textTooLong"));
export const ticketActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("status"),
    status: z.enum(TICKET_STATUSES, { message: key("tickets.results.chooseStatus") }),
  }),
  z.object({
    intent: z.literal("priority"),
    priority: z.enum(TICKET_PRIORITIES, { message: key("tickets.results.choosePriority") }),
  }),
  z.object({
    intent: z.literal("assign"),
    assigneeId: z
      .string({ message: key("tickets.results.chooseOperator") })
      .min(1, key("tickets.results.chooseOperator"))
      .max(64),
  }),
  z.object({ intent: z.literal("reply"), text: text }),
  z.object({ intent: z.literal("note"), text: text }),
]);
export type TicketAction = z.infer<typeof ticketActionSchema>;

export type TicketActionResult =
  | { ok: true; intent: TicketAction["intent"]; message: string }
  | { ok: false; intent: string; error: { code: string; message: string } };

function fail(intent: string, code: string, message: string, status: number) {
  return Response.json({ ok: false, intent, error: { code, message } } satisfies TicketActionResult, { status });
}

export async function runTicketAction(
  shop: string,
  param: string,
  me: Operator,
  form: FormData,
  t: Translate,
): Promise<Response> {
  const raw = Object.fromEntries(form);
  const intent = String(raw.intent ?? "");
  const parsed = ticketActionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message =
      issue?.code === "invalid_union_discriminator"
        ? t("tickets.results.unknownAction")
        : issue?.message.startsWith("tickets.results.")
          ? t(issue.message as MessageKey)
          : t("tickets.results.invalid");
    return fail(intent, "invalid_request", message, 422);
  }
  const ticket = await ticketOf(shop, param);
  if (!ticket) return fail(intent, "not_found", t("tickets.results.notFound"), 404);
  const input = parsed.data;
  const actor = { type: "operator" as const, id: me.id, name: me.name };
  const ok = (message: string) =>
    Response.json({ ok: true, intent: input.intent, message } satisfies TicketActionResult);
  try {
    switch (input.intent) {
      case "status": {
        const { changed } = await changeTicket(shop, ticket.id, { status: input.status }, actor);
        const label = t(`tickets.status.${input.status}`);
        return ok(t(changed ? "tickets.results.statusSet" : "tickets.results.statusAlready", { label }));
      }
      case "priority": {
        const { changed } = await changeTicket(shop, ticket.id, { priority: input.priority }, actor);
        const label = t(`tickets.priority.${input.priority}`);
        return ok(t(changed ? "tickets.results.prioritySet" : "tickets.results.priorityAlready", { label }));
      }
      case "assign": {
        const assigneeId = input.assigneeId === "none" ? null : input.assigneeId;
        const { changed } = await changeTicket(shop, ticket.id, { assigneeId }, actor);
        return ok(
          t(
            !changed
              ? "tickets.results.nothingChanged"
              : assigneeId
                ? "tickets.results.assigned"
                : "tickets.results.unassigned",
          ),
        );
      }
      case "reply":
        await replyToTicket(shop, ticket.id, input.text, actor);
        return ok(t("tickets.results.replySent"));
      case "note":
        await addTicketNote(shop, ticket.id, input.text, actor);
        return ok(t("tickets.results.noteAdded"));
    }
  } catch (error) {
    if (error instanceof DomainError) return fail(input.intent, error.code, errorText(error, t), error.status);
    throw error;
  }
}
