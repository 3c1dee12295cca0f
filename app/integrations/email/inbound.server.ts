/**
 * Replies by email (docs/api/email-inbound.md): a provider's inbound webhook posts the raw MIME
 * message, signed with Standard Webhooks (TANDEM_EMAIL_INBOUND_SECRET). The signature is checked on
 * the raw bytes before anything is parsed; then mailparser reads it, the reply address's token
 * (reply+TOKEN@TANDEM_EMAIL_INBOUND_DOMAIN) names the ticket and so the shop, the quoted history is
 * cut, and the new text is appended as the requester's public reply, reopening the ticket.
 *
 * - idempotent on Message-ID (a provider's retry or a replay changes nothing);
 * - an automatic answer (Auto-Submitted, Precedence bulk/auto_reply) is ignored: no mail loops;
 * - a sender who is not the requester (a forward, a colleague) does not speak for them in public:
 *   the text becomes an internal note naming the sender's address, for an operator to judge.
 */
import { createHash } from "node:crypto";
import { simpleParser, type AddressObject } from "mailparser";
import { Webhook } from "standardwebhooks";
import { db } from "../../db.server";
import { isUniqueViolation } from "../../db/errors.server";
import { env } from "../../env.server";
import { addInternalNote } from "../../repositories/messages.server";
import { requesterReply, MAX_TICKET_TEXT } from "../../domain/tickets.server";
import { findReplyToken, replyTokenIn } from "./reply-address.server";
import { stripQuotedHistory } from "./quoted";

/** Raw messages above this size are refused (413): text replies are far smaller; attachments are not kept. */
export const MAX_INBOUND_BYTES = 2 * 1024 * 1024;

export type InboundOutcome =
  | { status: 200; outcome: "appended" | "duplicate" | "internal_note" | "ignored"; reason?: string; ticket?: number }
  | { status: 401 | 404 | 413 | 422; code: string; message: string };

export function verifyInbound(raw: Buffer, headers: Headers): boolean {
  const secret = env().TANDEM_EMAIL_INBOUND_SECRET;
  if (!secret) return false;
  try {
    new Webhook(secret).verify(
      raw,
      {
        "webhook-id": headers.get("webhook-id") ?? "",
        "webhook-timestamp": headers.get("webhook-timestamp") ?? "",
        "webhook-signature": headers.get("webhook-signature") ?? "",
      },
      { jsonParse: false },
    );
    return true;
  } catch {
    return false;
  }
}

function addresses(list: AddressObject | AddressObject[] | undefined): string[] {
  const all = Array.isArray(list) ? list : list ? [list] : [];
  return all.flatMap((a) => a.value.map((v) => v.address ?? "")).filter(Boolean);
}

function headerText(value: unknown): string {
  return typeof value === "string" ? value : Array.isArray(value) ? value.join(",") : "";
}

/** Takes one signed raw message. */
export async function takeInboundEmail(raw: Buffer): Promise<InboundOutcome> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const recipients = [
    ...addresses(mail.to),
    ...addresses(mail.cc),
    ...headerText(mail.headers.get("delivered-to")).split(","),
    ...headerText(mail.headers.get("x-original-to")).split(","),
  ];
  const token = replyTokenIn(recipients);
  const found = token ? await findReplyToken(token) : null;
  if (!found) return { status: 404, code: "not_found", message: "No ticket has this reply address." };
  const { shop, ticketId } = found;
  const ticket = await db().ticket.findFirst({ where: { shop, id: ticketId } });
  if (!ticket) return { status: 404, code: "not_found", message: "No ticket has this reply address." };

  const messageId = mail.messageId?.trim() || `<sha256-${createHash("sha256").update(raw).digest("hex")}>`;
  const auto = headerText(mail.headers.get("auto-submitted")).toLowerCase();
  const precedence = headerText(mail.headers.get("precedence")).toLowerCase();
  if ((auto && auto !== "no") || ["bulk", "junk", "auto_reply", "list"].includes(precedence))
    return { status: 200, outcome: "ignored", reason: "automatic reply", ticket: ticket.number };

  const text = stripQuotedHistory(mail.text ?? "").slice(0, MAX_TICKET_TEXT);
  if (!text) return { status: 200, outcome: "ignored", reason: "no new text", ticket: ticket.number };
  const sender = mail.from?.value[0];
  const fromAddress = (sender?.address ?? "").trim().toLowerCase();
  const isRequester = fromAddress !== "" && fromAddress === (ticket.requesterEmail ?? "").trim().toLowerCase();

  try {
    await db().inboundEmail.create({
      data: { shop, messageId, ticketId, outcome: isRequester ? "appended" : "internal_note" },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { status: 200, outcome: "duplicate", ticket: ticket.number };
    throw error;
  }
  try {
    if (isRequester) {
      await requesterReply(shop, ticketId, text, sender?.name || ticket.requesterName);
      return { status: 200, outcome: "appended", ticket: ticket.number };
    }
    await addInternalNote(shop, {
      ticketId,
      authorOperatorId: null,
      authorName: null,
      text: `Email from ${fromAddress || "an unknown sender"} (not the requester), not shown to the requester:\n\n${text}`,
    });
    return { status: 200, outcome: "internal_note", ticket: ticket.number };
  } catch (error) {
    await db().inboundEmail.deleteMany({ where: { shop, messageId } });
    throw error;
  }
}
