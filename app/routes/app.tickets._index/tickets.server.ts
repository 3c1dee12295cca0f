/** Data and the bulk action of the ticket list (thin: the domain makes every change). */
import { z } from "zod";
import { getShopSettings } from "../../repositories/admin.server";
import { listTicketsForAdmin, ticketStatusCounts } from "../../repositories/ticket-list.server";
import { listOperators } from "../../repositories/operators.server";
import { bulkChangeTickets, MAX_BULK_TICKETS } from "../../domain/tickets.server";
import { formatTicketNumber } from "../../domain/conversations/input";
import type { MessageKey, Translate } from "../../lib/i18n/catalog";
import { DomainError, errorText } from "../../domain/conversations/errors";
import { slaState, TICKET_SLA_STATES } from "../../domain/ticket-sla";
import { TICKET_PRIORITIES, TICKET_SORTS, TICKET_SOURCES, TICKET_STATUSES } from "../../domain/ticket-status";
import { startOfDayInZone } from "../../lib/format";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The list's query string. Filters from a link are forgiving: an unknown value is ignored. */
export const ticketListParams = z.object({
  status: z.enum(TICKET_STATUSES).optional().catch(undefined),
  priority: z.enum(TICKET_PRIORITIES).optional().catch(undefined),
  assignee: z.string().max(64).optional().catch(undefined),
  source: z.enum(TICKET_SOURCES).optional().catch(undefined),
  sla: z.enum(TICKET_SLA_STATES).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(TICKET_SORTS).catch("updated"),
  cursor: z.string().max(400).optional().catch(undefined),
});
export type TicketListParams = z.infer<typeof ticketListParams>;

export function parseTicketListParams(url: URL): TicketListParams {
  return ticketListParams.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
}

function nextDay(value: string): string {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Everything the list page shows. Dates of the range are the shop's calendar days. */
export async function loadTicketList(shop: string, params: TicketListParams, now = new Date()) {
  const settings = await getShopSettings(shop);
  const timeZone = settings?.timezone ?? "UTC";
  const from = params.from ? startOfDayInZone(params.from, timeZone) : null;
  const to = params.to ? startOfDayInZone(nextDay(params.to), timeZone) : null;
  const rangeError = from && to && to <= from ? "The end date is before the start date." : null;
  const [page, counts, operators] = await Promise.all([
    listTicketsForAdmin(
      shop,
      {
        status: params.status,
        priority: params.priority,
        assignee: params.assignee,
        source: params.source,
        sla: params.sla,
        ...(from && !rangeError ? { createdFrom: from } : {}),
        ...(to && !rangeError ? { createdTo: to } : {}),
        search: params.q,
        sort: params.sort,
        cursor: params.cursor,
      },
      now,
    ),
    ticketStatusCounts(shop),
    listOperators(shop),
  ]);
  return {
    rows: page.rows.map((t) => ({
      id: t.id,
      number: formatTicketNumber(t.number),
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      source: t.source,
      requester: t.requesterName ?? t.requesterEmail,
      requesterEmail: t.requesterEmail,
      assignee: t.assignee,
      sla: slaState(t, now.getTime()),
      slaDueAt: t.slaDueAt?.toISOString() ?? null,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
    counts,
    operators: operators.map((o) => ({ id: o.id, name: o.name })),
    rangeError,
    now: now.getTime(),
  };
}

const ids = z
  .string()
  .transform((v) => v.split(",").filter(Boolean))
  .pipe(
    z
      .array(z.string().min(1).max(64))
      .min(1, "tickets.bulkResults.selectOne" satisfies MessageKey)
      .max(MAX_BULK_TICKETS, "tickets.bulkResults.selectAtMost" satisfies MessageKey),
  );

export const bulkSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("bulk_status"),
    ids,
    status: z.enum(TICKET_STATUSES, { message: "tickets.results.chooseStatus" satisfies MessageKey }),
  }),
  z.object({
    intent: z.literal("bulk_assign"),
    ids,
    assigneeId: z
      .string({ message: "tickets.results.chooseOperator" satisfies MessageKey })
      .min(1, "tickets.results.chooseOperator" satisfies MessageKey)
      .max(64),
  }),
]);

export type BulkActionResult =
  | { ok: true; intent: string; message: string }
  | { ok: false; intent: string; error: { code: string; message: string } };

function fail(intent: string, code: string, message: string, status: number) {
  return Response.json({ ok: false, intent, error: { code, message } } satisfies BulkActionResult, { status });
}

/** The bulk status or assignee change, confirmed in the list in the staff member's language. */
export async function runBulkAction(shop: string, actor: { id: string; name: string }, form: FormData, t: Translate) {
  const raw = Object.fromEntries(form);
  const parsed = bulkSchema.safeParse(raw);
  const intent = String(raw.intent ?? "");
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message =
      issue?.code === "invalid_union_discriminator"
        ? t("tickets.results.unknownAction")
        : issue?.message.startsWith("tickets.")
          ? t(issue.message as MessageKey, { max: MAX_BULK_TICKETS })
          : t("tickets.results.invalid");
    return fail(intent, "invalid_request", message, 422);
  }
  const input = parsed.data;
  try {
    const result = await bulkChangeTickets(
      shop,
      input.ids,
      input.intent === "bulk_status"
        ? { status: input.status }
        : { assigneeId: input.assigneeId === "none" ? null : input.assigneeId },
      { type: "operator", ...actor },
    );
    const parts = [
      input.intent === "bulk_status"
        ? t("tickets.bulkResults.statusSet", { count: result.changed, label: t(`tickets.status.${input.status}`) })
        : t("tickets.bulkResults.reassigned", { count: result.changed }),
    ];
    if (result.unchanged) parts.push(t("tickets.bulkResults.unchanged", { count: result.unchanged }));
    if (result.notFound) parts.push(t("tickets.bulkResults.notFound", { count: result.notFound }));
    return Response.json({ ok: true, intent, message: parts.join(" ") } satisfies BulkActionResult);
  } catch (error) {
    if (error instanceof DomainError) return fail(intent, error.code, errorText(error, t), error.status);
    throw error;
  }
}
