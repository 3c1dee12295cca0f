/**
 * Transcript downloads (ADR 176): a conversation's visible messages (never internal notes), or a
 * ticket's chat and public replies, as plain text (times in the shop's time zone) or JSON (ISO 8601
 * in UTC). Each download is written to the audit log.
 */
import { findConversation } from "../../repositories/conversations.server";
import { findTicketByNumber, listPublicTicketComments } from "../../repositories/tickets.server";
import { writeAudit } from "../../repositories/audit.server";
import { formatDateTime } from "../../lib/format";
import { formatTicketNumber } from "../ticket-public";
import { transcriptOf, type TranscriptLine } from "../tickets.server";

export type TranscriptFormat = "text" | "json";

export interface TranscriptFile {
  filename: string;
  contentType: string;
  body: string;
}

const ROLE: Record<string, string> = {
  shopper: "Shopper",
  ai: "Assistant",
  operator: "Operator",
  system: "Notice",
  requester: "Requester",
};

function speaker(line: TranscriptLine): string {
  const role = ROLE[line.role] ?? line.role;
  return line.author ? `${line.author} (${role.toLowerCase()})` : role;
}

function asText(title: string, timeZone: string, sections: [string | null, TranscriptLine[]][]): string {
  const out = [title, `Times in ${timeZone}`];
  for (const [heading, lines] of sections) {
    out.push("", ...(heading ? [heading] : []));
    for (const l of lines) out.push(`[${formatDateTime(l.at, timeZone)}] ${speaker(l)}: ${l.text}`);
  }
  return `${out.join("\n")}\n`;
}

function file(name: string, format: TranscriptFormat, text: () => string, json: () => unknown): TranscriptFile {
  return format === "json"
    ? {
        filename: `${name}.json`,
        contentType: "application/json; charset=utf-8",
        body: JSON.stringify(json(), null, 2),
      }
    : { filename: `${name}.txt`, contentType: "text/plain; charset=utf-8", body: text() };
}

async function audit(shop: string, actorId: string, targetType: string, targetId: string, format: TranscriptFormat) {
  await writeAudit(shop, {
    actorType: "operator",
    actorId,
    action: "transcript.downloaded",
    targetType,
    targetId,
    data: { format },
  });
}

export async function conversationTranscript(
  shop: string,
  actor: { id: string },
  conversationId: string,
  format: TranscriptFormat,
  timeZone: string,
): Promise<TranscriptFile | null> {
  const conv = await findConversation(shop, conversationId);
  if (!conv) return null;
  const lines = await transcriptOf(shop, conv.id);
  await audit(shop, actor.id, "conversation", conv.id, format);
  return file(
    `conversation-${conv.id}`,
    format,
    () =>
      asText(`Conversation ${conv.id}, started ${formatDateTime(conv.createdAt, timeZone)}`, timeZone, [[null, lines]]),
    () => ({
      conversation: {
        id: conv.id,
        state: conv.state,
        createdAt: conv.createdAt.toISOString(),
        closedAt: conv.closedAt?.toISOString() ?? null,
      },
      messages: lines,
    }),
  );
}

export async function ticketTranscript(
  shop: string,
  actor: { id: string },
  number: number,
  format: TranscriptFormat,
  timeZone: string,
): Promise<TranscriptFile | null> {
  const ticket = await findTicketByNumber(shop, number);
  if (!ticket) return null;
  // the chat as it is now, or the snapshot taken when the ticket was created if the chat is gone
  const live = ticket.conversationId && (await findConversation(shop, ticket.conversationId));
  let chat: TranscriptLine[] = [];
  if (live) chat = await transcriptOf(shop, live.id);
  else if (ticket.transcript) {
    try {
      chat = JSON.parse(ticket.transcript) as TranscriptLine[];
    } catch {
      chat = [];
    }
  }
  const replies: TranscriptLine[] = (await listPublicTicketComments(shop, ticket.id)).map((c) => ({
    role: c.authorType,
    author: c.authorName,
    text: c.body,
    at: c.createdAt.toISOString(),
  }));
  const name = formatTicketNumber(ticket.number);
  await audit(shop, actor.id, "ticket", ticket.id, format);
  return file(
    `ticket-${name}`,
    format,
    () =>
      asText(`Ticket ${name}: ${ticket.subject}`, timeZone, [
        ["Conversation", chat],
        ...(replies.length ? [["Replies", replies] as [string, TranscriptLine[]]] : []),
      ]),
    () => ({
      ticket: {
        number: name,
        subject: ticket.subject,
        status: ticket.status,
        createdAt: ticket.createdAt.toISOString(),
      },
      conversation: chat,
      replies,
    }),
  );
}
