/**
 * CSV exports of conversations, messages and tickets for a period (ADR 175), streamed: rows are
 * read one keyset page at a time as the download is consumed (csv-stringify's stream, so a slow
 * client holds back the database reads), never the whole period at once. Every export is written
 * to the audit log before its first byte. Dates are ISO 8601 in UTC; a cell a spreadsheet would run
 * as a formula is prefixed with an apostrophe (as the FAQ export does).
 */
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { Period } from "../../repositories/analytics.server";
import {
  conversationExportPage,
  messageExportPage,
  ticketExportPage,
  type KeysetCursor,
} from "../../repositories/exports.server";
import { listOperators } from "../../repositories/operators.server";
import { writeAudit } from "../../repositories/audit.server";
import { escapeCell } from "../knowledge/csv.server";
import { formatTicketNumber } from "../ticket-public";

export const EXPORT_KINDS = ["conversations", "messages", "tickets"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_PAGE_SIZE = 1000;

type Cell = string | number | Date | null | undefined;

const cell = (v: Cell): string =>
  v === null || v === undefined
    ? ""
    : v instanceof Date
      ? v.toISOString()
      : typeof v === "number"
        ? String(v)
        : escapeCell(v);

interface Source<T extends KeysetCursor> {
  columns: string[];
  page: (after: KeysetCursor | null, limit: number) => Promise<T[]>;
  row: (r: T) => Cell[];
}

async function* rows<T extends KeysetCursor>(source: Source<T>, pageSize: number): AsyncGenerator<string[]> {
  let after: KeysetCursor | null = null;
  for (;;) {
    const page = await source.page(after, pageSize);
    for (const r of page) yield source.row(r).map(cell);
    if (page.length < pageSize) return;
    const last = page.at(-1)!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

async function source(shop: string, kind: ExportKind, period: Period): Promise<Source<KeysetCursor>> {
  if (kind === "conversations")
    return {
      columns: [
        "id",
        "created_at",
        "state",
        "close_reason",
        "operator",
        "customer_id",
        "email",
        "name",
        "locale",
        "tags",
        "rating",
        "rating_comment",
        "messages",
        "ai_cost_usd",
        "queued_at",
        "first_human_reply_at",
        "closed_at",
      ],
      page: (after, limit) => conversationExportPage(shop, period, after, limit),
      row: (r) => {
        const c = r as Awaited<ReturnType<typeof conversationExportPage>>[number];
        return [
          c.id,
          c.createdAt,
          c.state,
          c.closeReason,
          c.assignee?.name,
          c.customerId,
          c.contactEmail,
          c.contactName,
          c.locale,
          c.tags,
          c.rating,
          c.ratingComment,
          c.messageCount,
          (c.aiCostMicros / 1_000_000).toFixed(6),
          c.queuedAt,
          c.firstHumanReplyAt,
          c.closedAt,
        ];
      },
    };
  if (kind === "messages")
    return {
      columns: ["id", "conversation_id", "created_at", "role", "author", "status", "text"],
      page: (after, limit) => messageExportPage(shop, period, after, limit),
      row: (r) => {
        const m = r as Awaited<ReturnType<typeof messageExportPage>>[number];
        return [m.id, m.conversationId, m.createdAt, m.role, m.authorName, m.status, m.text];
      },
    };
  const names = new Map((await listOperators(shop)).map((o) => [o.id, o.name]));
  return {
    columns: [
      "number",
      "id",
      "created_at",
      "subject",
      "status",
      "priority",
      "source",
      "requester_email",
      "requester_name",
      "customer_id",
      "conversation_id",
      "assignee",
      "first_response_due_at",
      "resolution_due_at",
      "first_responded_at",
      "resolved_at",
      "sla_breached_at",
    ],
    page: (after, limit) => ticketExportPage(shop, period, after, limit),
    row: (r) => {
      const t = r as Awaited<ReturnType<typeof ticketExportPage>>[number];
      return [
        formatTicketNumber(t.number),
        t.id,
        t.createdAt,
        t.subject,
        t.status,
        t.priority,
        t.source,
        t.requesterEmail,
        t.requesterName,
        t.customerId,
        t.conversationId,
        t.assigneeId ? names.get(t.assigneeId) : null,
        t.firstResponseDueAt,
        t.resolutionDueAt,
        t.firstRespondedAt,
        t.resolvedAt,
        t.slaBreachedAt,
      ];
    },
  };
}

/**
 * Audits the export, then returns its CSV as a byte stream (header row first). `pageSize` is for
 * tests and the benchmark.
 */
export async function exportCsv(
  shop: string,
  actor: { id: string },
  kind: ExportKind,
  period: Period & { from: string; to: string },
  options: { pageSize?: number } = {},
): Promise<ReadableStream<Uint8Array>> {
  await writeAudit(shop, {
    actorType: "operator",
    actorId: actor.id,
    action: `export.${kind}`,
    targetType: kind,
    data: { from: period.from, to: period.to },
  });
  const src = await source(shop, kind, period);
  const input = Readable.from(rows(src, options.pageSize ?? EXPORT_PAGE_SIZE));
  const csv = input.pipe(stringify({ header: true, columns: src.columns, bom: true }));
  // a failed read ends the download with an error instead of a truncated file that looks whole
  input.on("error", (error) => csv.destroy(error));
  return Readable.toWeb(csv) as unknown as ReadableStream<Uint8Array>;
}
