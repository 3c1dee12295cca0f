/**
 * What a shopper may see of a ticket: its number format and the shape `GET /proxy/tickets/:number`
 * answers with. Pure and dependency-free: the server builds its answer with these types and the
 * storefront widget (widget/src) imports the same module, so both sides agree on one contract.
 */
import type { TicketStatus } from "./ticket-status";

export const TICKET_NUMBER_PREFIX = "T-";

/** What a shopper may type into a lookup: "T-1001" or "1001" (any case). */
export const TICKET_NUMBER_INPUT = /^(?:T-)?\d{1,9}$/i;

/** A ticket number inside running text ("We created ticket T-1001."). */
export const TICKET_NUMBER_IN_TEXT = /\bT-\d{1,9}\b/g;

export function formatTicketNumber(n: number): string {
  return `${TICKET_NUMBER_PREFIX}${n}`;
}

/** "T-1001", "t-1001" or "1001" → 1001. */
export function parseTicketNumber(value: string): number {
  return Number(value.trim().replace(/^T-/i, ""));
}

/** A public reply on the ticket: from the store's team, or from the shopper (e.g. by email). */
export interface PublicTicketReply {
  from: "team" | "you";
  /** The team member's name; absent for the shopper's own replies. */
  name?: string;
  text: string;
  createdAt: string;
}

export interface PublicTicket {
  number: string;
  status: TicketStatus;
  updatedAt: string;
  /** Oldest first. Internal notes and system entries never appear here. */
  replies: PublicTicketReply[];
}
